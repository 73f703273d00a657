//! Untrusted repositories: nothing outside the repository's root is read, and nothing of a
//! refused file reaches any output (text, annotations, SARIF). Each test builds a repository
//! (`repo/` with its own `.git`) beside a secret it must never read.
#![cfg(all(feature = "detect", feature = "build"))]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use mlsecops_taxonomy::policy::Policy;
use mlsecops_taxonomy::{Registry, Root, detect};
use proptest::prelude::*;

/// What the secret file holds: a requirement naming a registry tool, so that reading it would
/// also show as a tool detected, and a token that must never be printed.
const SECRET: &str = "garak==1.0 # TOKEN-d41d8cd98f00b204\n";
const TOKEN: &str = "TOKEN-d41d8cd98f00b204";

/// `dir/secret.txt` (outside) and `dir/repo/` with a `.git`: the repository's root.
fn repository(name: &str) -> (PathBuf, PathBuf) {
    let dir = common::fresh_dir("untrusted", name);
    common::write_file(&dir, "secret.txt", SECRET);
    let repo = dir.join("repo");
    std::fs::create_dir_all(repo.join(".git")).unwrap();
    (dir, repo)
}

/// What a scan says of `path`: the error of a named file, or the first warning of a walk
/// (after which the walk went on). Either way, nothing of the secret is detected.
fn refusal(path: &Path) -> (Option<usize>, String) {
    match detect::scan([path]) {
        Err(e) => (e.line(), e.to_string()),
        Ok(inventory) => {
            assert!(
                inventory.tools(Registry::builtin(), true).is_empty(),
                "{:?}",
                inventory.dependencies()
            );
            let w = inventory
                .warnings()
                .first()
                .unwrap_or_else(|| panic!("no warning: {inventory:?}"));
            (w.line(), w.to_string())
        }
    }
}

#[cfg(feature = "cli")]
fn mlsecops(args: &[&str], dir: &Path) -> (String, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_mlsecops"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        out.status.code().unwrap(),
    )
}

#[test]
fn includes_outside_the_root_are_refused_at_their_line() {
    let (dir, repo) = repository("includes");
    let secret = dir.join("secret.txt");
    for include in [
        "-r ../secret.txt".to_owned(),
        format!("-r {}", secret.display()),
        format!("--constraint {}", secret.display()),
        "-c ./sub/../../secret.txt".to_owned(),
    ] {
        let file = common::write_file(&repo, "requirements.txt", &format!("numpy\n{include}\n"));
        // Walked (a warning, the walk goes on) and named (an error).
        for path in [&repo, &file] {
            let (line, text) = refusal(path);
            assert_eq!(line, Some(2), "{include}: {text}");
            assert!(
                text.contains("is outside the repository root"),
                "{include}: {text}"
            );
            assert!(!text.contains(TOKEN), "{include}: {text}");
        }
    }
}

#[test]
fn a_link_that_leaves_the_root_is_not_followed() {
    let (dir, repo) = repository("links");
    std::os::unix::fs::symlink(dir.join("secret.txt"), repo.join("shared.txt")).unwrap();
    // Included through the link: refused.
    common::write_file(&repo, "requirements.txt", "-r shared.txt\n");
    let (_, text) = refusal(&repo);
    assert!(text.contains("outside the repository root"), "{text}");
    assert!(!text.contains(TOKEN), "{text}");
    // A manifest that is itself a link out, named: refused; walked: never followed.
    std::fs::remove_file(repo.join("requirements.txt")).unwrap();
    std::os::unix::fs::symlink(dir.join("secret.txt"), repo.join("requirements-dev.txt")).unwrap();
    let err = detect::scan_in(
        &Root::new(&repo).unwrap(),
        [repo.join("requirements-dev.txt")],
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("outside the repository root"),
        "{err}"
    );
    let inventory = detect::scan([&repo]).unwrap();
    assert!(inventory.dependencies().is_empty(), "{inventory:?}");
    // A loop of links ends with an error, not a hang.
    std::os::unix::fs::symlink(repo.join("b.txt"), repo.join("a.txt")).unwrap();
    std::os::unix::fs::symlink(repo.join("a.txt"), repo.join("b.txt")).unwrap();
    common::write_file(&repo, "requirements.txt", "-r a.txt\n");
    let (line, text) = refusal(&repo);
    assert_eq!(line, Some(1), "{text}");
}

