//! `guichet login` on the embedded sandbox, clicked through by a real headless Chromium.

use serde_json::{Value, json};

use crate::support::browser::Chromium;
use crate::support::cli::{Machine, assert_no_tokens, finish, stderr, stdout};

/// Runs a sign-in, clicking `ids` in order, and returns guichet's output.
async fn sign_in(extra: &[&str], ids: &[&str]) -> (std::process::Output, String) {
    let machine = Machine::new();
    let chromium = Chromium::new();
    let child = machine.start_login(&chromium.command(), extra);
    let driver = chromium.attach().await;
    for id in ids {
        driver.click(id).await;
    }
    let (page, language) = driver.landing().await;
    assert_eq!(language, "en", "the tab speaks the command's language");
    let landing = format!("{page}: {}", driver.text("message-en").await);
    driver.close().await;
    (finish(child).await, landing)
}

fn identity(output: &std::process::Output) -> Value {
    assert!(
        output.status.success(),
        "guichet failed: {:?}\n{}",
        output.status,
        stderr(output)
    );
    serde_json::from_str(stdout(output).trim())
        .unwrap_or_else(|e| panic!("not one JSON object ({e}): {}", stdout(output)))
}

#[tokio::test]
async fn french_sign_in_prints_the_verified_identity_as_json() {
    let (output, landing) = sign_in(
        &["--json"],
        &["idp-fip1", "identity-marie", "consent-button"],
    )
    .await;
    assert!(
        landing.starts_with("signed-in: Your identity has been verified")
            && landing.contains("Look at the Guichet screen"),
        "the tab says the identity is verified and sends the person back: {landing}"
    );
    let json = identity(&output);
    assert_eq!(json["given_name"], "Marie");
    assert_eq!(json["family_name"], "Martin");
    assert_eq!(
        json["preferred_username"], "Dupont",
        "the usage name comes through"
    );
    assert_eq!(json["birthdate"], "1982-03-14");
    assert_eq!(
        json["birthplace"], "75107",
        "French birthplace is an INSEE code"
    );
    assert_eq!(json["birthcountry"], "99100");
    assert_eq!(json["birthplace_name"], "Paris 7e Arrondissement");
    assert_eq!(json["birthcountry_name"], "France");
    assert_eq!(json["origin"], "france");
    assert_eq!(json["acr"], "eidas3", "eidas3 is the default level");
    assert!(
        json["amr"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "fc" || m == "fr")
    );
    assert!(json["sub"].as_str().is_some_and(|s| !s.is_empty()));
    assert!(
        json["expires_at"]
            .as_str()
            .is_some_and(|s| s.ends_with('Z')),
        "RFC 3339 UTC: {json}"
    );
    assert_no_tokens(&stdout(&output));
    assert_no_tokens(&stderr(&output));
}

#[tokio::test]
async fn eidas_sign_in_from_germany_has_the_eidas_claim_set() {
    let (output, _) = sign_in(
        &["--json", "--eidas"],
        &["country-DE", "identity-erika", "consent-button"],
    )
    .await;
    let json = identity(&output);
    assert_eq!(json["given_name"], "Erika");
    assert_eq!(json["family_name"], "Mustermann");
    assert_eq!(
        json["birthplace"], "Berlin",
        "eIDAS birthplace is free text"
    );
    assert_eq!(
        json["birthplace_name"],
        serde_json::Value::Null,
        "no code, no name"
    );
    assert_eq!(json["origin"], "eidas");
    let object = json.as_object().unwrap();
    assert!(
        !object.contains_key("birthcountry"),
        "eIDAS never gives a birth country: {json}"
    );
    assert!(
        !object.contains_key("email"),
        "eIDAS never gives an email: {json}"
    );
}

#[tokio::test]
async fn eidas_sign_in_from_spain_keeps_accents_and_omits_absent_fields() {
    let (output, _) = sign_in(
        &["--json", "--eidas", "--acr", "eidas2"],
        &["country-ES", "identity-maria", "consent-button"],
    )
    .await;
    let json = identity(&output);
    assert_eq!(json["given_name"], "María");
    assert_eq!(json["family_name"], "García López");
    assert_eq!(json["origin"], "eidas");
    assert!(
        json["acr"] == "eidas2" || json["acr"] == "eidas3",
        "at least the level asked: {json}"
    );
    assert!(
        json.get("birthplace").is_none(),
        "no birthplace given, none shown: {json}"
    );
}

#[tokio::test]
async fn the_eidas_button_on_the_chooser_leads_to_the_same_path() {
    let (output, _) = sign_in(
        &["--json"],
        &[
            "eidas-button",
            "country-IT",
            "identity-mario",
            "consent-button",
        ],
    )
    .await;
    let json = identity(&output);
    assert_eq!(json["family_name"], "Rossi");
    assert_eq!(
        json["origin"], "eidas",
        "origin comes from amr, not from how the app started"
    );
}

#[tokio::test]
async fn text_output_labels_the_identity_for_the_agent() {
    let (output, _) = sign_in(&[], &["idp-fip2", "identity-jean", "consent-button"]).await;
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("Verified identity"), "{text}");
    assert!(
        text.contains("Jean Pierre") && text.contains("Bernard"),
        "{text}"
    );
    assert!(text.contains("high (eidas3)"), "{text}");
    assert!(
        !text.contains("Used name"),
        "no usage name for this identity, so no empty row: {text}"
    );
}

