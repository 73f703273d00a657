//! Each detector on its fixtures (`tests/fixtures/detect/<format>/`): what it reads there, as
//! `expected.tsv` says, and which paths it wants (`tests/fixtures/detect/wants.tsv`). The
//! module documentation's format table is the one the detectors describe.
#![cfg(feature = "detect")]

use std::path::{Path, PathBuf};

use mlsecops_taxonomy::detect;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/detect")
}

/// The rows of a TSV file after its header.
fn rows(path: &Path) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

#[test]
fn every_format_has_fixtures_and_reads_what_they_expect() {
    let mut names: Vec<&str> = detect::formats().map(|f| f.detector).collect();
    names.dedup();
    assert!(names.len() >= 10, "{names:?}");
    for name in names {
        let dir = fixtures().join(name);
        assert!(
            dir.join("SOURCES.md").is_file(),
            "{name}: no SOURCES.md in {}",
            dir.display()
        );
        let expected = rows(&dir.join("expected.tsv"));
        assert!(!expected.is_empty(), "{name}: expected.tsv is empty");
        let project = dir.join("project");
        let inventory = detect::scan([&project]).unwrap_or_else(|e| panic!("{name}: {e}"));
        let found: Vec<Vec<String>> = inventory
            .dependencies()
            .iter()
            .map(|d| {
                vec![
                    d.file()
                        .strip_prefix(&project)
                        .unwrap()
                        .display()
                        .to_string()
                        .replace('\\', "/"),
                    d.line().to_string(),
                    d.ecosystem().to_string(),
                    d.package().to_owned(),
                    if d.is_direct() { "yes" } else { "no" }.to_owned(),
                ]
            })
            .collect();
        assert_eq!(found, expected, "{name}");
    }
}

#[test]
fn each_path_goes_to_the_detector_the_table_says() {
    let table = rows(&fixtures().join("wants.tsv"));
    assert!(table.len() > 10);
    let mut seen: Vec<&str> = Vec::new();
    for row in &table {
        let expected = (row[1] != "-").then_some(row[1].as_str());
        assert_eq!(detect::detector_for(&row[0]), expected, "{}", row[0]);
        seen.extend(expected);
    }
    // Every detector is somebody's answer in the table: a new format adds its paths there.
    for name in detect::detectors() {
        assert!(
            seen.contains(&name),
            "no path of tests/fixtures/detect/wants.tsv goes to {name}: add the paths it reads"
        );
    }
}

#[test]
fn the_documented_format_table_is_the_detectors_own() {
    let generated: Vec<String> = detect::formats()
        .map(|f| format!("| {} | {} |", f.files, f.reads))
        .collect();
    let source =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/detect/mod.rs"))
            .unwrap();
    let documented: Vec<String> = source
        .lines()
        .filter_map(|l| l.strip_prefix("//! "))
        .filter(|l| l.starts_with("| ") && !l.starts_with("| file |"))
        .map(str::to_owned)
        .collect();
    assert_eq!(documented, generated);
    let book = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/src/detection.md"),
    )
    .unwrap();
    for row in &generated {
        assert!(
            book.contains(row.as_str()),
            "the book's detection page lacks {row}"
        );
    }
}

#[test]
fn a_file_of_no_known_kind_names_every_kind() {
    let dir = std::env::temp_dir().join(format!("mlsecops-fixtures-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("notes.txt");
    std::fs::write(&file, "garak\n").unwrap();
    let err = detect::scan([&file]).unwrap_err();
    for kind in [
        "requirements*.txt",
        "pyproject.toml",
        "uv.lock",
        "poetry.lock",
        "Cargo.toml",
        "Cargo.lock",
        "package.json",
        "a GitHub Actions workflow",
        "a CycloneDX, SPDX 2 or SPDX 3 JSON SBOM",
        "requirements*.in",
        "setup.cfg",
        "setup.py",
        "pylock.toml",
        "pdm.lock",
        "Pipfile",
        "Pipfile.lock",
        "environment.yml",
        ".pre-commit-config.yaml",
        ".gitlab-ci.yml",
        "a Dockerfile",
    ] {
        assert!(err.message().contains(kind), "{kind}: {}", err.message());
    }
}
