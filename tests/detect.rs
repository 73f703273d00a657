//! Detection: each reader on real-world forms, and bad input (the sample project is
//! `tests/sample.rs`'s).
#![cfg(feature = "detect")]

use std::path::{Path, PathBuf};

use mlsecops_taxonomy::Registry;
use mlsecops_taxonomy::detect::{self, DetectError, Inventory};

mod common;

fn dir(name: &str) -> PathBuf {
    common::fresh_dir("detect", name)
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    common::write_file(dir, name, text)
}

/// `(tool, file name, line, package, direct)` for each piece of evidence.
fn evidence(inventory: &Inventory, transitive: bool) -> Vec<(String, String, usize, String, bool)> {
    let mut out = Vec::new();
    for tool in inventory.tools(Registry::builtin(), transitive) {
        for e in tool.evidence() {
            out.push((
                tool.tool().name().to_owned(),
                e.file().file_name().unwrap().to_string_lossy().into_owned(),
                e.line(),
                e.package().to_owned(),
                e.is_direct(),
            ));
        }
    }
    out
}

fn row(
    tool: &str,
    file: &str,
    line: usize,
    package: &str,
    direct: bool,
) -> (String, String, usize, String, bool) {
    (tool.into(), file.into(), line, package.into(), direct)
}

fn error(paths: &[&Path]) -> DetectError {
    detect::scan(paths).unwrap_err()
}

#[test]
fn requirements_files_as_projects_write_them() {
    let d = dir("requirements");
    write(
        &d,
        "requirements/common.txt",
        "giskard==2.17 \\\n    --hash=sha256:00\n",
    );
    write(&d, "constraints.txt", "garak==0.17\n");
    let main = write(
        &d,
        "requirements-dev.txt",
        "# comment\n\
         --extra-index-url https://example.com/simple\n\
         -rrequirements/common.txt\n\
         --constraint=constraints.txt\n\
         \n\
         Foolbox [extras] >= 3.3 ; python_version > '3.8'  # adversarial attacks\n\
         vger @ https://files.example.com/vger-0.2.6.tar.gz\n\
         git+https://github.com/sigstore/model-transparency#egg=model_signing\n\
         https://files.example.com/artkit-1.0.8-py3-none-any.whl\n\
         -e .\n\
         --pre\n",
    );
    let inventory = detect::scan([&main]).unwrap();
    assert_eq!(
        evidence(&inventory, false),
        [
            row("Foolbox", "requirements-dev.txt", 6, "Foolbox", true),
            row("Giskard", "common.txt", 1, "giskard", true),
            row("VGER", "requirements-dev.txt", 7, "vger", true),
            row(
                "Model Transparency",
                "requirements-dev.txt",
                8,
                "model_signing",
                true
            ),
            row("ARTkit", "requirements-dev.txt", 9, "artkit", true),
        ]
    );
    // The constraint file was read (it exists and parses) but declares nothing.
    assert_eq!(inventory.files().len(), 3);
    assert!(!evidence(&inventory, true).iter().any(|r| r.0 == "Garak"));
}

#[test]
fn bad_requirements_lines_are_warnings_and_bad_includes_errors() {
    let d = dir("bad-requirements");
    // A line pip would reject is a located warning; the rest of the file is read.
    let bad = write(&d, "requirements.txt", "garak\nnumpy >== 1\n");
    let inventory = detect::scan([&bad]).unwrap();
    assert_eq!(inventory.dependencies().len(), 1);
    let w = &inventory.warnings()[0];
    assert_eq!(w.line(), Some(2));
    assert!(
        w.to_string()
            .contains("requirements.txt:2:1: warning: not a PEP 508 requirement"),
        "{w}"
    );

    let option = write(&d, "requirements-opt.txt", "--frobnicate\n");
    let inventory = detect::scan([&option]).unwrap();
    assert!(
        inventory.warnings()[0]
            .to_string()
            .contains("requirements-opt.txt:1:1: warning: unknown option --frobnicate"),
        "{:?}",
        inventory.warnings()
    );

    let missing = write(&d, "requirements-inc.txt", "-r nope.txt\n");
    assert!(error(&[&missing]).to_string().contains("the included file"));

    // A cycle: a includes b, which includes a.
    write(&d, "requirements-b.txt", "-r requirements-a.txt\n");
    let a = write(&d, "requirements-a.txt", "-r requirements-b.txt\n");
    let e = error(&[&a]);
    assert!(e.message().starts_with("an include cycle: "), "{e}");
}

