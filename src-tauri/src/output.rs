//! Printing a verified identity for the agent: labelled text, or one JSON object for scripts.
#![allow(clippy::print_stdout)] // This module is the program's output.

use fcplus::identity::Revealed;
use fcplus::{Origin, VerifiedIdentity};

use counter::Language;
use counter::reading::{Reading, place_names};

/// Prints `identity` to stdout.
pub fn print_identity(
    identity: &VerifiedIdentity,
    json: bool,
    lang: Language,
) -> std::io::Result<()> {
    if json {
        // FC+'s values as sent (`--json` is one of the few places a person's data is written
        // out: an explicit reveal), and beside them the places' names (null when unknown).
        let revealed = Revealed(identity);
        let mut value = serde_json::to_value(&revealed).map_err(std::io::Error::other)?;
        let (birthplace, birthcountry) = place_names(identity);
        if let Some(object) = value.as_object_mut() {
            if identity.identity.birthplace.is_some() {
                object.insert("birthplace_name".into(), birthplace.into());
            }
            if identity.identity.birthcountry.is_some() {
                object.insert("birthcountry_name".into(), birthcountry.into());
            }
        }
        println!("{value}");
        return Ok(());
    }
    print!("{}", render_text(identity, lang));
    Ok(())
}

/// The labelled text form; fields the identity does not have are left out, never blank.
pub fn render_text(identity: &VerifiedIdentity, lang: Language) -> String {
    let fr = lang == Language::French;
    let id = &identity.identity;
    let said = Reading::of(identity);
    let read = |said: &Option<counter::reading::Said>| {
        said.as_ref().map(|s| s.in_language(lang).to_owned())
    };
    let (birthdate, birthplace, birthcountry, gender) = (
        read(&said.birthdate),
        read(&said.birthplace),
        read(&said.birthcountry),
        read(&said.gender),
    );
    let rows: [(&str, &str, Option<&String>); 8] = [
        (
            "Prénom(s)",
            "Given name(s)",
            id.given_name.as_ref().map(|v| v.expose()),
        ),
        (
            "Nom de naissance",
            "Family name",
            id.family_name.as_ref().map(|v| v.expose()),
        ),
        (
            "Nom d'usage",
            "Usage name",
            id.preferred_username.as_ref().map(|v| v.expose()),
        ),
        ("Date de naissance", "Birth date", birthdate.as_ref()),
        ("Sexe", "Gender", gender.as_ref()),
        ("Lieu de naissance", "Birthplace", birthplace.as_ref()),
        ("Pays de naissance", "Birth country", birthcountry.as_ref()),
        ("Courriel", "Email", id.email.as_ref().map(|v| v.expose())),
    ];
    let mut text = String::from(if fr {
        "Identité vérifiée\n"
    } else {
        "Verified identity\n"
    });
    for (label_fr, label_en, value) in rows {
        if let Some(value) = value {
            text.push_str(&format!(
                "  {:<20} {value}\n",
                if fr { label_fr } else { label_en }
            ));
        }
    }
    let level = match (identity.acr, fr) {
        (fcplus::Acr::Eidas2, true) => "substantiel (eidas2)",
        (fcplus::Acr::Eidas2, false) => "substantial (eidas2)",
        (fcplus::Acr::Eidas3, true) => "élevé (eidas3)",
        (fcplus::Acr::Eidas3, false) => "high (eidas3)",
    };
    let origin = match (identity.origin, fr) {
        (Origin::France, true) => "France",
        (Origin::France, false) => "France",
        (Origin::Eidas, true) => "autre pays de l'UE (eIDAS)",
        (Origin::Eidas, false) => "other EU country (eIDAS)",
        (Origin::Unknown, true) => "inconnue",
        (Origin::Unknown, false) => "unknown",
    };
    let expires = identity
        .expires_at
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    text.push_str(&format!(
        "  {:<20} {level}\n",
        if fr { "Niveau" } else { "Level" }
    ));
    text.push_str(&format!(
        "  {:<20} {origin}\n",
        if fr { "Origine" } else { "Origin" }
    ));
    text.push_str(&format!(
        "  {:<20} {expires}\n",
        if fr { "Expire le" } else { "Expires at" }
    ));
    text
}
