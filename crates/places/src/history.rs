//! The names a commune code carried since 1943 (`data/history.tsv`, from INSEE's "mouvements
//! des communes"): FC+ sends the code as it was at the birth date, and the name it had then is
//! the one on the person's identity card. Bellegarde (01033) became Bellegarde-sur-Valserine in
//! 1956 and Valserhône in 2019: a person born there in 1985 reads "Bellegarde-sur-Valserine".

use std::collections::HashMap;
use std::sync::LazyLock;

const HISTORY: &str = include_str!("../data/history.tsv");

/// For each code, `(until, name)` in date order: the code was named `name` until `until`
/// (`YYYY-MM-DD`, exclusive). After the last one, the code has today's name.
static NAMES: LazyLock<HashMap<&'static str, Vec<(&'static str, &'static str)>>> =
    LazyLock::new(|| {
        let mut names: HashMap<_, Vec<_>> = HashMap::new();
        for line in crate::data_lines(HISTORY) {
            let mut fields = line.split('\t');
            if let (Some(code), Some(until), Some(name)) =
                (fields.next(), fields.next(), fields.next())
            {
                names.entry(code).or_default().push((until, name));
            }
        }
        names
    });

/// A birth date, to name places as they were then. FC+ sends `YYYY-MM-DD`, or a presumed date
/// with an unknown day (`YYYY-MM-00`) or day and month (`YYYY-00-00`): those count from the
/// start of the known period (the first of the month, the first of January).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BirthDate(String);

impl BirthDate {
    /// `None` when `iso` is not FC+'s date shape.
    pub fn parse(iso: &str) -> Option<Self> {
        let digits =
            |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
        let [year, month, day] = iso.split('-').collect::<Vec<_>>()[..] else {
            return None;
        };
        if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
            return None;
        }
        let known = |part: &str| if part == "00" { "01" } else { part }.to_owned();
        Some(Self(format!("{year}-{}-{}", known(month), known(day))))
    }
}

/// The name the commune with `code` had on `born`, if the history knows one then; without a
/// date, its last former name.
pub(crate) fn name_on(code: &str, born: Option<&BirthDate>) -> Option<&'static str> {
    let names = NAMES.get(code)?;
    match born {
        Some(BirthDate(born)) => names
            .iter()
            .find(|(until, _)| *until > born.as_str())
            .map(|&(_, name)| name),
        None => names.last().map(|&(_, name)| name),
    }
}

#[cfg(test)]
pub(crate) fn codes() -> usize {
    NAMES.len()
}