#[test]
fn pyproject_files_pep_621_735_and_poetry() {
    let d = dir("pyproject");
    let poetry = write(
        &d,
        "poetry/pyproject.toml",
        "[tool.poetry]\nname = \"x\"\n\n[tool.poetry.dependencies]\npython = \"^3.10\"\nmindgard = \"^0.110\"\n\n\
         [tool.poetry.group.test.dependencies]\ncodeshield = { version = \"^1.0\" }\n",
    );
    let inventory = detect::scan([&poetry]).unwrap();
    assert_eq!(
        evidence(&inventory, false),
        [
            row("Mindgard-cli", "pyproject.toml", 6, "mindgard", true),
            row("PurpleLLama3", "pyproject.toml", 9, "codeshield", true),
        ]
    );
    let broken = write(
        &d,
        "broken/pyproject.toml",
        "[project]\ndependencies = [\"garak\"\n",
    );
    let e = error(&[&broken]);
    assert!(e.to_string().contains("pyproject.toml:"), "{e}");
    assert!(e.message().starts_with("not valid TOML"), "{e}");
    let wrong = write(
        &d,
        "wrong/pyproject.toml",
        "[project]\ndependencies = \"garak\"\n",
    );
    assert_eq!(
        error(&[&wrong]).to_string(),
        format!(
            "{}:2: project.dependencies must be an array of strings",
            wrong.display()
        )
    );
}

#[test]
fn cargo_and_npm_manifests() {
    let d = dir("cargo-npm");
    let cargo = write(
        &d,
        "Cargo.toml",
        "[package]\nname = \"x\"\n\n[target.'cfg(unix)'.dependencies]\ndp = { package = \"opendp\", version = \"0.16\" }\n\n\
         [workspace.dependencies]\nsafetensors = \"0.8\"\n",
    );
    assert_eq!(
        evidence(&detect::scan([&cargo]).unwrap(), false),
        [
            row("Safetensors", "Cargo.toml", 8, "safetensors", true),
            row("OpenDP", "Cargo.toml", 5, "opendp", true),
        ]
    );
    let npm = write(
        &d,
        "package.json",
        "{\"dependencies\": {\"safetensors\": \"1\"}}",
    );
    // No tool is an npm package (an npm `safetensors` is not the Hugging Face crate).
    let inventory = detect::scan([&npm]).unwrap();
    assert_eq!(inventory.dependencies().len(), 1);
    assert!(evidence(&inventory, true).is_empty());
}

