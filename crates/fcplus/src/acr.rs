//! The eIDAS levels of assurance FC+ speaks (`acr` values), ordered.

use serde::{Deserialize, Serialize};

/// An FC+ level of assurance. `eidas1` (low) is not one: FC+ refuses it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Acr {
    /// eIDAS substantial.
    #[serde(rename = "eidas2")]
    Eidas2,
    /// eIDAS high.
    #[serde(rename = "eidas3")]
    Eidas3,
}

impl Acr {
    /// The value on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Acr::Eidas2 => "eidas2",
            Acr::Eidas3 => "eidas3",
        }
    }
}

impl std::fmt::Display for Acr {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Acr {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "eidas2" => Ok(Acr::Eidas2),
            "eidas3" => Ok(Acr::Eidas3),
            "eidas1" => {
                Err("eidas1 (low) is refused by FranceConnect+: use eidas2 or eidas3".into())
            }
            other => Err(format!(
                "`{other}` is not an FC+ level: use eidas2 or eidas3"
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn high_is_above_substantial() {
        assert!(Acr::Eidas3 > Acr::Eidas2);
    }

    #[test]
    fn eidas1_is_refused_with_an_explanation() {
        let err = "eidas1".parse::<Acr>().unwrap_err();
        assert!(err.contains("refused"), "{err}");
    }
}
