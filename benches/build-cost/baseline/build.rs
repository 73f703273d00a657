//! Reads the manifest's metadata with the same crates the gate uses.
#[derive(serde::Deserialize)]
struct Manifest {
    package: toml::Value,
}

fn main() {
    let text = std::fs::read_to_string("Cargo.toml").unwrap();
    let manifest: Manifest = toml::from_str(&text).unwrap();
    let json = serde_json::to_string(&manifest.package).unwrap();
    println!("cargo::rerun-if-changed=Cargo.toml");
    assert!(!json.is_empty());
}