#[test]
fn workspace_members_outside_the_root_are_refused() {
    let (dir, repo) = repository("members");
    common::write_file(
        &dir,
        "other/crate/Cargo.toml",
        "[dependencies]\nsafetensors = \"0.4\"\n",
    );
    for members in ["[\"../other/*\"]", "[\"../other/crate\"]", "[\"../../*\"]"] {
        common::write_file(
            &repo,
            "Cargo.toml",
            &format!("[workspace]\nmembers = {members}\n"),
        );
        let (line, text) = refusal(&repo);
        assert_eq!(line, Some(2), "{members}: {text}");
        assert!(
            text.contains("outside the repository root"),
            "{members}: {text}"
        );
    }
}

#[test]
fn a_policy_names_nothing_outside_the_root() {
    let (dir, repo) = repository("policy");
    let secret = dir.join("secret.txt");
    for (key, value) in [
        ("registry", format!("{:?}", secret.display().to_string())),
        ("registry", "\"../secret.txt\"".to_owned()),
        ("detect", format!("[{:?}]", dir.display().to_string())),
        ("detect", "[\"..\"]".to_owned()),
    ] {
        common::write_file(
            &repo,
            "mlsecops.toml",
            &format!("tools = [\"Garak\"]\n{key} = {value}\nrequire = [\"R17-Security\"]\n"),
        );
        let verdict = Policy::discover(&repo).unwrap().evaluate();
        assert!(verdict.is_configuration_error(), "{key} = {value}");
        let finding = &verdict.findings()[0];
        assert_eq!(finding.line(), Some(2), "{key} = {value}: {finding}");
        assert!(
            finding.message().contains("is outside the repository root"),
            "{finding}"
        );
        assert!(!finding.to_string().contains(TOKEN));
    }
    // Inside the repository, above the policy: a monorepo's one registry.
    common::write_file(
        &repo,
        "tools.json",
        r#"{"tools": [{"name": "Our Scanner", "risks": ["R11-Security"]}]}"#,
    );
    common::write_file(
        &repo,
        "services/api/mlsecops.toml",
        "tools = [\"Our Scanner\"]\nregistry = \"../../tools.json\"\nrequire = [\"R11-Security\"]\n",
    );
    let verdict = Policy::discover(repo.join("services/api"))
        .unwrap()
        .evaluate();
    assert!(!verdict.is_failed(), "{:?}", verdict.findings());
}

#[cfg(feature = "cli")]
#[test]
fn no_output_format_shows_a_refused_file() {
    let (dir, repo) = repository("formats");
    common::write_file(&repo, "requirements.txt", "-r ../secret.txt\n");
    common::write_file(
        &repo,
        "mlsecops.toml",
        "detect = true\nregistry = \"../secret.txt\"\nrequire = [\"all\"]\n",
    );
    for args in [
        vec!["detect", "."],
        vec!["detect", ".", "--format", "json"],
        vec!["check", "."],
        vec!["check", ".", "--format", "github"],
        vec!["check", ".", "--format", "sarif"],
        vec!["coverage", "--detect", ".", "--format", "sarif"],
        vec!["coverage", "--detect", ".", "--format", "github"],
    ] {
        let (out, code) = mlsecops(&args, &repo);
        // The policy's registry is refused (exit 2), by `check` and by detection, which looks
        // tools up in it; a walk notes the refused include and goes on.
        assert_eq!(code, 2, "{args:?}: {out}");
        assert!(!out.contains(TOKEN), "{args:?}: {out}");
        assert!(
            out.contains("outside the repository root"),
            "{args:?}: {out}"
        );
    }
    // --root narrows the root below the git work tree.
    common::write_file(
        &repo,
        "sub/requirements.txt",
        "-r ../requirements-base.txt\n",
    );
    common::write_file(&repo, "requirements-base.txt", "garak\n");
    let (out, code) = mlsecops(&["detect", "sub", "--root", "sub"], &repo);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("outside the repository root"), "{out}");
    let _ = dir;
}

