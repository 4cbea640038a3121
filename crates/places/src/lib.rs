//! Names a person can check against an identity card, for the INSEE codes FC+ sends: the
//! birthplace (`birthplace`, the commune's 5-character COG code as it was at the birth date)
//! and the birth country (`birthcountry`, `99xxx`, or `99100` for France). Offline: the lists
//! are embedded at build time (`data/`, their sources and versions in `README.md`).
//!
//! A code that is now a delegated or associated commune, or a former commune merged since,
//! still names the commune the person was born in, with today's commune beside it: a person
//! born in Annecy-le-Vieux in 1962 carries 74011, which today's list keeps as a delegated
//! commune of Annecy (74010). Codes are not reused for other communes, so the code alone
//! decides: the birth date is not needed to read it.

use std::collections::HashMap;
use std::sync::LazyLock;

/// What a commune code is today.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A commune today.
    Commune,
    /// A municipal arrondissement of Paris, Lyon or Marseille.
    Arrondissement,
    /// A delegated commune of today's commune (a "commune nouvelle").
    Delegated,
    /// An associated commune of today's commune.
    Associated,
    /// A former commune merged into today's commune; its own name is not in the list.
    Former,
}

/// A commune found by its code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Commune {
    pub code: &'static str,
    pub kind: Kind,
    /// Its own name; `None` for a [`Kind::Former`] commune.
    pub name: Option<&'static str>,
    /// The commune it belongs to today (delegated, associated, former), or the city of an
    /// arrondissement: (code, name).
    pub today: Option<(&'static str, &'static str)>,
}

/// A country or territory found by its INSEE code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    pub code: &'static str,
    /// Its French name, as INSEE gives it.
    pub name: &'static str,
    /// Its ISO 3166-1 alpha-2 code.
    pub iso2: &'static str,
    /// Its English name (Debian's iso-codes), for a country itself; `None` for INSEE's
    /// territories, which share their country's ISO code.
    pub name_en: Option<&'static str>,
}

const COMMUNES: &str = include_str!("../data/communes.tsv");
const COUNTRIES: &str = include_str!("../data/countries.tsv");

struct Row {
    kind: Kind,
    name: &'static str,
    today: &'static str,
}

static COMMUNE_ROWS: LazyLock<HashMap<&'static str, Row>> = LazyLock::new(|| {
    data_lines(COMMUNES)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let (code, kind, name, today) = (
                fields.next()?,
                fields.next()?,
                fields.next()?,
                fields.next()?,
            );
            let kind = match kind {
                "c" => Kind::Commune,
                "m" => Kind::Arrondissement,
                "d" => Kind::Delegated,
                "a" => Kind::Associated,
                "x" => Kind::Former,
                _ => return None,
            };
            Some((code, Row { kind, name, today }))
        })
        .collect()
});

/// A country's row: French name, ISO code, English name (empty when none).
type CountryRow = (&'static str, &'static str, &'static str);

static COUNTRY_ROWS: LazyLock<HashMap<&'static str, CountryRow>> = LazyLock::new(|| {
    data_lines(COUNTRIES)
        .filter_map(|line| {
            let mut fields = line.split('\t');
            let code = fields.next()?;
            Some((code, (fields.next()?, fields.next()?, fields.next()?)))
        })
        .collect()
});

fn data_lines(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
}

/// The commune (or arrondissement) of a COG code, if the embedded list knows it.
pub fn commune(code: &str) -> Option<Commune> {
    let (&code, row) = COMMUNE_ROWS.get_key_value(code)?;
    let today = (!row.today.is_empty())
        .then(|| {
            let (&today, found) = COMMUNE_ROWS.get_key_value(row.today)?;
            Some((today, found.name))
        })
        .flatten();
    Some(Commune {
        code,
        kind: row.kind,
        name: (!row.name.is_empty()).then_some(row.name),
        today,
    })
}

/// The country or territory of an INSEE code (`99xxx`), if the embedded list knows it.
pub fn country(code: &str) -> Option<Country> {
    let (&code, &(name, iso2, name_en)) = COUNTRY_ROWS.get_key_value(code)?;
    Some(Country {
        code,
        name,
        iso2,
        name_en: (!name_en.is_empty()).then_some(name_en),
    })
}

/// Whether `value` has the shape of an INSEE code (5 characters: digits, or `2A`/`2B` and 3
/// digits for Corsica). eIDAS birthplaces are free text and never look like one.
pub fn is_insee_code(value: &str) -> bool {
    let bytes = value.as_bytes();
    bytes.len() == 5
        && (bytes.iter().all(u8::is_ascii_digit)
            || (bytes[0] == b'2'
                && matches!(bytes[1], b'A' | b'B')
                && bytes[2..].iter().all(u8::is_ascii_digit)))
}

/// The language of a description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    French,
    English,
}

