//! What a build script asks: the open risks of the Model layer for the tools a project runs.
use mlsecops_taxonomy::{Layer, Registry};

fn main() {
    let coverage = Registry::builtin()
        .coverage(["Garak", "ModelScan"])
        .expect("known tools");
    if let Err(gap) = coverage.require(Layer::Model) {
        println!("cargo::warning={}", gap.missing());
    }
}
