//! Names a person can check against an identity card, for the INSEE codes FC+ sends: the
//! birthplace (`birthplace`, the commune's 5-character COG code as it was at the birth date)
//! and the birth country (`birthcountry`, `99xxx`, or `99100` for France). Offline: the lists
//! are embedded at build time (`data/`, their sources and versions in `README.md`).
//!
//! A code that is now a delegated or associated commune, or a former commune merged since,
//! still names the commune the person was born in, with today's commune beside it: a person
//! born in Annecy-le-Vieux in 1962 carries 74011, which today's list keeps as a delegated
//! commune of Annecy (74010). The name is the one the code had at the birth date (`history`):
//! a person born in 01033 in 1985 was born in Bellegarde-sur-Valserine, Valserhône since 2019.
#![forbid(unsafe_code)]

use std::collections::HashMap;
use std::sync::LazyLock;

mod history;
pub use history::BirthDate;

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

/// The language of a description (the catalogue's).
pub use codes::Language;
use codes::Word;

/// The name the commune with `code` had on `born` (its name today when the history knows no
/// other then; without a date, today's, or a former commune's last); `None` for a code no list
/// knows.
pub fn name_on(code: &str, born: Option<&BirthDate>) -> Option<&'static str> {
    name_then(&commune(code)?, born)
}

/// [`name_on`] for a commune already found.
fn name_then(found: &Commune, born: Option<&BirthDate>) -> Option<&'static str> {
    born.and_then(|born| history::name_on(found.code, Some(born)))
        .or(found.name)
        .or_else(|| history::name_on(found.code, None))
}

/// The birthplace as an agent reads it, named as it was on `born`: "Paris 7e Arrondissement
/// (75107)", "Annecy-le-Vieux, today Annecy (74011)", "Bellegarde-sur-Valserine, today
/// Valserhône (01033)" for a birth in 1985, an unknown code as "99999 (unknown code)". A value
/// that is not a code (an eIDAS identity's birthplace, free text) is shown as given, marked as
/// declared by the other country when `eidas`.
pub fn describe_birthplace(
    value: &str,
    born: Option<&BirthDate>,
    eidas: bool,
    language: Language,
) -> String {
    if !is_insee_code(value) {
        return if eidas {
            Word::BirthplaceDeclared.fill(language, &[("place", value)])
        } else {
            value.to_owned()
        };
    }
    let Some(found) = commune(value) else {
        return unknown(value, language);
    };
    let now = match found.kind {
        Kind::Commune | Kind::Arrondissement => found.name,
        Kind::Delegated | Kind::Associated | Kind::Former => found.today.map(|(_, name)| name),
    };
    match (name_then(&found, born), now) {
        (Some(then), Some(now)) if then == now => format!("{then} ({value})"),
        (Some(then), Some(now)) => {
            Word::CommuneToday.fill(language, &[("then", then), ("now", now), ("code", value)])
        }
        (Some(then), None) => format!("{then} ({value})"),
        (None, Some(now)) => {
            Word::FormerCommuneToday.fill(language, &[("now", now), ("code", value)])
        }
        (None, None) => unknown(value, language),
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
        None if is_insee_code(value) => unknown(value, language),
        None => value.to_owned(),
    }
}

fn unknown(code: &str, language: Language) -> String {
    Word::UnknownCode.fill(language, &[("code", code)])
}

#[cfg(test)]
mod tests;
