//! The configuration file as people write it: TOML parsing into the raw structs, then the
//! validations that do not touch the disk or the environment.
#![no_main]

use fcplus::config::{validate_issuer, validate_redirect, validate_scopes};
use libfuzzer_sys::fuzz_target;
use session::config::{RawAppConfig, browser_mode, idle_policy};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(raw) = toml::from_str::<RawAppConfig>(text) else {
        return;
    };
    let _ = browser_mode(raw.browser.as_ref(), None);
    let _ = idle_policy(raw.kiosk.as_ref());
    if let Some(provider) = &raw.provider {
        if let Some(issuer) = &provider.issuer {
            let _ = validate_issuer(issuer);
        }
        if let Some(redirect) = &provider.redirect_uri {
            let _ = validate_redirect("provider.redirect_uri", redirect);
        }
        let _ = validate_scopes(provider.scopes.clone());
    }
});