/// One step of a random repository: a file including another path, or a link.
#[derive(Debug, Clone)]
enum Step {
    /// `files[i]` includes a path: inside, `..`-escaping, absolute outside, or through a link.
    Include(usize, usize),
    /// A link inside the repository to the secret, or to a directory outside.
    Link(usize, bool),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0..6usize, 0..8usize).prop_map(|(a, b)| Step::Include(a, b)),
        (0..6usize, any::<bool>()).prop_map(|(a, b)| Step::Link(a, b)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whatever the includes and links, detection never reads the secret outside the root:
    /// the tool it names is never detected and its token is in no error.
    #[test]
    fn detection_never_opens_a_path_outside_its_root(steps in prop::collection::vec(step(), 1..12)) {
        static CASE: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let case = CASE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let (dir, repo) = repository(&format!("prop-{case}"));
        std::fs::create_dir_all(dir.join("outside")).unwrap();
        common::write_file(&dir, "outside/requirements.txt", SECRET);
        let names = ["requirements.txt", "requirements/a.txt", "requirements/b.txt",
            "deep/requirements.txt", "requirements-x.txt", "requirements-link.txt"];
        let mut bodies: Vec<String> = vec![String::from("numpy\n"); names.len()];
        let mut links: Vec<(usize, bool)> = Vec::new();
        for step in &steps {
            match *step {
                Step::Include(from, to) => {
                    let target = match to {
                        0..=5 => format!("-r {}", Path::new(names[to]).file_name().unwrap().to_string_lossy()),
                        6 => "-r ../../secret.txt".to_owned(),
                        _ => format!("-c {}", dir.join("outside/requirements.txt").display()),
                    };
                    bodies[from].push_str(&target);
                    bodies[from].push('\n');
                }
                Step::Link(at, to_file) => links.push((at, to_file)),
            }
        }
        for (name, body) in names.iter().zip(&bodies) {
            common::write_file(&repo, name, body);
        }
        for (at, to_file) in links {
            let link = repo.join(format!("requirements/link{at}.txt"));
            let _ = std::fs::remove_file(&link);
            let target = if to_file { dir.join("secret.txt") } else { dir.join("outside") };
            std::os::unix::fs::symlink(target, &link).unwrap();
            bodies[at].push_str(&format!("-r link{at}.txt\n"));
            common::write_file(&repo, "requirements/a.txt", &bodies[at]);
        }
        match detect::scan([&repo]) {
            Ok(inventory) => {
                let tools = inventory.tools(Registry::builtin(), true);
                prop_assert!(tools.is_empty(), "{:?}", inventory.dependencies());
            }
            Err(e) => prop_assert!(!e.to_string().contains(TOKEN), "{e}"),
        }
    }
}

/// A workflow of about 1 KB whose aliases nest nine deep: 9^9 nodes once expanded.
fn alias_bomb() -> String {
    let mut text = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
    for pair in names.windows(2) {
        let refs = vec![format!("*{}", pair[0]); 9].join(",");
        text.push_str(&format!("{}: &{} [{refs}]\n", pair[1], pair[1]));
    }
    text.push_str("jobs:\n  scan:\n    steps: *i\n");
    text
}

/// Scanning `file` is an error within a second, at a line, saying `what`.
fn refused_at_once(file: &Path, what: &str) {
    let start = std::time::Instant::now();
    let err = detect::scan([file]).unwrap_err();
    assert!(
        start.elapsed() < std::time::Duration::from_secs(1),
        "{:?}",
        start.elapsed()
    );
    assert!(err.message().contains(what), "{err}");
    assert!(err.line().is_some(), "{err}");
}

