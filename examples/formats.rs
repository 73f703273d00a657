//! The table of the formats detection reads, in Markdown, as `src/detect/mod.rs` and the book's
//! detection page show it (`cargo test --test fixtures` keeps them equal to this).
//!
//! ```text
//! cargo run --example formats --features detect
//! ```

fn main() {
    println!("| file | read |");
    println!("|---|---|");
    for f in mlsecops_taxonomy::detect::formats() {
        println!("| {} | {} |", f.files, f.reads);
    }
}
