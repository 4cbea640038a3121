//! Encryption family: FC+ encrypts the ID token and userinfo to the client's key with
//! ECDH-ES/RSA-OAEP(-256) and A256GCM; anything else is refused before any key is tried.

use fcplus::{JoseError, SignInError};
use sandbox::Scenario;

use crate::case::{Case, refusal};

pub fn cases() -> Vec<Case> {
    vec![
        Case::refuses(
            "rejects_unencrypted_id_token",
            Scenario::UnencryptedIdToken,
            refusal!(SignInError::Token(JoseError::NotEncrypted)),
            "FC+ always encrypts: a signed-only token came from something that is not FC+",
        ),
        Case::refuses(
            "rejects_unencrypted_userinfo",
            Scenario::UnencryptedUserinfo,
            refusal!(SignInError::Token(JoseError::NotEncrypted)),
            "userinfo is encrypted as the ID token is; plain text means a downgrade",
        ),
        Case::refuses(
            "rejects_plain_json_userinfo",
            Scenario::UserinfoPlainJson,
            refusal!(SignInError::InvalidResponse { .. }),
            "unsigned JSON userinfo could name anyone: only application/jwt is accepted",
        ),
        Case::refuses(
            "rejects_id_token_encrypted_to_another_key_under_our_kid",
            Scenario::EncryptedToAnotherKey,
            refusal!(SignInError::Token(JoseError::NotForUs)),
            "a JWE our private key cannot open was not made for us, whatever its kid says",
        ),
        Case::refuses(
            "rejects_id_token_with_a128kw_key_wrap",
            Scenario::JweKeyWrapA128Kw,
            refusal!(SignInError::Token(JoseError::UnexpectedEncryption { alg, enc })
                if alg == "A128KW" && enc == "A256GCM"),
            "FC+ never uses symmetric key wrap: the algorithm list is closed",
        ),
        Case::refuses(
            "rejects_id_token_with_dir_encryption",
            Scenario::JweDirect,
            refusal!(SignInError::Token(JoseError::UnexpectedEncryption { alg, .. }) if alg == "dir"),
            "dir would need a key shared with the provider, which FC+ clients do not have",
        ),
        Case::refuses(
            "rejects_id_token_with_a128cbc_hs256_content_encryption",
            Scenario::JweEncA128CbcHs256,
            refusal!(SignInError::Token(JoseError::UnexpectedEncryption { alg, enc })
                if alg == "ECDH-ES" && enc == "A128CBC-HS256"),
            "FC+ uses A256GCM only: another enc is a downgrade even to the right key",
        ),
    ]
}
