//! The people every sandbox offers, with the claims their identity provider or country sends.

use serde_json::{Map, Value, json};

use super::{IdentityOrigin, TestIdentity, french_idp};

/// The identities every sandbox offers: eight French (two of them with presumed birthdates;
/// three whose birthplaces test the names of places: a commune merged since, the commune it
/// merged into, a code no list knows) and four from other EU countries (DE, IT, ES, BE).
pub fn builtin_identities() -> Vec<TestIdentity> {
    vec![
        french(
            "marie",
            "fip1",
            json!({
                "given_name": "Marie",
                "family_name": "Martin",
                "preferred_username": "Dupont",
                "birthdate": "1982-03-14",
                "gender": "female",
                "birthplace": "75107",
                "birthcountry": "99100",
                "email": "marie.dupont@example.fr",
            }),
        ),
        french(
            "jean",
            "fip2",
            json!({
                "given_name": "Jean Pierre",
                "family_name": "Bernard",
                "birthdate": "1975-11-02",
                "gender": "male",
                "birthplace": "69123",
                "birthcountry": "99100",
                "email": "jean.bernard@example.fr",
            }),
        ),
        french(
            "lucie",
            "fip3",
            json!({
                "given_name": "Lucie",
                "family_name": "Moreau",
                "birthdate": "1990-06-21",
                "gender": "female",
                "birthplace": "33063",
                "birthcountry": "99100",
                "email": "lucie.moreau@example.fr",
            }),
        ),
        // Presumed birthdates, as French providers send them when the civil registry does not
        // know the day, or the month either (FC's
        // `libs/oidc-client/src/validators/is-idp-birthdate.validator.ts`).
        french(
            "karim",
            "fip2",
            json!({
                "given_name": "Karim",
                "family_name": "Benali",
                "birthdate": "1962-08-00",
                "gender": "male",
                // Born abroad: a country code and no birthplace.
                "birthcountry": "99350",
            }),
        ),
        french(
            "colette",
            "fip1",
            json!({
                "given_name": "Colette",
                "family_name": "Roux",
                "birthdate": "1958-00-00",
                "gender": "female",
                "birthplace": "13055",
                "birthcountry": "99100",
            }),
        ),
        // Born in 1962 in Annecy-le-Vieux, merged into Annecy in 2017: FC+ sends the code of
        // the commune as it was at the birth date, which is now a delegated commune.
        french(
            "andre",
            "fip1",
            json!({
                "given_name": "André",
                "family_name": "Girard",
                "birthdate": "1962-05-09",
                "gender": "male",
                "birthplace": "74011",
                "birthcountry": "99100",
            }),
        ),
        // Born in Annecy after the merger: today's commune.
        french(
            "lina",
            "fip1",
            json!({
                "given_name": "Lina",
                "family_name": "Fontaine",
                "birthdate": "2019-02-11",
                "gender": "female",
                "birthplace": "74010",
                "birthcountry": "99100",
            }),
        ),
        // Born in 1985 in Bellegarde-sur-Valserine (01033), named Valserhône since 2019: the
        // code is the same, the name on the identity card is the one at the birth date.
        french(
            "hugo",
            "fip1",
            json!({
                "given_name": "Hugo",
                "family_name": "Mercier",
                "birthdate": "1985-03-02",
                "gender": "male",
                "birthplace": "01033",
                "birthcountry": "99100",
            }),
        ),
        // A birthplace code the embedded list does not know (a newer commune, say).
        french(
            "paul",
            "fip1",
            json!({
                "given_name": "Paul",
                "family_name": "Lefebvre",
                "birthdate": "1970-01-15",
                "gender": "male",
                "birthplace": "75999",
                "birthcountry": "99100",
            }),
        ),
        european(
            "erika",
            "DE",
            json!({
                "given_name": "Erika",
                "family_name": "Mustermann",
                "preferred_username": "Mustermann",
                "birthdate": "1964-08-12",
                "gender": "female",
                "birthplace": "Berlin",
            }),
        ),
        european(
            "mario",
            "IT",
            json!({
                "given_name": "Mario",
                "family_name": "Rossi",
                "preferred_username": "Rossi",
                "birthdate": "1985-04-23",
                "gender": "male",
            }),
        ),
        european(
            "maria",
            "ES",
            json!({
                "given_name": "María",
                "family_name": "García López",
                "preferred_username": "García López",
                "birthdate": "1990-07-15",
                "gender": "female",
            }),
        ),
        european(
            "jan",
            "BE",
            json!({
                "given_name": "Jan",
                "family_name": "Peeters",
                "preferred_username": "Peeters",
                "birthdate": "1978-12-05",
                "gender": "unspecified",
            }),
        ),
    ]
}

fn french(login: &str, idp_id: &str, claims: Value) -> TestIdentity {
    let amr = french_idp(idp_id).map_or(&[][..], |idp| idp.amr);
    TestIdentity {
        login: login.to_owned(),
        origin: IdentityOrigin::France {
            idp_id: idp_id.to_owned(),
        },
        claims: object(claims),
        amr: amr.iter().map(|method| (*method).to_owned()).collect(),
    }
}

fn european(login: &str, country: &str, claims: Value) -> TestIdentity {
    TestIdentity {
        login: login.to_owned(),
        origin: IdentityOrigin::Eidas {
            country: country.to_owned(),
        },
        claims: object(claims),
        amr: vec!["eidas".to_owned()],
    }
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}