#[test]
fn sboms_tell_direct_from_transitive() {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/ml-project/image.cdx.json");
    let inventory = detect::scan([&sample]).unwrap();
    assert_eq!(
        evidence(&inventory, false),
        [row("ModelScan", "image.cdx.json", 9, "modelscan", true)]
    );
    let transitive: Vec<&str> = inventory
        .transitive_only(Registry::builtin())
        .iter()
        .map(|t| t.tool().name())
        .collect();
    assert_eq!(transitive, ["Safetensors"]);
    assert_eq!(
        evidence(&inventory, true)[1],
        row("Safetensors", "image.cdx.json", 12, "safetensors", false)
    );

    // No root component and no graph, as `cyclonedx-py requirements` writes: every component
    // is direct.
    let d = dir("sbom");
    let flat = write(
        &d,
        "flat.cdx.json",
        r#"{"bomFormat": "CycloneDX", "specVersion": "1.6", "components": [
  {"type": "library", "name": "safetensors", "purl": "pkg:pypi/safetensors@0.8.0?extension=whl"}]}"#,
    );
    assert_eq!(
        evidence(&detect::scan([&flat]).unwrap(), false),
        [row("Safetensors", "flat.cdx.json", 2, "safetensors", true)]
    );

    let spdx = write(
        &d,
        "app.spdx.json",
        r#"{"spdxVersion": "SPDX-2.3", "documentDescribes": ["SPDXRef-app"], "packages": [
  {"SPDXID": "SPDXRef-app", "name": "app"},
  {"SPDXID": "SPDXRef-garak", "name": "garak", "externalRefs": [
    {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:pypi/garak@0.17.1"}]},
  {"SPDXID": "SPDXRef-st", "name": "safetensors", "externalRefs": [
    {"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:pypi/safetensors@0.8.0"}]}],
 "relationships": [{"spdxElementId": "SPDXRef-app", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-garak"}]}"#,
    );
    let inventory = detect::scan([&spdx]).unwrap();
    assert_eq!(
        evidence(&inventory, false),
        [row("Garak", "app.spdx.json", 4, "garak", true)]
    );
    assert_eq!(
        evidence(&inventory, true)[1],
        row("Safetensors", "app.spdx.json", 6, "safetensors", false)
    );
}

#[test]
fn walks_skip_other_projects_files_and_never_follow_links() {
    let d = dir("walk");
    write(&d, "requirements.txt", "garak\n");
    write(&d, "node_modules/x/requirements.txt", "modelscan\n");
    write(&d, ".venv/requirements.txt", "modelscan\n");
    write(&d, "env/pyvenv.cfg", "home = /usr\n");
    write(&d, "env/requirements.txt", "modelscan\n");
    write(&d, "target/requirements.txt", "modelscan\n");
    let outside = dir("walk-outside");
    write(&outside, "requirements.txt", "pyrit\n");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, d.join("linked")).unwrap();
    let names: Vec<String> = detect::scan([&d])
        .unwrap()
        .tools(Registry::builtin(), true)
        .iter()
        .map(|t| t.tool().name().to_owned())
        .collect();
    assert_eq!(names, ["Garak"]);
}

#[test]
fn lockfiles_tell_direct_from_transitive() {
    let d = dir("locks");
    let uv = write(
        &d,
        "uv.lock",
        r#"version = 1
requires-python = ">=3.10"

[[package]]
name = "garak"
version = "0.17.1"
source = { registry = "https://pypi.org/simple" }
dependencies = [
    { name = "safetensors" },
]

[[package]]
name = "ml-service"
version = "0.3.0"
source = { editable = "." }
dependencies = [
    { name = "garak" },
]

[package.optional-dependencies]
fuzz = [
    { name = "prompt-security-fuzzer" },
]

[package.dev-dependencies]
dev = [
    { name = "pyrit" },
]

[[package]]
name = "prompt-security-fuzzer"
version = "2.1.1"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pyrit"
version = "1.1.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "safetensors"
version = "0.8.0"
source = { registry = "https://pypi.org/simple" }
"#,
    );
    let inventory = detect::scan([&uv]).unwrap();
    assert_eq!(
        evidence(&inventory, false),
        [
            row("Garak", "uv.lock", 5, "garak", true),
            row("Pyrit", "uv.lock", 36, "pyrit", true),
            row("PS-fuzz", "uv.lock", 31, "prompt-security-fuzzer", true),
        ]
    );
    let transitive: Vec<&str> = inventory
        .transitive_only(Registry::builtin())
        .iter()
        .map(|t| t.tool().name())
        .collect();
    assert_eq!(transitive, ["Safetensors"]);

    let cargo = write(
        &d,
        "Cargo.lock",
        "version = 4\n\n[[package]]\nname = \"inference\"\nversion = \"0.3.0\"\ndependencies = [\n \"safetensors\",\n]\n\n\
         [[package]]\nname = \"opendp\"\nversion = \"0.16.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n\n\
         [[package]]\nname = \"safetensors\"\nversion = \"0.8.0\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\ndependencies = [\n \"opendp\",\n]\n",
    );
    let inventory = detect::scan([&cargo]).unwrap();
    assert_eq!(
        evidence(&inventory, true),
        [
            row("Safetensors", "Cargo.lock", 16, "safetensors", true),
            row("OpenDP", "Cargo.lock", 11, "opendp", false),
        ]
    );

    let poetry = write(
        &d,
        "poetry.lock",
        "[[package]]\nname = \"modelscan\"\nversion = \"0.8.8\"\noptional = false\nfiles = []\n\n[metadata]\nlock-version = \"2.1\"\n",
    );
    let inventory = detect::scan([&poetry]).unwrap();
    assert!(evidence(&inventory, false).is_empty());
    assert_eq!(
        evidence(&inventory, true),
        [row("ModelScan", "poetry.lock", 2, "modelscan", false)]
    );

    let broken = write(&d, "b/uv.lock", "[[package]]\nversion = \"1\"\n");
    assert_eq!(
        detect::scan([&broken]).unwrap_err().to_string(),
        format!("{}:1: a [[package]] entry has no name", broken.display())
    );
}

#[test]
fn workflows_show_what_their_steps_install() {
    let d = dir("workflows");
    let wf = write(
        &d,
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: >-\n          python -m pip install\n          giskard==2.17\n      - run: cargo install --locked opendp\n      - run: echo done\n",
    );
    assert_eq!(
        evidence(&detect::scan([&d]).unwrap(), false),
        [
            row("Giskard", "ci.yml", 8, "giskard", true),
            row("OpenDP", "ci.yml", 9, "opendp", true),
        ]
    );
    // A YAML file outside .github/workflows is not a workflow.
    write(
        &d,
        "other/ci.yml",
        "jobs: {a: {steps: [{run: pip install garak}]}}\n",
    );
    assert_eq!(
        detect::scan([&d]).unwrap().files(),
        std::slice::from_ref(&wf)
    );
    std::fs::write(&wf, "jobs: [unclosed\n").unwrap();
    let e = detect::scan([&wf]).unwrap_err();
    assert!(e.message().starts_with("not valid YAML"), "{e}");
    assert!(e.line().is_some());
}

#[test]
fn a_registry_may_say_that_an_action_is_a_tool() {
    let d = dir("actions");
    write(
        &d,
        ".github/workflows/ci.yml",
        "on: push\njobs:\n  scan:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v5\n      - uses: AquaSecurity/Trivy-Action/sub@0.28.0\n",
    );
    let registry = Registry::builtin()
        .with_json(
            r#"{"tools": [{"name": "Trivy action",
                "risks": ["R21-Security"], "packages": ["pkg:githubactions/aquasecurity/trivy-action"]}]}"#,
        )
        .unwrap();
    let inventory = detect::scan([&d]).unwrap();
    let tools = inventory.tools(&registry, false);
    let names: Vec<(&str, usize, &str)> = tools
        .iter()
        .flat_map(|t| {
            t.evidence()
                .iter()
                .map(move |e| (t.tool().name(), e.line(), e.package()))
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Trivy", 7, "AquaSecurity/Trivy-Action"),
            ("Trivy action", 7, "AquaSecurity/Trivy-Action")
        ]
    );
    // Without the registry file, the curated Trivy is the action; the source's table has none.
    let builtin: Vec<&str> = inventory
        .tools(Registry::builtin(), true)
        .iter()
        .map(|t| t.tool().name())
        .collect();
    assert_eq!(builtin, ["Trivy"]);
    assert!(inventory.tools(Registry::source(), true).is_empty());
}

