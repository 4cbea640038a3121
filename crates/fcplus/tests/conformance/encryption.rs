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
        )
        .oracle_disagrees(
            "openidconnect has no JWE, so the oracle hands it a token that is not one as is, and \
             this one is signed honestly; OIDC Core §3.1.3.7 item 1 says an RP that registered \
             encryption SHOULD refuse it, and fcplus does, since FC+ never sends one",
        ),
        Case::refuses(
            "rejects_unencrypted_userinfo",
            Scenario::UnencryptedUserinfo,
            refusal!(SignInError::Token(JoseError::NotEncrypted)),
            "userinfo is encrypted as the ID token is; plain text means a downgrade",
        )
        .oracle_disagrees(
            "as for the ID token: openidconnect judges the signed userinfo it is handed and finds \
             it honest; only fcplus knows that FC+ always encrypts userinfo",
        ),
        Case::refuses(
            "rejects_plain_json_userinfo",
            Scenario::UserinfoPlainJson,
            refusal!(SignInError::InvalidResponse { .. }),
            "unsigned JSON userinfo could name anyone: only application/jwt is accepted",
        )
        .oracle_disagrees(
            "plain JSON userinfo is standard OIDC (Core §5.3.2; TLS to the endpoint vouches for \
             it), and openidconnect's default takes it (`UserInfoClaims::from_json` only checks \
             sub); FC+ always signs userinfo, so fcplus refuses JSON as a downgrade",
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
        )
        .oracle_disagrees(
            "the JWE layer is the test's own (openidconnect has none) and opens any enc that the \
             header names with the client's key; A128CBC-HS256 opens, and the token inside is \
             honest. fcplus accepts only FC+'s A256GCM, from a closed list",
        ),
    ]
}