#[test]
fn an_alias_bomb_is_a_located_error_at_once() {
    let (_, repo) = repository("alias-bomb");
    let text = alias_bomb();
    assert!(text.len() < 1200, "{}", text.len());
    let file = common::write_file(&repo, ".github/workflows/bomb.yml", &text);
    refused_at_once(&file, "expand to more than");
}

#[cfg(feature = "cli")]
#[test]
fn an_alias_bomb_needs_little_memory() {
    let (_, repo) = repository("alias-bomb-memory");
    common::write_file(&repo, ".github/workflows/bomb.yml", &alias_bomb());
    // At most 512 MiB of address space: expanding the bomb would need gigabytes.
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "ulimit -v 524288; exec {} detect .",
            env!("CARGO_BIN_EXE_mlsecops")
        ))
        .current_dir(&repo)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    // Walked: a warning, and the walk goes on.
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("an alias bomb"), "{err}");
}

#[test]
fn nesting_is_bounded_in_every_format() {
    let (_, repo) = repository("nesting");
    let deep = 100_000;
    let nested =
        |head: &str, tail: &str| format!("{head}{}1{}{tail}", "[".repeat(deep), "]".repeat(deep));
    let cases = [
        (
            ".github/workflows/deep.yml",
            format!("jobs: {}1{}\n", "[".repeat(deep), "]".repeat(deep)),
        ),
        (
            "bom.json",
            format!(
                "{{\"bomFormat\": \"CycloneDX\", \"x\": {}1{}}}",
                "[".repeat(deep),
                "]".repeat(deep)
            ),
        ),
        (
            "package.json",
            format!(
                "{{\"dependencies\": {}1{}}}",
                "[".repeat(deep),
                "]".repeat(deep)
            ),
        ),
        (
            "pyproject.toml",
            format!("a = {}1{}\n", "[".repeat(deep), "]".repeat(deep)),
        ),
        (
            "Cargo.toml",
            format!("a = {}1{}\n", "{b=".repeat(deep), "}".repeat(deep)),
        ),
        (
            "uv.lock",
            format!("a = {}1{}\n", "[".repeat(deep), "]".repeat(deep)),
        ),
        ("environment.yml", nested("dependencies: ", "\n")),
        (".pre-commit-config.yaml", nested("repos: ", "\n")),
        ("Pipfile.lock", nested("{\"default\": ", "}")),
        (
            "sbom.spdx3.json",
            nested(
                "{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": ",
                "}",
            ),
        ),
    ];
    for (name, text) in cases {
        let file = common::write_file(&repo, name, &text);
        let err = detect::scan([&file]).unwrap_err();
        assert_eq!(err.line(), Some(1), "{name}: {err}");
        assert!(
            err.to_string().len() < 2_000,
            "{name}: a message of {} bytes",
            err.to_string().len()
        );
        std::fs::remove_file(file).unwrap();
    }
}

#[test]
fn xml_entities_are_never_expanded_and_nesting_costs_no_stack() {
    let (_, repo) = repository("xml");
    // "Billion laughs": a DTD whose entities nest. A DTD is refused before anything expands.
    let mut dtd = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE bom [\n<!ENTITY a \"lol\">\n");
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    for pair in names.windows(2) {
        dtd.push_str(&format!(
            "<!ENTITY {} \"{}\">\n",
            pair[1],
            format!("&{};", pair[0]).repeat(10)
        ));
    }
    dtd.push_str("]>\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components><component><purl>&j;</purl></component></components></bom>\n");
    let file = common::write_file(&repo, "bom.xml", &dtd);
    refused_at_once(&file, "DTD");
    // Elements nested 200,000 deep: parsed without recursion, nothing declared.
    let deep = 200_000;
    let text = format!(
        "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>{}{}</components></bom>",
        "<x>".repeat(deep),
        "</x>".repeat(deep)
    );
    let file = common::write_file(&repo, "deep.cdx.xml", &text);
    let inventory = detect::scan([&file]).unwrap();
    assert!(inventory.dependencies().is_empty());
    // Malformed XML: an error at its line.
    let file = common::write_file(
        &repo,
        "broken.cdx.xml",
        "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n<components>\n</bom>\n",
    );
    let err = detect::scan([&file]).unwrap_err();
    assert_eq!(err.line(), Some(3), "{err}");
    assert!(err.message().starts_with("not valid XML"), "{err}");
}