/// The birthplace as an agent reads it: "Paris 7e Arrondissement (75107)", "Annecy-le-Vieux,
/// today Annecy (74011)", an unknown code as "99999 (unknown code)". A value that is not a code
/// (an eIDAS identity's birthplace, free text) is shown as given, marked as declared by the
/// other country when `eidas`.
pub fn describe_birthplace(value: &str, eidas: bool, language: Language) -> String {
    let french = language == Language::French;
    if !is_insee_code(value) {
        return if eidas {
            let by = if french {
                "déclaré par l'autre pays"
            } else {
                "as declared by the other country"
            };
            format!("{value} ({by})")
        } else {
            value.to_owned()
        };
    }
    let Some(found) = commune(value) else {
        return unknown(value, french);
    };
    let today = |name: &str| {
        if french {
            format!("aujourd'hui {name}")
        } else {
            format!("today {name}")
        }
    };
    match (found.kind, found.name, found.today) {
        (Kind::Commune | Kind::Arrondissement, Some(name), _) => format!("{name} ({value})"),
        (_, Some(name), Some((_, now))) => format!("{name}, {} ({value})", today(now)),
        (_, None, Some((_, now))) => {
            let former = if french {
                "ancienne commune"
            } else {
                "former commune"
            };
            format!("{former}, {} ({value})", today(now))
        }
        (_, Some(name), None) => format!("{name} ({value})"),
        (_, None, None) => unknown(value, french),
    }
}

/// The birth country as an agent reads it: "Allemagne (99109)" in French, "Germany (99109)" in
/// English, an unknown code as "99999 (unknown code)". A territory has its French name (INSEE's)
/// in both languages.
pub fn describe_country(value: &str, language: Language) -> String {
    let french = language == Language::French;
    match country(value) {
        Some(found) => {
            let name = match found.name_en {
                Some(english) if !french => english,
                _ => found.name,
            };
            format!("{name} ({value})")
        }
        None if is_insee_code(value) => unknown(value, french),
        None => value.to_owned(),
    }
}

fn unknown(code: &str, french: bool) -> String {
    if french {
        format!("{code} (code inconnu)")
    } else {
        format!("{code} (unknown code)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_arrondissement_a_commune_and_corsica_read_by_name() {
        assert_eq!(
            describe_birthplace("75107", false, Language::French),
            "Paris 7e Arrondissement (75107)"
        );
        assert_eq!(commune("75107").unwrap().today.unwrap().1, "Paris");
        assert_eq!(
            describe_birthplace("74010", false, Language::English),
            "Annecy (74010)"
        );
        assert_eq!(
            describe_birthplace("2A004", false, Language::French),
            "Ajaccio (2A004)"
        );
    }

    #[test]
    fn a_commune_merged_since_keeps_its_name_with_todays_beside_it() {
        assert_eq!(
            describe_birthplace("74011", false, Language::French),
            "Annecy-le-Vieux, aujourd'hui Annecy (74011)"
        );
        assert_eq!(
            describe_birthplace("74011", false, Language::English),
            "Annecy-le-Vieux, today Annecy (74011)"
        );
        let former = COMMUNE_ROWS
            .iter()
            .find(|(_, row)| row.kind == Kind::Former)
            .map(|(code, _)| *code)
            .expect("the list has former communes");
        let text = describe_birthplace(former, false, Language::English);
        assert!(
            text.starts_with("former commune, today ") && text.ends_with(&format!("({former})")),
            "{text}"
        );
    }

    #[test]
    fn an_unknown_code_shows_the_code_never_nothing() {
        assert_eq!(
            describe_birthplace("00000", false, Language::French),
            "00000 (code inconnu)"
        );
        assert_eq!(
            describe_country("99999", Language::English),
            "99999 (unknown code)"
        );
    }

    #[test]
    fn countries_by_their_insee_code() {
        assert_eq!(
            describe_country("99100", Language::French),
            "France (99100)"
        );
        assert_eq!(
            describe_country("99109", Language::French),
            "Allemagne (99109)"
        );
        assert_eq!(
            describe_country("99109", Language::English),
            "Germany (99109)"
        );
        assert_eq!(
            describe_country("99350", Language::English),
            "Morocco (99350)"
        );
        assert_eq!(country("99134").unwrap().iso2, "ES");
        // A territory shares its country's ISO code: never named as the country.
        let territory = country("99159").unwrap();
        assert_eq!((territory.iso2, territory.name_en), ("NO", None));
        assert_eq!(
            describe_country("99159", Language::English),
            "Territoires norvégiens en Atlantique Nord (99159)"
        );
    }

    #[test]
    fn an_eidas_birthplace_is_shown_as_given_and_marked() {
        assert_eq!(
            describe_birthplace("Sevilla", true, Language::English),
            "Sevilla (as declared by the other country)"
        );
        assert!(!is_insee_code("Köln"));
        assert!(is_insee_code("2B033") && !is_insee_code("2C033") && !is_insee_code("7510"));
    }

    #[test]
    fn the_embedded_lists_are_whole() {
        assert!(COMMUNE_ROWS.len() > 39_000, "{}", COMMUNE_ROWS.len());
        assert!(COUNTRY_ROWS.len() > 200, "{}", COUNTRY_ROWS.len());
    }
}
