//! How the identity's coded fields read for the agent, in both languages, written once for
//! the window and the command line: the birthplace and birth country by name (`places`), the
//! gender in words. FC+'s own values stay as they are beside these.

use fcplus::{Origin, VerifiedIdentity};
use serde::Serialize;

use codes::Word;

use crate::messages::Language;

/// One text in French and English (the window switches language without asking Rust again).
/// Its `Debug` prints no text: they are the person's birthplace, birth date, gender.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct Said {
    pub fr: String,
    pub en: String,
}

impl std::fmt::Debug for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Said(<redacted>)")
    }
}

impl Said {
    fn both(say: impl Fn(places::Language) -> String) -> Self {
        Self {
            fr: say(places::Language::French),
            en: say(places::Language::English),
        }
    }

    /// The text in `language`.
    pub fn in_language(&self, language: Language) -> &str {
        match language {
            Language::French => &self.fr,
            Language::English => &self.en,
        }
    }
}

/// The identity's birthplace, birth country and gender as the agent reads them; each `None`
/// when FC+ did not send the field (or sent it empty).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reading {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthdate: Option<Said>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthplace: Option<Said>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub birthcountry: Option<Said>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<Said>,
}

impl Reading {
    pub fn of(verified: &VerifiedIdentity) -> Self {
        let person = &verified.identity;
        let value = |field: &Option<fcplus::Sensitive<String>>| {
            field
                .as_ref()
                .map(|v| v.expose().clone())
                .filter(|v| !v.is_empty())
        };
        let eidas = verified.origin == Origin::Eidas;
        let born = born(verified);
        Self {
            birthdate: value(&person.birthdate).map(|iso| birthdate_said(&iso)),
            birthplace: value(&person.birthplace).map(|code| {
                Said::both(|l| places::describe_birthplace(&code, born.as_ref(), eidas, l))
            }),
            birthcountry: value(&person.birthcountry)
                .map(|code| Said::both(|l| places::describe_country(&code, l))),
            gender: value(&person.gender).map(|gender| gender_said(&gender)),
        }
    }
}

/// A birthdate as a person reads it: `14/03/1982` (in English followed by the ISO date). A
/// presumed date, which FC+ sends as `YYYY-MM-00` (day unknown) or `YYYY-00-00` (month unknown
/// too), reads `08/1962, jour inconnu` or `1962, jour et mois inconnus`, never `00/08/1962`.
/// Anything else is shown as received. `--json` keeps FC+'s value.
pub fn birthdate_said(iso: &str) -> Said {
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    let said = |lang: Language| match iso.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => match (*m, *d) {
            ("00", "00") => Word::BirthdateDayAndMonthUnknown.fill(lang, &[("year", y)]),
            (_, "00") => Word::BirthdateDayUnknown.fill(lang, &[("month", m), ("year", y)]),
            _ if lang == Language::French => format!("{d}/{m}/{y}"),
            _ => format!("{d}/{m}/{y} ({iso})"),
        },
        _ => iso.to_owned(),
    };
    let (fr, en) = (said(Language::French), said(Language::English));
    Said { fr, en }
}

/// FC+'s `gender` in words: `male`, `female`, and eIDAS's `unspecified`; anything else as sent.
pub fn gender_said(gender: &str) -> Said {
    let word = match gender {
        "male" => Word::GenderMale,
        "female" => Word::GenderFemale,
        "unspecified" => Word::GenderUnspecified,
        other => {
            return Said {
                fr: other.to_owned(),
                en: other.to_owned(),
            };
        }
    };
    Said {
        fr: word.text(Language::French).to_owned(),
        en: word.text(Language::English).to_owned(),
    }
}

/// The birth date as `places` dates names by; `None` when absent or not FC+'s shape.
fn born(verified: &VerifiedIdentity) -> Option<places::BirthDate> {
    let birthdate = verified.identity.birthdate.as_ref()?;
    places::BirthDate::parse(birthdate.expose())
}

/// The birthplace's and birth country's own names, for `--json` (`birthplace_name`, as the
/// commune was named at the birth date; `birthcountry_name`): `None` when the code is unknown
/// or is no code (eIDAS free text).
pub fn place_names(verified: &VerifiedIdentity) -> (Option<&'static str>, Option<&'static str>) {
    let person = &verified.identity;
    let birthplace = person
        .birthplace
        .as_ref()
        .and_then(|v| places::name_on(v.expose(), born(verified).as_ref()));
    let birthcountry = person
        .birthcountry
        .as_ref()
        .and_then(|v| places::country(v.expose()))
        .map(|c| c.name);
    (birthplace, birthcountry)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn presumed_birthdates_read_as_a_person_would() {
        let said = |iso: &str| {
            let said = birthdate_said(iso);
            (said.fr, said.en)
        };
        assert_eq!(
            said("1982-03-14"),
            ("14/03/1982".into(), "14/03/1982 (1982-03-14)".into())
        );
        assert_eq!(
            said("1962-08-00"),
            (
                "08/1962, jour inconnu".into(),
                "08/1962, day unknown".into()
            )
        );
        assert_eq!(
            said("1962-00-00"),
            (
                "1962, jour et mois inconnus".into(),
                "1962, day and month unknown".into()
            )
        );
        assert_eq!(
            said("1962"),
            ("1962".into(), "1962".into()),
            "anything else as received"
        );
        assert_eq!(said("62-8-1").0, "62-8-1");
    }

    #[test]
    fn gender_reads_as_words_in_both_languages() {
        assert_eq!(gender_said("female").fr, "Féminin");
        assert_eq!(gender_said("male").en, "Male");
        assert_eq!(gender_said("unspecified").fr, "Non précisé");
        assert_eq!(gender_said("other").en, "other");
    }
}
