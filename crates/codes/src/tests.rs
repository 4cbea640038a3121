use super::*;

#[test]
fn every_code_travels_as_its_own_snake_case_string() {
    let mut seen = std::collections::HashSet::new();
    for &code in Code::ALL {
        let json = serde_json::to_string(&code).unwrap();
        assert_eq!(json, format!("\"{}\"", code.as_str()), "{code:?}");
        assert_eq!(serde_json::from_str::<Code>(&json).unwrap(), code);
        assert!(seen.insert(code.as_str()), "{code} twice");
    }
}

#[test]
fn every_code_has_an_actionable_hint_in_both_languages() {
    let generic = hint(Code::Internal, Language::English);
    for &code in Code::ALL {
        let (fr, en) = (
            window_hint(code, Language::French),
            window_hint(code, Language::English),
        );
        assert_ne!(
            fr, en,
            "{code}: the window's French and English must differ"
        );
        assert!(!fr.is_empty() && !en.is_empty(), "{code}");
        let fr = hint(code, Language::French);
        let en = hint(code, Language::English);
        assert_ne!(fr, en, "{code}: French and English must differ");
        if code != Code::Internal {
            assert_ne!(en, generic, "{code} needs its own hint");
        }
    }
}

#[test]
fn cancellations_and_timeouts_have_their_own_exit_codes() {
    assert_eq!(Code::AccessDenied.exit_code(), 3);
    assert_eq!(Code::TimedOut.exit_code(), 4);
    assert_ne!(
        Code::VerificationFailed.exit_code(),
        Code::ProviderUnreachable.exit_code()
    );
}

/// The UI's copy of the codes and of the window's sentences (`ui/src/codes.generated.ts`) is
/// this crate's: regenerate it with
/// `GUICHET_REGENERATE=1 cargo test -p codes` when a code is added.
#[test]
fn the_ui_has_the_same_codes() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../ui/src/codes.generated.ts"
    );
    let mut expected = String::from(
        "// Generated from crates/codes (Rust's `codes::Code`): do not edit.\n\
         // Regenerate with `GUICHET_REGENERATE=1 cargo test -p codes`.\n\n\
         /** A stable error code from Rust. */\nexport type ErrorCode =\n",
    );
    for &code in Code::ALL {
        expected.push_str(&format!("  | \"{code}\"\n"));
    }
    // As prettier writes it: the last member ends the statement.
    expected.pop();
    expected.push_str(";\n\n/** Every code, in Rust's order. */\nexport const ERROR_CODES: readonly ErrorCode[] = [\n");
    for &code in Code::ALL {
        expected.push_str(&format!("  \"{code}\",\n"));
    }
    expected.push_str("];\n");
    expected.push_str(
        "\n/** What to do next after each code, as the window says it (`codes::window_hint`). */\n\
         export const WINDOW_HINTS: Record<\"fr\" | \"en\", Record<ErrorCode, string>> = {\n",
    );
    for (name, lang) in [("fr", Language::French), ("en", Language::English)] {
        expected.push_str(&format!("  {name}: {{\n"));
        for &code in Code::ALL {
            let text = serde_json::to_string(window_hint(code, lang)).unwrap();
            expected.push_str(&format!("    {code}: {text},\n"));
        }
        expected.push_str("  },\n");
    }
    expected.push_str("};\n");
    expected.push_str(
        "\n/** FC+'s error pages that never come back from a sign-in, and what each means\n \
         * (`codes::FC_ERROR_PAGES`, `SIGN_IN_ERROR_PAGES`, `fc_error_pages_intro`). */\n\
         export const FC_ERROR_PAGES: Record<\n  \"fr\" | \"en\",\n  \
         { intro: string; pages: [string, string][] }\n> = {\n",
    );
    for (name, lang) in [("fr", Language::French), ("en", Language::English)] {
        let json = |text: &str| serde_json::to_string(text).unwrap();
        expected.push_str(&format!(
            "  {name}: {{\n    intro: {},\n    pages: [\n",
            json(fc_error_pages_intro(lang))
        ));
        for (code, fr, en) in FC_ERROR_PAGES
            .iter()
            .filter(|(code, ..)| SIGN_IN_ERROR_PAGES.contains(code))
        {
            let meaning = if lang == Language::French { fr } else { en };
            expected.push_str(&format!("      [\"{code}\", {}],\n", json(meaning)));
        }
        expected.push_str("    ],\n  },\n");
    }
    expected.push_str("};\n");
    if std::env::var_os("GUICHET_REGENERATE").is_some() {
        std::fs::write(path, &expected).unwrap();
    }
    let actual = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        actual == expected,
        "ui/src/codes.generated.ts differs from codes::Code: run GUICHET_REGENERATE=1 cargo test -p codes"
    );
}

/// The README's exit-code table names each error code once, on the row of its exit code.
#[test]
fn the_readme_exit_code_table_is_the_enums() {
    let readme = include_str!("../../../README.md");
    let start = readme
        .find("| exit | error codes")
        .expect("the README's exit-code table");
    let mut listed = Vec::new();
    for row in readme[start..].lines().skip(2) {
        if !row.starts_with('|') {
            break;
        }
        let cells: Vec<&str> = row.split('|').map(str::trim).collect();
        let exit: u8 = cells[1].parse().expect("an exit code");
        for name in cells[2].split(',').map(|n| n.trim().trim_matches('`')) {
            if name.is_empty() {
                continue;
            }
            let code: Code = serde_json::from_str(&format!("\"{name}\""))
                .unwrap_or_else(|_| panic!("the README names {name:?}, which is no code"));
            assert_eq!(code.exit_code(), exit, "{code} exits {}", code.exit_code());
            listed.push(code);
        }
    }
    for &code in Code::ALL {
        let times = listed.iter().filter(|&&c| c == code).count();
        assert_eq!(times, 1, "{code} is on {times} rows of the README's table");
    }
}

#[test]
fn every_fc_error_page_is_explained_in_both_languages() {
    let all: Vec<&str> = FC_ERROR_PAGES.iter().map(|(code, ..)| *code).collect();
    for lang in [Language::French, Language::English] {
        let text = fc_error_pages(&all, lang);
        for code in ["Y030007", "Y100009", "Y020023", "Y100019"] {
            assert!(text.contains(code), "{code} missing: {text}");
        }
        assert_eq!(text.lines().count(), 5);
    }
    let only = fc_error_pages(&["Y100019"], Language::English);
    assert!(
        only.contains("Y100019") && !only.contains("Y030007"),
        "{only}"
    );
}
