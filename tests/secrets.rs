//! Secrets stay unread: a CI job's checkout keeps the job's token in `.git/config` (as
//! actions/checkout leaves it) and its steps write credentials into the work tree, where
//! `.gitignore` names them. No path through `.git` is ever read, a file git ignores is never
//! included or walked, and only regular files are opened (a FIFO would hang the job). Each test
//! builds a repository holding such a token and checks every output format for it.
#![cfg(all(feature = "detect", feature = "build", feature = "cli"))]

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mlsecops_taxonomy::{Registry, detect};

/// The token, as actions/checkout writes it into `.git/config`, and as a CI step writes it into
/// `.env`; every line of both is one pip rejects, so reading either would quote it.
const TOKEN: &str = "ghs_SECRETd41d8cd98f00b204e9800998ecf8427e";

fn repository(name: &str) -> PathBuf {
    let repo = common::fresh_dir("secrets", name);
    common::write_file(
        &repo,
        ".git/config",
        &format!(
            "[http \"https://github.com/\"]\n\textraheader = AUTHORIZATION: basic {TOKEN}\n\
             garak\n"
        ),
    );
    common::write_file(&repo, ".env", &format!("OPENAI_API_KEY={TOKEN}\ngarak\n"));
    common::write_file(&repo, ".gitignore", "# written by CI\n.env\n/build/\n");
    common::write_file(&repo, "build/requirements.txt", "garak\n");
    repo
}

/// Every format of `check` and `detect` on the repository: no token, no credit from a secret
/// file (Garak is in each of them), the exit status.
fn assert_unread(repo: &Path, what: &str) -> Vec<String> {
    let mut all = Vec::new();
    for format in ["table", "github", "sarif", "json", "markdown"] {
        let (out, err, status) = common::mlsecops(repo, &["check", ".", "--format", format]);
        let both = format!("{out}{err}");
        assert!(!both.contains(TOKEN), "{what} {format}: {both}");
        assert!(!both.contains("SECRET"), "{what} {format}: {both}");
        assert!(
            status == 1 || status == 2,
            "{what} {format}: {status} {both}"
        );
        all.push(both);
    }
    let (out, err, _) = common::mlsecops(repo, &["detect", "."]);
    assert!(!out.contains("Garak"), "{what}: {out}{err}");
    assert!(!format!("{out}{err}").contains(TOKEN), "{what}: {out}{err}");
    all
}

#[test]
fn nothing_in_dot_git_is_ever_read() {
    for (name, file, text) in [
        ("requirements", "requirements.txt", "-r .git/config\n"),
        ("upper-case", "requirements.txt", "-r .GIT/config\n"),
        ("dot-dot", "requirements.txt", "-r sub/../.git/config\n"),
        (
            "setup-cfg",
            "setup.cfg",
            "[options]\ninstall_requires = file: .git/config\n",
        ),
        (
            "conda",
            "environment.yml",
            "dependencies:\n  - pip\n  - pip:\n    - -r .git/config\n",
        ),
        (
            "workflow",
            ".github/workflows/ci.yml",
            "on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: pip install -r .git/config\n",
        ),
    ] {
        let repo = repository(&format!("dot-git-{name}"));
        common::write_file(
            &repo,
            "mlsecops.toml",
            "detect = true\nrequire = [\"R17-Security\"]\n",
        );
        common::write_file(&repo, file, text);
        std::fs::create_dir_all(repo.join("sub")).unwrap();
        let outputs = assert_unread(&repo, name);
        // On a file system that tells case apart, `.GIT` is not there at all.
        assert!(
            outputs[0].contains("is inside .git")
                || (name == "upper-case" && outputs[0].contains("does not exist")),
            "{name}: {}",
            outputs[0]
        );
        // The library says the same.
        let inventory = detect::scan([&repo]).unwrap();
        assert!(
            inventory.tools(Registry::builtin(), true).is_empty(),
            "{name}"
        );
        let note = inventory
            .warnings()
            .iter()
            .find(|w| w.message().contains(".git") || w.message().contains(".GIT"))
            .unwrap_or_else(|| panic!("{name}: {:?}", inventory.warnings()));
        assert!(note.line().is_some(), "{name}: {note}");
        assert!(!note.message().contains(TOKEN));
    }
}

