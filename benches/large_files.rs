//! Detection on large files against parsing the same file alone, in alternating rounds:
//!
//! ```text
//! cargo bench --bench large_files
//! ```
//!
//! Four generated files: a CycloneDX JSON SBOM of 100,000 components and an SPDX 2.3 JSON
//! document of 60,000 packages (baseline: `serde_json::Value`; 100,000 SPDX packages with their
//! required fields and a purl each take 23 MiB, over the 16 MiB a file may have), a `uv.lock` of 10,000 packages
//! (baseline: `toml::Value`), and a requirements file of 100,000 lines (baseline: each line split
//! at its first character that no name has, a floor far below any parse: the crate reads PEP 508
//! itself, and no parser of the format is among its dependencies to compare with). Both sides read the file from disk. Each case runs in a
//! process of its own and prints the median ratio over the rounds, the lowest and highest, the
//! aim (at most 2x) and the process's peak resident memory; the command exits 1 when an aim is
//! missed. `cargo bench --bench large_files -- spdx` runs one.
#![allow(missing_docs)]

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mlsecops_taxonomy::detect;

/// Rounds per case (odd, for a median).
const ROUNDS: usize = 7;

/// The aim: detection at most twice the baseline's time.
const AIM: f64 = 2.0;

const CASES: [&str; 4] = ["cyclonedx", "spdx", "uv-lock", "requirements"];

fn time(mut f: impl FnMut()) -> Duration {
    let start = Instant::now();
    f();
    start.elapsed()
}

fn ratio(mut ours: impl FnMut(), mut baseline: impl FnMut()) -> (f64, f64, f64) {
    time(&mut ours);
    time(&mut baseline);
    let mut ratios: Vec<f64> = (0..ROUNDS)
        .map(|round| {
            let (a, b) = if round % 2 == 0 {
                let a = time(&mut ours);
                (a, time(&mut baseline))
            } else {
                let b = time(&mut baseline);
                (time(&mut ours), b)
            };
            a.as_secs_f64() / b.as_secs_f64()
        })
        .collect();
    ratios.sort_by(f64::total_cmp);
    (ratios[ROUNDS / 2], ratios[0], ratios[ROUNDS - 1])
}

/// The process's peak resident memory, in MiB (Linux).
fn peak_mib() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(f64::NAN, |kb| kb / 1024.0)
}

fn cyclonedx(n: usize) -> String {
    let mut out = String::from(
        "{\n  \"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.6\",\n  \"version\": 1,\n  \
         \"metadata\": {\"component\": {\"type\": \"container\", \"name\": \"image\", \"bom-ref\": \"root\"}},\n  \
         \"components\": [\n",
    );
    for i in 0..n {
        let sep = if i + 1 == n { "" } else { "," };
        out.push_str(&format!(
            "    {{\"type\": \"library\", \"name\": \"package-{i}\", \"version\": \"1.0.{i}\", \
             \"bom-ref\": \"p{i}\", \"purl\": \"pkg:pypi/package-{i}@1.0.{i}\"}}{sep}\n"
        ));
    }
    out.push_str("  ],\n  \"dependencies\": [\n    {\"ref\": \"root\", \"dependsOn\": [");
    let direct: Vec<String> = (0..n.min(100)).map(|i| format!("\"p{i}\"")).collect();
    out.push_str(&direct.join(", "));
    out.push_str("]}\n  ]\n}\n");
    out
}

fn spdx(n: usize) -> String {
    let mut out = String::from(
        "{\n  \"spdxVersion\": \"SPDX-2.3\",\n  \"dataLicense\": \"CC0-1.0\",\n  \"SPDXID\": \"SPDXRef-DOCUMENT\",\n  \
         \"name\": \"image\",\n  \"documentNamespace\": \"https://example.com/image\",\n  \
         \"documentDescribes\": [\"SPDXRef-root\"],\n  \"packages\": [\n    \
         {\"SPDXID\": \"SPDXRef-root\", \"name\": \"image\", \"downloadLocation\": \"NOASSERTION\"},\n",
    );
    for i in 0..n {
        let sep = if i + 1 == n { "" } else { "," };
        out.push_str(&format!(
            "    {{\"SPDXID\": \"SPDXRef-p{i}\", \"name\": \"package-{i}\", \"downloadLocation\": \"NOASSERTION\", \
             \"externalRefs\": [{{\"referenceCategory\": \"PACKAGE-MANAGER\", \"referenceType\": \"purl\", \
             \"referenceLocator\": \"pkg:pypi/package-{i}@1.0.{i}\"}}]}}{sep}\n"
        ));
    }
    out.push_str("  ],\n  \"relationships\": [\n");
    for i in 0..n.min(100) {
        let sep = if i + 1 == n.min(100) { "" } else { "," };
        out.push_str(&format!(
            "    {{\"spdxElementId\": \"SPDXRef-root\", \"relationshipType\": \"DEPENDS_ON\", \
             \"relatedSpdxElement\": \"SPDXRef-p{i}\"}}{sep}\n"
        ));
    }
    out.push_str("  ]\n}\n");
    out
}

