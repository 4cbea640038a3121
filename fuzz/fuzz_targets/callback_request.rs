//! The loopback listener's input: raw bytes from any local client, parsed as a request head,
//! then classified against an awaited redirect. Must never panic, whatever arrives.
#![no_main]

use fcplus::callback::{Expected, RedirectKind, classify};
use fcplus::request::parse_head;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(Some(head)) = parse_head(data) {
        let expected = Expected {
            path: "/callback".into(),
            state: "fuzz-state-0123456789abcdefghij".into(),
            issuer: "http://127.0.0.1:1/api/v2".into(),
            require_iss: true,
            kind: RedirectKind::Authorization,
        };
        let _ = classify(head.method, head.target, &expected);
    }
});
