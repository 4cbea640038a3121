//! Printing a verified identity for the agent: labelled text, or one JSON object for scripts.
#![allow(clippy::print_stdout)] // This module is the program's output.

use fcplus::identity::Revealed;
use fcplus::{Origin, VerifiedIdentity};

use codes::Word;
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

/// How wide the labels are, so the values line up (the longest: "Origin of the identity").
const LABEL_WIDTH: usize = 22;

/// The labelled text form, with the window's labels; fields the identity does not have are
/// left out, never blank.
pub fn render_text(identity: &VerifiedIdentity, lang: Language) -> String {
    let id = &identity.identity;
    let said = Reading::of(identity);
    let read = |said: &Option<counter::reading::Said>| {
        said.as_ref().map(|s| s.in_language(lang).to_owned())
    };
    let level = match identity.acr {
        fcplus::Acr::Eidas2 => format!("{} (eidas2)", Word::LevelEidas2.text(lang)),
        fcplus::Acr::Eidas3 => format!("{} (eidas3)", Word::LevelEidas3.text(lang)),
    };
    let origin = match identity.origin {
        Origin::France => Word::OriginFrance,
        Origin::Eidas => Word::OriginEidas,
        Origin::Unknown => Word::OriginUnknown,
    };
    let expires = identity
        .expires_at
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default();
    let exposed =
        |field: &Option<fcplus::Sensitive<String>>| field.as_ref().map(|v| v.expose().clone());
    let rows: [(Word, Option<String>); 11] = [
        (Word::GivenName, exposed(&id.given_name)),
        (Word::FamilyName, exposed(&id.family_name)),
        (Word::PreferredUsername, exposed(&id.preferred_username)),
        (Word::Birthdate, read(&said.birthdate)),
        (Word::Gender, read(&said.gender)),
        (Word::Birthplace, read(&said.birthplace)),
        (Word::Birthcountry, read(&said.birthcountry)),
        (Word::Email, exposed(&id.email)),
        (Word::Level, Some(level)),
        (Word::Origin, Some(origin.text(lang).to_owned())),
        (Word::SessionEnds, Some(expires)),
    ];
    let mut text = format!("{}\n", Word::IdentityTitle.text(lang));
    for (label, value) in rows {
        if let Some(value) = value {
            text.push_str(&format!("  {:<LABEL_WIDTH$} {value}\n", label.text(lang)));
        }
    }
    text
}
