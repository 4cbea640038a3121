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
        "\n/** Each code by its Rust name, to branch on (`error.code === Code.TimedOut`). */\n\
         export const Code = {\n",
    );
    for &code in Code::ALL {
        expected.push_str(&format!("  {code:?}: \"{code}\",\n"));
    }
    expected.push_str("} as const satisfies Record<string, ErrorCode>;\n");
    expected.push_str(&format!(
        "\n/** FC+'s page about FranceConnect+ (`codes::FC_PLUS_INFO_URL`). */\n\
         export const FC_PLUS_INFO_URL = \"{FC_PLUS_INFO_URL}\";\n"
    ));
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
    crate::generated::assert_current(
        "ui/src/codes.generated.ts",
        &expected,
        "cargo test -p codes",
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

/// Words the same in both languages on purpose: names, and the Republic's block.
const SAME_IN_BOTH: &[Word] = &[
    Word::AppName,
    Word::Republic,
    Word::FcButtonBrand,
    Word::OriginFrance,
    Word::LanguageFrench,
    Word::LanguageEnglish,
];

#[test]
fn every_word_is_written_in_both_languages_with_the_same_placeholders() {
    let mut names = std::collections::HashSet::new();
    for &word in Word::ALL {
        assert!(names.insert(word.name()), "{word:?} twice");
        let (fr, en) = (word.text(Language::French), word.text(Language::English));
        assert!(!fr.trim().is_empty() && !en.trim().is_empty(), "{word:?}");
        // (A prompt may end with its space: `[o/N] : `.)
        assert_eq!(
            fr,
            fr.trim_start(),
            "{word:?}: no space before the French text"
        );
        if SAME_IN_BOTH.contains(&word) {
            assert_eq!(fr, en, "{word:?}");
        } else {
            assert_ne!(fr, en, "{word:?}: French and English must differ");
        }
        let mut fr_places = word.placeholders(Language::French);
        let mut en_places = word.placeholders(Language::English);
        fr_places.sort_unstable();
        en_places.sort_unstable();
        assert_eq!(fr_places, en_places, "{word:?}: the same placeholders");
        for lang in [Language::French, Language::English] {
            let values: Vec<(&str, &str)> = fr_places.iter().map(|name| (*name, "VALUE")).collect();
            let filled = word.fill(lang, &values);
            assert!(!filled.contains('{') && !filled.contains('}'), "{filled}");
            assert_eq!(filled.matches("VALUE").count(), fr_places.len(), "{filled}");
        }
    }
}

#[test]
fn french_punctuation_has_its_space() {
    // French puts a space before « : ; ? ! » when they end a phrase (an address's `://` or
    // `127.0.0.1:PORT` is no phrase).
    for &word in Word::ALL {
        let fr = word.text(Language::French);
        let chars: Vec<char> = fr.chars().collect();
        for (i, &c) in chars.iter().enumerate() {
            let ends_phrase = chars.get(i + 1).is_none_or(|next| *next == ' ');
            if matches!(c, ':' | ';' | '?' | '!') && ends_phrase {
                assert!(
                    i > 0 && chars[i - 1] == ' ',
                    "{word:?}: a space before {c:?} in {fr:?}"
                );
            }
        }
    }
}

/// The UI's copy of the catalogue (`ui/src/words.generated.ts`) is this crate's: regenerate it
/// with `GUICHET_REGENERATE=1 cargo test -p codes`.
#[test]
fn the_ui_has_the_same_words() {
    let key = |word: Word| {
        let name = word.name();
        let mut chars = name.chars();
        let first = chars.next().unwrap().to_ascii_lowercase();
        format!("{first}{}", chars.as_str())
    };
    let mut expected = String::from(
        "// Generated from crates/codes (Rust's `codes::Word`): do not edit.\n\
         // Regenerate with `GUICHET_REGENERATE=1 cargo test -p codes`.\n\n\
         /** The name of a text of the catalogue. */\nexport type WordName =\n",
    );
    for &word in Word::SCREENS {
        expected.push_str(&format!("  | \"{}\"\n", key(word)));
    }
    expected.pop();
    expected.push_str(
        ";\n\n/** Every text of the window's screens, by language; `{name}` is a placeholder (`fill` in\n \
         * i18n.ts). */\nexport const WORDS: Record<\"fr\" | \"en\", Record<WordName, string>> = {\n",
    );
    for (name, lang) in [("fr", Language::French), ("en", Language::English)] {
        expected.push_str(&format!("  {name}: {{\n"));
        for &word in Word::SCREENS {
            let text = serde_json::to_string(word.text(lang)).unwrap();
            expected.push_str(&format!("    {}: {text},\n", key(word)));
        }
        expected.push_str("  },\n");
    }
    expected.push_str("};\n");
    crate::generated::assert_current(
        "ui/src/words.generated.ts",
        &expected,
        "cargo test -p codes",
    );
}

/// Where a sentence a person reads may be written besides this crate: the sandbox's pages are
/// FC+'s stand-in (they imitate FC+'s own, which are not Guichet's to word), and tests check
/// the catalogue's texts by quoting them.
fn outside_the_catalogue(path: &std::path::Path) -> bool {
    let path = path.to_string_lossy();
    let skipped = [
        "/crates/codes/",
        "/crates/sandbox/",
        "/tests/",
        "/benches/",
        "/target/",
        "/node_modules/",
        "/dist/",
    ];
    !skipped.iter().any(|s| path.contains(s))
        && !path.ends_with("tests.rs")
        && !path.ends_with(".test.ts")
        && !path.ends_with(".generated.ts")
}

fn source_files(dir: &std::path::Path, ext: &str, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, ext, found);
        } else if path.extension().is_some_and(|e| e == ext) && outside_the_catalogue(&path) {
            found.push(path);
        }
    }
}

