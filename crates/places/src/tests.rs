use super::*;

#[test]
fn an_arrondissement_a_commune_and_corsica_read_by_name() {
    assert_eq!(
        describe_birthplace("75107", None, false, Language::French),
        "Paris 7e Arrondissement (75107)"
    );
    assert_eq!(commune("75107").unwrap().today.unwrap().1, "Paris");
    assert_eq!(
        describe_birthplace("74010", None, false, Language::English),
        "Annecy (74010)"
    );
    assert_eq!(
        describe_birthplace("2A004", None, false, Language::French),
        "Ajaccio (2A004)"
    );
}

#[test]
fn a_commune_merged_since_keeps_its_name_with_todays_beside_it() {
    assert_eq!(
        describe_birthplace("74011", None, false, Language::French),
        "Annecy-le-Vieux, aujourd'hui Annecy (74011)"
    );
    assert_eq!(
        describe_birthplace("74011", None, false, Language::English),
        "Annecy-le-Vieux, today Annecy (74011)"
    );
    // A former commune merged without staying delegated: Arlod, into Bellegarde-sur-Valserine
    // (01033) in 1971, Valserhône today.
    assert_eq!(commune("01018").unwrap().kind, Kind::Former);
    let born = BirthDate::parse("1965-04-02");
    assert_eq!(
        describe_birthplace("01018", born.as_ref(), false, Language::French),
        "Arlod, aujourd'hui Valserhône (01018)"
    );
    // Every former commune has its own name from the history, with or without a date (a code
    // changed with its department in 1968 reads as its one name: "Épiais-Rhus (78213)").
    for (code, row) in COMMUNE_ROWS
        .iter()
        .filter(|(_, row)| row.kind == Kind::Former)
    {
        let text = describe_birthplace(code, None, false, Language::English);
        assert!(
            !text.starts_with("former commune") && !text.contains("unknown"),
            "{code}: {text}"
        );
        assert!(row.name.is_empty());
    }
}

#[test]
fn a_commune_is_named_as_it_was_at_the_birth_date() {
    let on = |iso: &str| {
        describe_birthplace(
            "01033",
            BirthDate::parse(iso).as_ref(),
            false,
            Language::French,
        )
    };
    assert_eq!(
        on("1950-06-01"),
        "Bellegarde, aujourd'hui Valserhône (01033)"
    );
    assert_eq!(
        on("1985-03-02"),
        "Bellegarde-sur-Valserine, aujourd'hui Valserhône (01033)"
    );
    // The name changed on 1 January 2019: born that day, the new name.
    assert_eq!(
        on("2018-12-31"),
        "Bellegarde-sur-Valserine, aujourd'hui Valserhône (01033)"
    );
    assert_eq!(on("2019-01-01"), "Valserhône (01033)");
    // A presumed date counts from the start of the known period.
    assert_eq!(
        on("2018-12-00"),
        "Bellegarde-sur-Valserine, aujourd'hui Valserhône (01033)"
    );
    assert_eq!(on("2019-00-00"), "Valserhône (01033)");
    // Without a date: today's name.
    assert_eq!(
        describe_birthplace("01033", None, false, Language::English),
        "Valserhône (01033)"
    );
    assert_eq!(
        name_on("01033", BirthDate::parse("1962-05-09").as_ref()),
        Some("Bellegarde-sur-Valserine")
    );
    // Annecy-le-Vieux kept its name until the merger of 2017.
    assert_eq!(
        describe_birthplace(
            "74011",
            BirthDate::parse("1962-05-09").as_ref(),
            false,
            Language::English
        ),
        "Annecy-le-Vieux, today Annecy (74011)"
    );
}

#[test]
fn only_fc_plus_date_shape_is_a_birth_date() {
    assert!(BirthDate::parse("1962-08-00").is_some());
    for bad in [
        "1962-8-1",
        "62-08-01",
        "1962/08/01",
        "abcd-08-01",
        "1962-08-01-02",
        "",
    ] {
        assert_eq!(BirthDate::parse(bad), None, "{bad}");
    }
}

#[test]
fn an_unknown_code_shows_the_code_never_nothing() {
    assert_eq!(
        describe_birthplace("00000", None, false, Language::French),
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
        describe_birthplace("Sevilla", None, true, Language::English),
        "Sevilla (as declared by the other country)"
    );
    assert!(!is_insee_code("Köln"));
    assert!(is_insee_code("2B033") && !is_insee_code("2C033") && !is_insee_code("7510"));
}

#[test]
fn the_embedded_lists_are_whole() {
    assert!(COMMUNE_ROWS.len() > 39_000, "{}", COMMUNE_ROWS.len());
    assert!(COUNTRY_ROWS.len() > 200, "{}", COUNTRY_ROWS.len());
    assert!(history::codes() > 4_000, "{}", history::codes());
}
