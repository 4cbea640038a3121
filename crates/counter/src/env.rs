//! The provider environments a counter can run in.

/// The provider environments.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Env {
    /// The embedded FC+ stand-in, started in-process: no credentials needed.
    Sandbox,
    /// Direct mode: Guichet is the provider's client itself, on a loopback redirect, with the
    /// registration from `--config`. FC+ refuses loopback redirects (even in integration), so
    /// this is for providers that accept them (`guichet sandbox`, a test provider); FC+ is
    /// reached through the gateway only.
    Direct,
    /// Through the office's Guichet gateway (`[provider]` of `--config`: the gateway's URL as
    /// `issuer`, this kiosk's `client_id`, `token_auth = "none"`): PKCE, any loopback port.
    Gateway,
}

/// What `--env integration` (the earlier name of `direct`) answers.
pub const INTEGRATION_RENAMED: &str = "`integration` was renamed `direct`: it is direct mode, for a provider that accepts loopback redirects, and it never reached FC+ (FC+ accepts https redirects only). To reach FC+, use the office's gateway (`--env gateway`, docs/DEPLOYMENT.md); for a provider that accepts loopback redirects, use `--env direct`";

impl Env {
    pub fn name(self) -> &'static str {
        match self {
            Env::Sandbox => "sandbox",
            Env::Direct => "direct",
            Env::Gateway => "gateway",
        }
    }

    /// The name in the vault binding. `direct` keeps the binding of its earlier name,
    /// `integration`, so a session kept across the upgrade is still found (and wiped).
    pub fn binding_name(self) -> &'static str {
        match self {
            Env::Direct => "integration",
            other => other.name(),
        }
    }

    /// Parses a name as typed on the command line, refusing the earlier name `integration`
    /// with what to use instead.
    pub fn parse_arg(text: &str) -> Result<Env, String> {
        match text {
            "sandbox" => Ok(Env::Sandbox),
            "direct" => Ok(Env::Direct),
            "gateway" => Ok(Env::Gateway),
            "integration" => Err(INTEGRATION_RENAMED.to_owned()),
            other => Err(format!("`{other}` is none of sandbox, direct or gateway")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back_and_the_old_name_says_what_to_use() {
        for env in [Env::Sandbox, Env::Direct, Env::Gateway] {
            assert_eq!(Env::parse_arg(env.name()), Ok(env));
        }
        assert_eq!(
            Env::parse_arg("integration"),
            Err(INTEGRATION_RENAMED.to_owned())
        );
        assert!(Env::parse_arg("prod").unwrap_err().contains("none of"));
        assert_eq!(Env::Direct.binding_name(), "integration");
    }
}