/// The string literals of `source` (between any of `quotes`) outside comments and unit-test
/// modules.
fn literals(source: &str, quotes: &[char]) -> Vec<String> {
    let code = match source.find("#[cfg(test)]\nmod tests") {
        Some(tests) => &source[..tests],
        None => source,
    };
    let mut found = Vec::new();
    for line in code.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") || trimmed.starts_with('*') || trimmed.starts_with("/*") {
            continue;
        }
        let mut rest = line;
        while let Some(open) = rest.find(quotes) {
            let quote = rest.as_bytes()[open];
            let body = &rest[open + 1..];
            let mut end = None;
            let mut escaped = false;
            for (i, b) in body.bytes().enumerate() {
                match b {
                    b'\\' if !escaped => escaped = true,
                    b if b == quote && !escaped => {
                        end = Some(i);
                        break;
                    }
                    _ => escaped = false,
                }
            }
            let Some(end) = end else { break };
            found.push(body[..end].to_owned());
            rest = &body[end + 1..];
        }
    }
    found
}

/// French in a literal: its accents, or one of its small words between spaces.
fn reads_french(text: &str) -> bool {
    const ACCENTS: &str = "éèêëàâçùûôîïœ«»";
    const WORDS: &[&str] = &[
        " le ", " la ", " les ", " des ", " du ", " vous ", " est ", " une ", " pas ", " et ",
    ];
    text.chars()
        .any(|c| ACCENTS.contains(c.to_ascii_lowercase()))
        || WORDS
            .iter()
            .any(|w| format!(" {text} ").to_lowercase().contains(w))
}

/// An English sentence in the UI's code: a capital, then three words or more.
fn reads_like_a_sentence(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_uppercase())
        && text.split_whitespace().count() >= 3
        && text.chars().all(|c| !"{}<>=;".contains(c))
}

#[test]
fn no_sentence_is_written_outside_the_catalogue() {
    let root = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
        .canonicalize()
        .unwrap();
    let mut rust = Vec::new();
    source_files(&root.join("crates"), "rs", &mut rust);
    source_files(&root.join("src-tauri/src"), "rs", &mut rust);
    let mut typescript = Vec::new();
    source_files(&root.join("ui/src"), "ts", &mut typescript);
    assert!(
        rust.len() > 40 && typescript.len() > 15,
        "the sources are found"
    );
    let mut outside = Vec::new();
    for (files, quotes, english_too) in [
        (&rust, &['"'][..], false),
        (&typescript, &['"', '`'][..], true),
    ] {
        for path in files {
            let source = std::fs::read_to_string(path).unwrap();
            for literal in literals(&source, quotes) {
                if reads_french(&literal) || english_too && reads_like_a_sentence(&literal) {
                    outside.push(format!("{}: {literal:?}", path.display()));
                }
            }
        }
    }
    assert!(
        outside.is_empty(),
        "sentences outside the catalogue (crates/codes/src/words.rs):\n{}",
        outside.join("\n")
    );
}

#[test]
fn the_scan_finds_a_sentence_where_one_is_written() {
    let source = "fn f() -> &'static str {\n    // \"Un commentaire en français\"\n    \"Vous êtes connecté\"\n}\n#[cfg(test)]\nmod tests {\n    \"Écrit dans un test\"\n}\n";
    assert_eq!(literals(source, &['"']), ["Vous êtes connecté"]);
    assert!(reads_french("Vous êtes connecté"));
    assert!(reads_french("Fermez la fenetre"), "without accents too");
    assert!(!reads_french("the keyring is locked"));
    assert!(reads_like_a_sentence("Sign in with FranceConnect+"));
    assert!(!reads_like_a_sentence(
        "fr-btn fr-btn--secondary guichet-wide"
    ));
}