#[test]
fn includes_and_walks_are_bounded() {
    let (_, repo) = repository("bounds");
    // A chain of 40 requirements files, each including the next.
    for i in 0..40 {
        common::write_file(
            &repo,
            &format!("requirements/r{i}.txt"),
            &format!("-r r{}.txt\n", i + 1),
        );
    }
    common::write_file(&repo, "requirements/r40.txt", "garak\n");
    let err = detect::scan([repo.join("requirements/r0.txt")]).unwrap_err();
    assert!(
        err.message()
            .contains(&format!("deeper than {}", detect::MAX_INCLUDE_DEPTH)),
        "{err}"
    );
    // Directories nested deeper than the walk goes.
    let mut deep = repo.join("deep");
    for _ in 0..=detect::MAX_WALK_DEPTH {
        deep = deep.join("d");
    }
    std::fs::create_dir_all(&deep).unwrap();
    let err = detect::scan([repo.join("deep")]).unwrap_err();
    assert!(err.message().contains("incomplete"), "{err}");
    assert!(
        err.message().contains(&detect::MAX_WALK_DEPTH.to_string()),
        "{err}"
    );
}

/// A CycloneDX SBOM of `n` components, one per line.
fn sbom(n: usize) -> String {
    let components: Vec<String> = (0..n)
        .map(|i| {
            format!(
                "{{\"type\": \"library\", \"name\": \"p{i}\", \"purl\": \"pkg:pypi/p{i}@1.0\"}}"
            )
        })
        .collect();
    format!(
        "{{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [\n{}\n]}}\n",
        components.join(",\n")
    )
}

#[test]
fn detection_takes_time_in_proportion_to_the_file() {
    let (_, repo) = repository("linear");
    let time = |n: usize| {
        let file = common::write_file(&repo, &format!("{n}.cdx.json"), &sbom(n));
        let start = std::time::Instant::now();
        let inventory = detect::scan([&file]).unwrap();
        let elapsed = start.elapsed();
        assert_eq!(inventory.dependencies().len(), n);
        assert_eq!(inventory.dependencies()[n - 1].line(), n + 1);
        elapsed
    };
    time(1_000);
    // Twice the components, about twice the time (a rescan per finding made it four times).
    let ratios: Vec<f64> = (0..3)
        .map(|_| time(40_000).as_secs_f64() / time(20_000).as_secs_f64())
        .collect();
    let mut sorted = ratios.clone();
    sorted.sort_by(f64::total_cmp);
    assert!(sorted[1] < 3.0, "time(40k) / time(20k) = {ratios:?}");
}

/// Inputs the fuzz targets found that crashed detection (each before its fix), as regression
/// tests: every one is now a located error.
#[test]
fn what_the_fuzzers_found_is_a_located_error() {
    // pep508_rs panicked on a name ending in `.` followed by a character it does not expect.
    for (name, text, line) in [
        ("requirements.txt", "numpy\nmodenone-any.#hl\n", 2),
        ("requirements.txt", "garak_\u{1F600}\n", 1),
        // And on an extra ending in `-`.
        ("requirements.txt", "garak\ngarak[all-]\n", 2),
        (
            "requirements.txt",
            "garak[dev, -x] ; python_version > '3'\n",
            1,
        ),
    ] {
        let inventory = detect::scan_memory(name, &[(name, text)]).unwrap();
        let w = &inventory.warnings()[0];
        assert_eq!(w.line(), Some(line), "{text:?}: {w}");
        assert!(w.message().contains("not a PEP 508 requirement"), "{w}");
    }
}