#[tokio::test]
async fn cancel_at_fc_plus_is_a_clear_access_denied_error() {
    let (output, landing) = sign_in(&["--json"], &["cancel-link"]).await;
    assert_eq!(
        output.status.code(),
        Some(3),
        "cancellations exit 3: {}",
        stderr(&output)
    );
    let err = stderr(&output);
    assert!(err.contains("access_denied"), "{err}");
    assert!(
        err.contains("start the sign-in again"),
        "the message says what to do: {err}"
    );
    assert!(
        stdout(&output).is_empty(),
        "no identity on stdout after a cancel"
    );
    assert!(landing.starts_with("cancelled: "), "{landing}");
}

/// FC+ sends a presumed birthdate with zeros (`1962-08-00`, `1958-00-00`): `--json` keeps it,
/// the text reads as a person would write it.
#[tokio::test]
async fn presumed_birthdates_are_kept_in_json_and_readable_in_text() {
    let (output, _) = sign_in(
        &["--json"],
        &["idp-fip2", "identity-karim", "consent-button"],
    )
    .await;
    let json = identity(&output);
    assert_eq!(json["birthdate"], "1962-08-00", "FC+'s value, unchanged");
    assert!(
        json.get("birthplace").is_none(),
        "born abroad: no birthplace"
    );

    let (text, row) = birth_date_row(&["idp-fip2", "identity-karim", "consent-button"]).await;
    assert!(row.trim_end().ends_with(" 08/1962, day unknown"), "{row}");
    assert!(
        !text.contains("00/08/1962") && !text.contains("1962-08-00"),
        "{text}"
    );

    let (text, row) = birth_date_row(&["idp-fip1", "identity-colette", "consent-button"]).await;
    assert!(
        row.trim_end().ends_with(" 1958, day and month unknown"),
        "{row}"
    );
    assert!(!text.contains("00/00"), "{text}");
}

/// Signs in through `ids` with the text output; returns it and its birth date row.
async fn birth_date_row(ids: &[&str]) -> (String, String) {
    let (output, _) = sign_in(&[], ids).await;
    assert!(output.status.success(), "{}", stderr(&output));
    let text = stdout(&output);
    let row = text
        .lines()
        .find(|line| line.contains("Date of birth"))
        .unwrap_or_else(|| panic!("no birth date row: {text}"))
        .to_owned();
    (text, row)
}

/// Names an agent can check against an identity card: the birthplace and birth country by
/// name (a commune merged since keeps its own name, with today's beside it), the gender in
/// words; FC+'s codes stay as they are in `--json`, the names beside them.
#[tokio::test]
async fn places_and_gender_read_as_an_agent_checks_them() {
    let text = |ids: &'static [&'static str]| async move {
        let (output, _) = sign_in(&[], ids).await;
        assert!(output.status.success(), "{}", stderr(&output));
        stdout(&output)
    };
    // A row of the text form: the label padded to the width the values line up at.
    let row = |label: &str, value: &str| format!("{label:<22} {value}");
    let andre = text(&["idp-fip1", "identity-andre", "consent-button"]).await;
    for line in [
        row("Place of birth", "Annecy-le-Vieux, today Annecy (74011)"),
        row("Country of birth", "France (99100)"),
        row("Gender", "Male"),
    ] {
        assert!(andre.contains(&line), "{line:?} in {andre}");
    }
    // Named as it was at the birth date (1985), the same code named otherwise since 2019.
    let hugo = text(&["idp-fip1", "identity-hugo", "consent-button"]).await;
    assert!(
        hugo.contains(&row(
            "Place of birth",
            "Bellegarde-sur-Valserine, today Valserhône (01033)"
        )),
        "{hugo}"
    );
    let paul = text(&["idp-fip1", "identity-paul", "consent-button"]).await;
    assert!(
        paul.contains("75999 (unknown code)"),
        "never nothing: {paul}"
    );
    let karim = text(&["idp-fip2", "identity-karim", "consent-button"]).await;
    assert!(
        karim.contains(&row("Country of birth", "Morocco (99350)")),
        "{karim}"
    );
    assert!(
        !karim.contains("Place of birth"),
        "born abroad: no birthplace row: {karim}"
    );
    let (erika, _) = sign_in(
        &["--eidas"],
        &["country-DE", "identity-erika", "consent-button"],
    )
    .await;
    let erika = stdout(&erika);
    assert!(
        erika.contains("Berlin (as declared by the other country)"),
        "{erika}"
    );

    let (lina, _) = sign_in(
        &["--json"],
        &["idp-fip1", "identity-lina", "consent-button"],
    )
    .await;
    let lina = identity(&lina);
    assert_eq!(lina["birthplace"], "74010", "FC+'s code unchanged");
    assert_eq!(
        lina["birthplace_name"], "Annecy",
        "born after the merger: today's commune"
    );
    let (andre, _) = sign_in(
        &["--json"],
        &["idp-fip1", "identity-andre", "consent-button"],
    )
    .await;
    assert_eq!(identity(&andre)["birthplace_name"], "Annecy-le-Vieux");
    let (hugo, _) = sign_in(
        &["--json"],
        &["idp-fip1", "identity-hugo", "consent-button"],
    )
    .await;
    let hugo = identity(&hugo);
    assert_eq!(
        (&hugo["birthplace"], &hugo["birthplace_name"]),
        (&json!("01033"), &json!("Bellegarde-sur-Valserine")),
        "FC+'s code, and the name it had at the birth date"
    );
    let (paul, _) = sign_in(
        &["--json"],
        &["idp-fip1", "identity-paul", "consent-button"],
    )
    .await;
    assert_eq!(identity(&paul)["birthplace_name"], serde_json::Value::Null);
}
