//! The same three dependencies used directly: a derived enum, an error, an ordered map.
use indexmap::IndexMap;

#[derive(Debug, Clone, Copy, strum::EnumString, strum::Display, strum::EnumIter)]
enum Layer {
    Data,
    Model,
    Application,
}

#[derive(Debug, thiserror::Error)]
#[error("unknown tool {0:?}")]
struct UnknownTool(String);

fn main() {
    let mut tools: IndexMap<&str, Layer> = IndexMap::new();
    tools.insert("garak", Layer::Model);
    let found = tools.get("garak").ok_or_else(|| UnknownTool("garak".into()));
    println!("cargo::warning={:?}", found.map(|l| l.to_string()));
}