#[test]
fn files_git_ignores_are_never_included_nor_walked() {
    let repo = repository("ignored");
    common::write_file(
        &repo,
        "mlsecops.toml",
        "detect = true\nrequire = [\"R17-Security\"]\n",
    );
    common::write_file(&repo, "requirements.txt", "numpy\n-r .env\n");
    assert_unread(&repo, "ignored");
    let inventory = detect::scan([&repo]).unwrap();
    let notes: Vec<String> = inventory.warnings().iter().map(|w| w.to_string()).collect();
    // The include is a note at its line; the ignored directory is not entered; the including
    // file still counts.
    assert!(
        notes
            .iter()
            .any(|n| n.contains("requirements.txt:2:1: note:")
                && n.contains("is ignored by git (.gitignore:2)")),
        "{notes:#?}"
    );
    assert_eq!(inventory.dependencies().len(), 1, "{inventory:?}");
    assert_eq!(inventory.dependencies()[0].package(), "numpy");
    // A negation brings a file back, as in git.
    common::write_file(
        &repo,
        ".gitignore",
        ".env\nrequirements*.txt\n!requirements.txt\n",
    );
    common::write_file(&repo, "requirements-dev.txt", "garak\n");
    let inventory = detect::scan([&repo]).unwrap();
    let files: Vec<String> = inventory
        .files()
        .iter()
        .map(|f| f.strip_prefix(&repo).unwrap().display().to_string())
        .collect();
    assert_eq!(files, ["build/requirements.txt", "requirements.txt"]);
    // Without a work tree (a root without .git), nothing is ignored.
    let plain = common::fresh_dir("secrets", "no-work-tree");
    common::write_file(&plain, ".gitignore", "requirements.txt\n");
    common::write_file(&plain, "requirements.txt", "garak\n");
    let root = mlsecops_taxonomy::Root::new(&plain).unwrap();
    let inventory = detect::scan_in(&root, [&plain]).unwrap();
    assert_eq!(inventory.dependencies().len(), 1, "{inventory:?}");
}

/// A FIFO: named by `-r`, on the command line, or walked, it is refused at once.
#[test]
fn only_regular_files_are_opened() {
    let repo = repository("fifo");
    let fifo = repo.join("pipe-requirements.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    common::write_file(
        &repo,
        "requirements.txt",
        "garak\n-r pipe-requirements.txt\n",
    );
    let started = Instant::now();
    // Included: a located error when named, a warning when walked; never a hang.
    let err = detect::scan([repo.join("requirements.txt")]).unwrap_err();
    assert!(
        err.message().contains("not a regular file (a FIFO)"),
        "{err}"
    );
    let inventory = detect::scan([&repo]).unwrap();
    assert!(
        inventory
            .warnings()
            .iter()
            .any(|w| w.message().contains("not a regular file")),
        "{:?}",
        inventory.warnings()
    );
    // Named on the command line.
    let (out, err, status) = common::mlsecops(&repo, &["detect", "pipe-requirements.txt"]);
    assert_eq!(status, 2, "{out}{err}");
    assert!(err.contains("not a regular file"), "{err}");
    // As the policy itself, and as a registry file.
    std::fs::remove_file(repo.join("requirements.txt")).unwrap();
    let policy = repo.join("mlsecops.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&policy)
            .status()
            .unwrap()
            .success()
    );
    let (out, err, status) = common::mlsecops(&repo, &["check", "."]);
    assert_eq!(status, 2, "{out}{err}");
    assert!(err.contains("not a regular file (a FIFO)"), "{err}");
    let (out, err, status) =
        common::mlsecops(&repo, &["tools", "--registry", "pipe-requirements.txt"]);
    assert_eq!(status, 2, "{out}{err}");
    assert!(err.contains("not a regular file (a FIFO)"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(30));
}
