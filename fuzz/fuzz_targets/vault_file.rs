//! The session file on disk, which anyone with the disk can edit: parsing and authenticated
//! decryption must reject everything but a genuine file, without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    assert!(
        !vault::fuzzing::open_session_file(data),
        "a forged session file was accepted"
    );
});