fn uv_lock(n: usize) -> String {
    let mut out = String::from(
        "version = 1\nrequires-python = \">=3.10\"\n\n[[package]]\nname = \"project\"\nversion = \"0.1.0\"\n\
         source = { editable = \".\" }\ndependencies = [\n",
    );
    for i in 0..n.min(100) {
        out.push_str(&format!("    {{ name = \"package-{i}\" }},\n"));
    }
    out.push_str("]\n");
    for i in 0..n {
        out.push_str(&format!(
            "\n[[package]]\nname = \"package-{i}\"\nversion = \"1.0.{i}\"\n\
             source = {{ registry = \"https://pypi.org/simple\" }}\n\
             sdist = {{ url = \"https://files.example/package-{i}-1.0.{i}.tar.gz\", hash = \"sha256:{i:064x}\", size = {i} }}\n"
        ));
    }
    out
}

fn requirements(n: usize) -> String {
    (0..n)
        .map(|i| format!("package-{i}[extra]>=1.0.{i} ; python_version >= \"3.10\"\n"))
        .collect()
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(&path, text).unwrap();
    path
}

fn run(case: &str) -> bool {
    let dir = std::env::temp_dir().join(format!("mlsecops-large-{}-{case}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    let (what, file, parse): (&str, PathBuf, fn(&str)) = match case {
        "cyclonedx" => (
            "CycloneDX JSON, 100,000 components, vs serde_json::Value",
            write(&dir, "bom.json", &cyclonedx(100_000)),
            |t| {
                black_box(serde_json::from_str::<serde_json::Value>(t).unwrap());
            },
        ),
        "spdx" => (
            "SPDX 2.3 JSON, 60,000 packages, vs serde_json::Value",
            write(&dir, "image.spdx.json", &spdx(60_000)),
            |t| {
                black_box(serde_json::from_str::<serde_json::Value>(t).unwrap());
            },
        ),
        "uv-lock" => (
            "uv.lock, 10,000 packages, vs toml::Value",
            write(&dir, "uv.lock", &uv_lock(10_000)),
            |t| {
                black_box(toml::from_str::<toml::Value>(t).unwrap());
            },
        ),
        _ => (
            "requirements.txt, 100,000 lines, vs each line split at its name's end",
            write(&dir, "requirements.txt", &requirements(100_000)),
            |t| {
                for line in t.lines() {
                    let end = line
                        .find(|c: char| {
                            !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                        })
                        .unwrap_or(line.len());
                    black_box(line.split_at(end));
                }
            },
        ),
    };
    let bytes = std::fs::metadata(&file).unwrap().len();
    let found = detect::scan([&file]).unwrap().dependencies().len();
    let (median, low, high) = ratio(
        || {
            black_box(detect::scan([&file]).unwrap().dependencies().len());
        },
        || {
            let text = std::fs::read_to_string(&file).unwrap();
            parse(&text);
        },
    );
    let met = median <= AIM;
    println!(
        "{what} ({:.1} MiB, {found} dependencies): {median:.2}x the baseline's time ({low:.2}x to \
         {high:.2}x over {ROUNDS} rounds), aim at most {AIM:.1}x: {}; peak memory of the process \
         {:.0} MiB",
        bytes as f64 / (1024.0 * 1024.0),
        if met { "met" } else { "NOT MET" },
        peak_mib()
    );
    let _ = std::fs::remove_dir_all(&dir);
    met
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let Some(filter) = filter else {
        let me = std::env::current_exe().expect("the bench's own path");
        let mut all_met = true;
        for case in CASES {
            let status = std::process::Command::new(&me)
                .arg(case)
                .status()
                .expect("the bench runs itself");
            all_met &= status.success();
        }
        std::process::exit(if all_met { 0 } else { 1 });
    };
    let mut all_met = true;
    for case in CASES.iter().filter(|c| c.contains(filter.as_str())) {
        all_met &= run(case);
    }
    std::process::exit(if all_met { 0 } else { 1 });
}