#[test]
fn a_workspace_manifest_brings_its_members() {
    let d = dir("workspace");
    let root = write(
        &d,
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/*\", \"tool\"]\n",
    );
    write(
        &d,
        "crates/a/Cargo.toml",
        "[package]\nname = \"a\"\n\n[dependencies]\nsafetensors = \"0.8\"\n",
    );
    write(
        &d,
        "tool/Cargo.toml",
        "[package]\nname = \"t\"\n\n[dev-dependencies]\nopendp = \"0.16\"\n",
    );
    let inventory = detect::scan([&root]).unwrap();
    assert_eq!(inventory.files().len(), 3);
    assert_eq!(
        evidence(&inventory, false),
        [
            row("Safetensors", "Cargo.toml", 5, "safetensors", true),
            row("OpenDP", "Cargo.toml", 5, "opendp", true),
        ]
    );
    // Walked, each member is read once.
    assert_eq!(detect::scan([&d]).unwrap().files().len(), 3);
    write(&d, "Cargo.toml", "[workspace]\nmembers = [\"missing\"]\n");
    assert!(
        detect::scan([&root])
            .unwrap_err()
            .message()
            .contains("has no Cargo.toml")
    );
}

/// `extras_require=NAME`, the name bound at module level to a dict literal (AIF360's `setup.py`,
/// `tests/fixtures/curated/data-monitoring`): its literal entries are read; a name bound again to
/// something else is no longer the literal.
#[test]
fn setup_py_reads_extras_bound_to_a_name() {
    let text = "from setuptools import setup\nfrom itertools import chain\nextras = {\n    'ART': ['adversarial-robustness-toolbox>=1.0.0'],\n    'Reductions': ['fairlearn~=0.7'],\n}\nextras['all'] = list(chain(*extras.values()))\nsetup(name='x', extras_require=extras)\n";
    let inventory = detect::scan_memory("setup.py", &[("setup.py", text)]).unwrap();
    let found: Vec<(String, usize)> = inventory
        .dependencies()
        .iter()
        .map(|d| (d.package().to_owned(), d.line()))
        .collect();
    assert_eq!(
        found,
        [
            ("adversarial-robustness-toolbox".to_owned(), 4),
            ("fairlearn".to_owned(), 5)
        ]
    );
    let rebound =
        "import setuptools\nreqs = ['garak']\nreqs = load()\nsetup(install_requires=reqs)\n";
    let inventory = detect::scan_memory("setup.py", &[("setup.py", rebound)]).unwrap();
    assert!(inventory.dependencies().is_empty());
    assert!(
        inventory.warnings()[0]
            .to_string()
            .contains("install_requires is computed"),
        "{:?}",
        inventory.warnings()
    );
}

/// A workspace's `members` globs match as Cargo's do: `*` inside a name (`crates/*-cli`), `?`,
/// `**` for any depth; a literal part that is not there matches nothing; `.git` is never looked
/// into.
#[test]
fn workspace_member_globs_match_as_cargo_matches_them() {
    let root =
        "[workspace]\nmembers = [\"crates/*-cli\", \"libs/**\", \"tools/t?\", \"absent/*\"]\n";
    let member = |dep: &str| format!("[package]\nname = \"m\"\n\n[dependencies]\n{dep} = \"1\"\n");
    let files = [
        ("Cargo.toml", root.to_owned()),
        ("crates/scan-cli/Cargo.toml", member("safetensors")),
        ("crates/core/Cargo.toml", member("not-a-member")),
        ("libs/a/b/Cargo.toml", member("opendp")),
        ("tools/t1/Cargo.toml", member("serde")),
        (
            "tools/t10/Cargo.toml",
            member("not-matched-by-question-mark"),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    let inventory = detect::scan_memory("Cargo.toml", &files).unwrap();
    let mut found: Vec<(String, String)> = inventory
        .dependencies()
        .iter()
        .map(|d| {
            (
                d.file().to_string_lossy().into_owned(),
                d.package().to_owned(),
            )
        })
        .collect();
    found.sort();
    assert_eq!(
        found,
        [
            (
                "crates/scan-cli/Cargo.toml".to_owned(),
                "safetensors".to_owned()
            ),
            ("libs/a/b/Cargo.toml".to_owned(), "opendp".to_owned()),
            ("tools/t1/Cargo.toml".to_owned(), "serde".to_owned()),
        ]
    );
}
