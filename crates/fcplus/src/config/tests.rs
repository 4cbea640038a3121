//! The configuration's tests: raw files validated into typed values, and refused ones.

use super::*;

#[test]
fn refuses_plain_http_issuer_off_loopback() {
    let err = validate_issuer("http://auth.example.fr/api/v2").unwrap_err();
    assert!(err.to_string().contains("loopback"), "{err}");
    assert!(validate_issuer("http://127.0.0.1:9000/api/v2").is_ok());
    assert!(validate_issuer("https://auth.integ01.dev-franceconnect.fr/api/v2").is_ok());
}

#[test]
fn redirect_must_be_loopback_ip_with_explicit_port() {
    for bad in [
        "http://localhost:7878/callback",
        "http://0.0.0.0:7878/callback",
        "http://192.168.1.2:7878/callback",
        "http://127.0.0.1/callback",
        "https://127.0.0.1:7878/callback",
    ] {
        assert!(
            validate_redirect("provider.redirect_uri", bad).is_err(),
            "{bad} accepted"
        );
    }
    assert!(validate_redirect("k", "http://127.0.0.1:7878/callback").is_ok());
    assert!(validate_redirect("k", "http://[::1]:7878/callback").is_ok());
}

#[test]
fn direct_mode_at_franceconnect_is_refused_with_a_pointer_to_the_gateway() {
    for issuer in [
        INTEGRATION_ISSUER,
        "https://auth.franceconnect.gouv.fr/api/v2",
        "https://AUTH.FranceConnect.gouv.fr./api/v2",
    ] {
        let raw: RawConfig = toml::from_str(&format!(
            "[provider]\nissuer = \"{issuer}\"\nclient_id = \"c\"\ntoken_auth = \"none\"\nredirect_uri = \"http://127.0.0.1:7878/callback\"\n"
        ))
        .unwrap();
        let err = ProviderConfig::from_raw(raw, Path::new(".")).unwrap_err();
        assert!(
            matches!(err, ConfigError::FranceConnectNeedsGateway { .. }),
            "{issuer} must be refused in direct mode: {err}"
        );
        assert!(err.to_string().contains("gateway"), "{err}");
    }
    let other = Url::parse("https://notfranceconnect.gouv.fr.example/api").unwrap();
    assert!(refuse_franceconnect_issuer(&other).is_ok());
}

#[test]
fn default_scopes_are_the_identite_pivot_without_email() {
    let scopes = validate_scopes(None).unwrap();
    assert!(!scopes.iter().any(|s| s == "email"), "{scopes:?}");
    for claim in [
        "openid",
        "given_name",
        "family_name",
        "birthdate",
        "gender",
        "birthplace",
        "birthcountry",
        "preferred_username",
    ] {
        assert!(scopes.iter().any(|s| s == claim), "{claim} missing");
    }
}

#[test]
fn an_issuer_must_be_written_out() {
    let raw: RawConfig = toml::from_str(
        "[provider]\nclient_id = \"c\"\ntoken_auth = \"none\"\nredirect_uri = \"http://127.0.0.1:7878/callback\"\n",
    )
    .unwrap();
    let err = ProviderConfig::from_raw(raw, Path::new(".")).unwrap_err();
    assert!(err.to_string().contains("provider.issuer"), "{err}");
}

#[test]
fn scopes_must_include_openid() {
    assert!(validate_scopes(Some(vec!["given_name".into()])).is_err());
    assert_eq!(validate_scopes(None).unwrap()[0], "openid");
}

#[test]
fn unknown_keys_are_refused() {
    let err = toml::from_str::<RawConfig>("[provider]\nclient_secret = \"x\"\n").unwrap_err();
    assert!(err.message().contains("unknown field"), "{err}");
}

#[test]
fn a_gateway_kiosk_needs_no_secret_and_no_decryption_key() {
    let raw: RawConfig = toml::from_str(
        "[provider]\nissuer = \"https://gateway.example\"\nclient_id = \"kiosk-1\"\ntoken_auth = \"none\"\nredirect_uri = \"http://127.0.0.1:0/callback\"\n",
    )
    .unwrap();
    let config = ProviderConfig::from_raw(raw, Path::new(".")).unwrap();
    assert!(config.token_auth.is_public());
    assert!(config.decryption_keys.is_none());
    let raw: RawConfig = toml::from_str(
        "[provider]\nissuer = \"https://gateway.example\"\nclient_id = \"kiosk-1\"\ntoken_auth = \"none\"\nredirect_uri = \"http://127.0.0.1:0/callback\"\ndecryption_keys = \"keys.json\"\n",
    )
    .unwrap();
    let err = ProviderConfig::from_raw(raw, Path::new(".")).unwrap_err();
    assert!(err.to_string().contains("remove decryption_keys"), "{err}");
}

#[test]
fn private_key_jwt_is_refused_with_the_method_fc_plus_accepts() {
    for extra in [
        "token_auth = \"private_key_jwt\"\n",
        "client_signing_key = \"client-signing.jwk.json\"\n",
    ] {
        let raw: RawConfig = toml::from_str(&format!(
            "[provider]\nissuer = \"https://provider.example\"\nclient_id = \"c\"\nredirect_uri = \"http://127.0.0.1:7878/callback\"\n{extra}"
        ))
        .unwrap();
        let err = ProviderConfig::from_raw(raw, Path::new(".")).unwrap_err();
        assert!(err.to_string().contains("client_secret_post"), "{err}");
        assert!(err.to_string().contains("invalid_client"), "{err}");
    }
}

#[test]
fn missing_secret_variable_says_which_one() {
    let raw: RawConfig = toml::from_str(
        "[provider]\nissuer = \"https://provider.example\"\nclient_id = \"c\"\nclient_secret_env = \"GUICHET_TEST_UNSET_SECRET_VAR\"\nredirect_uri = \"http://127.0.0.1:7878/callback\"\n",
    )
    .unwrap();
    let err = ProviderConfig::from_raw(raw, Path::new(".")).unwrap_err();
    assert!(
        err.to_string().contains("GUICHET_TEST_UNSET_SECRET_VAR"),
        "{err}"
    );
}
