//! The words on the sandbox's pages, in French (the default) and English.

/// The language of the pages: English when `ui_locales` starts with `en`, else French.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Fr,
    En,
}

impl Lang {
    pub(crate) fn from_ui_locales(ui_locales: Option<&str>) -> Lang {
        let first = ui_locales
            .and_then(|locales| locales.split(' ').find(|tag| !tag.is_empty()))
            .map(str::to_ascii_lowercase);
        match first.as_deref() {
            Some(tag) if tag == "en" || tag.starts_with("en-") || tag.starts_with("en_") => {
                Lang::En
            }
            _ => Lang::Fr,
        }
    }

    /// The `lang` attribute of `<html>`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    pub(crate) fn texts(self) -> &'static Texts {
        match self {
            Lang::Fr => &FR,
            Lang::En => &EN,
        }
    }
}

/// One language's catalogue.
#[derive(Debug)]
pub(crate) struct Texts {
    pub(crate) brand_note: &'static str,
    pub(crate) chooser_title: &'static str,
    pub(crate) chooser_intro: &'static str,
    pub(crate) level_too_low: &'static str,
    pub(crate) idp_title: &'static str,
    pub(crate) idp_intro: &'static str,
    pub(crate) eidas_title: &'static str,
    pub(crate) eidas_intro: &'static str,
    pub(crate) country_title: &'static str,
    pub(crate) no_identity: &'static str,
    pub(crate) consent_title: &'static str,
    pub(crate) consent_intro: &'static str,
    pub(crate) consent_nothing: &'static str,
    pub(crate) consent_button: &'static str,
    pub(crate) cancel: &'static str,
    /// The link on an identity provider's or the eIDAS node's pages that fails there.
    pub(crate) idp_cancel: &'static str,
    /// The chooser's banner after a failure at an identity provider; `{idp}` is its name
    /// (FC's `interaction.idp_connexion_failed`).
    pub(crate) idp_failed: &'static str,
    pub(crate) error_title: &'static str,
    pub(crate) error_code: &'static str,
    pub(crate) expired: &'static str,
    /// FC+'s logout page while its form is submitted.
    pub(crate) logout_title: &'static str,
    pub(crate) logout_button: &'static str,
    /// A logout without the live FC+ session in this browser (page `Y100019`).
    pub(crate) logout_without_session: &'static str,
    /// `{param}` is replaced by the parameter's name.
    pub(crate) parameter_not_allowed: &'static str,
    /// `{param}` is replaced by the parameter's name.
    pub(crate) parameter_invalid: &'static str,
}

/// The eIDAS button keeps this English wording on the French page too, as FC+ does: it is
/// meant for people who may not read French.
pub(crate) const EIDAS_BUTTON: &str =
    "Sign in with a digital identity from another European country";

static FR: Texts = Texts {
    brand_note: "Bac à sable local : aucune donnée réelle",
    chooser_title: "Je choisis un compte pour me connecter",
    chooser_intro: "Service demandeur :",
    level_too_low: "niveau de garantie insuffisant pour ce service",
    idp_title: "Connexion",
    idp_intro: "Choisissez l'identité de test avec laquelle vous connecter :",
    eidas_title: "Choisissez votre pays",
    eidas_intro: "Vous allez vous connecter avec l'identité numérique de votre pays.",
    country_title: "Identités de test",
    no_identity: "Aucune identité de test pour ce pays.",
    consent_title: "Transmission de vos données",
    consent_intro: "Les données suivantes vont être transmises au service :",
    consent_nothing: "Aucune donnée d'identité, seulement un identifiant propre au service.",
    consent_button: "Continuer sur le service",
    cancel: "Annuler et revenir au service",
    idp_cancel: "Annuler auprès du fournisseur d'identité",
    idp_failed: "La connexion à {idp} n’a pas été possible. Veuillez réessayer ou choisir un autre moyen de connexion.",
    error_title: "Une erreur est survenue",
    error_code: "Code d'erreur :",
    expired: "Cette connexion a expiré ou n'existe pas. Recommencez depuis le service.",
    logout_title: "Déconnexion en cours…",
    logout_button: "Continuer la déconnexion",
    logout_without_session: "Aucune session FranceConnect+ n'est ouverte dans ce navigateur : la déconnexion n'a pas pu se faire.",
    parameter_not_allowed: "Le paramètre « {param} » n'est pas accepté.",
    parameter_invalid: "Le paramètre « {param} » est absent ou invalide.",
};

static EN: Texts = Texts {
    brand_note: "Local sandbox: no real data",
    chooser_title: "Choose an account to sign in",
    chooser_intro: "Requesting service:",
    level_too_low: "assurance level too low for this service",
    idp_title: "Sign in",
    idp_intro: "Choose the test identity to sign in with:",
    eidas_title: "Choose your country",
    eidas_intro: "You will sign in with your country's digital identity.",
    country_title: "Test identities",
    no_identity: "No test identity for this country.",
    consent_title: "Sharing your data",
    consent_intro: "The following data will be sent to the service:",
    consent_nothing: "No identity data, only an identifier specific to the service.",
    consent_button: "Continue to the service",
    cancel: "Cancel and go back to the service",
    idp_cancel: "Cancel at the identity provider",
    idp_failed: "Connection to {idp} failed. Please try again or use another connection method.",
    error_title: "Something went wrong",
    error_code: "Error code:",
    expired: "This sign-in has expired or does not exist. Start again from the service.",
    logout_title: "Signing out…",
    logout_button: "Continue signing out",
    logout_without_session: "No FranceConnect+ session is open in this browser: the sign-out could not be done.",
    parameter_not_allowed: "The parameter \"{param}\" is not accepted.",
    parameter_invalid: "The parameter \"{param}\" is missing or invalid.",
};

/// The label of an identity claim on the consent page.
pub(crate) fn claim_label(lang: Lang, claim: &str) -> &str {
    let (fr, en) = match claim {
        "given_name" => ("Prénom(s)", "Given name(s)"),
        "family_name" => ("Nom de naissance", "Family name"),
        "preferred_username" => ("Nom d'usage", "Usage name"),
        "birthdate" => ("Date de naissance", "Date of birth"),
        "gender" => ("Sexe", "Gender"),
        "birthplace" => ("Lieu de naissance", "Place of birth"),
        "birthcountry" => ("Pays de naissance", "Country of birth"),
        "email" => ("Adresse électronique", "Email address"),
        other => (other, other),
    };
    match lang {
        Lang::Fr => fr,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_only_when_ui_locales_starts_with_en() {
        assert_eq!(Lang::from_ui_locales(Some("en")), Lang::En);
        assert_eq!(Lang::from_ui_locales(Some("en-GB fr")), Lang::En);
        assert_eq!(Lang::from_ui_locales(Some("fr en")), Lang::Fr);
        assert_eq!(Lang::from_ui_locales(Some("english")), Lang::Fr);
        assert_eq!(Lang::from_ui_locales(None), Lang::Fr);
    }
}