/// The YAML parser counts a lone carriage return as a line break; every position is counted
/// after each line feed, as the other readers and editors do (found by fuzzing: line 3 of a
/// file of one line).
#[test]
fn yaml_errors_are_on_lines_the_file_has() {
    let text = "name: x\r\rjobs: {\n";
    let err = detect::scan_memory(
        ".github/workflows/ci.yml",
        &[(".github/workflows/ci.yml", text)],
    )
    .unwrap_err();
    // At the end of the text: the line after its only line feed (the parser said 4).
    assert_eq!(err.line(), Some(2), "{err}");
}

/// A dependency with an empty name is noted, never a package (found by fuzzing: a `poetry.lock`
/// entry `name = ""`).
#[test]
fn a_dependency_needs_a_name() {
    for (file, text, line) in [
        (
            "poetry.lock",
            "[[package]]\nversion = \"1\"\nname = \"\"\n",
            3,
        ),
        ("Cargo.toml", "[dependencies]\n\"\" = \"1\"\n", 2),
        ("package.json", "{\"dependencies\": {\"\": \"1\"}}", 1),
    ] {
        let inventory = detect::scan_memory(file, &[(file, text)]).unwrap();
        assert!(inventory.dependencies().is_empty(), "{file}: {inventory:?}");
        assert_eq!(inventory.warnings()[0].line(), Some(line), "{file}");
    }
}

/// One `RUN` line with many packages, and a Dockerfile that repeats a package on every line: the
/// time grows with the file, not with its square (the words are indexed once). A continued
/// instruction past the limit is a located error.
#[test]
fn dockerfiles_take_linear_time_and_bound_an_instruction() {
    let time = |n: usize| {
        let one_line = format!(
            "RUN pip install {}\n",
            (0..n)
                .map(|i| format!("p{i}"))
                .collect::<Vec<_>>()
                .join(" ")
        );
        let many_lines = "RUN pip install garak\n".repeat(n);
        let start = std::time::Instant::now();
        let a = detect::scan_memory("Dockerfile", &[("Dockerfile", &one_line)]).unwrap();
        let b = detect::scan_memory("Dockerfile", &[("Dockerfile", &many_lines)]).unwrap();
        assert_eq!((a.dependencies().len(), b.dependencies().len()), (n, n));
        assert_eq!(b.dependencies()[n - 1].line(), n);
        start.elapsed()
    };
    let (small, large) = (time(5_000), time(50_000));
    // Ten times the input: linear would be about 10x; quadratic, 100x.
    assert!(large < small * 40, "{small:?} then {large:?}");
    let long = format!(
        "RUN pip install \\\n{}garak\n",
        "    x \\\n".repeat(200_000)
    );
    let err = detect::scan_memory("Dockerfile", &[("Dockerfile", &long)]).unwrap_err();
    assert_eq!(
        (err.line(), err.message()),
        (Some(1), "an instruction longer than 1048576 bytes")
    );
}

/// PEP 508 requirements are read by the crate's own reader, which keeps no stack for a marker's
/// parentheses: 20,000 nested ones (a line of 40 KB, on which pep508_rs overflowed the stack and
/// aborted the process) are a located warning in a requirements file and a located error in a
/// `pyproject.toml`, past `packaging`'s bound of 200.
#[test]
fn a_deeply_nested_marker_is_a_located_error() {
    let deep = format!(
        "garak; {}python_version > '3'{}",
        "(".repeat(20_000),
        ")".repeat(20_000)
    );
    let why =
        "not a PEP 508 requirement: a marker nests at most 200 parentheses deep, at column 208";
    let text = format!("numpy\n{deep}\n");
    let inventory =
        detect::scan_memory("requirements.txt", &[("requirements.txt", &text)]).unwrap();
    assert_eq!(inventory.dependencies().len(), 1);
    let w = &inventory.warnings()[0];
    assert_eq!(w.line(), Some(2), "{w}");
    assert!(w.message().contains(why), "{w}");
    let toml =
        format!("[project]\nname = \"x\"\ndependencies = [\n  \"numpy\",\n  \"{deep}\",\n]\n");
    let err = detect::scan_memory("pyproject.toml", &[("pyproject.toml", &toml)]).unwrap_err();
    assert_eq!(err.line(), Some(5), "{err}");
    assert!(err.message().contains(why), "{err}");
}
