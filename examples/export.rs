//! Writes `taxonomy.json` and the schemas of the taxonomy, registry and coverage documents into
//! a directory (created when missing): `cargo run --example export -- DIR`.
//!
//! The bytes are the same on every run; `cargo run --example export -- tests/snapshots`
//! refreshes the copies the tests compare against.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let (Some(dir), None) = (args.next(), args.next()) else {
        eprintln!("usage: cargo run --example export -- DIR");
        return ExitCode::from(2);
    };
    match mlsecops_taxonomy::schema::write_files(&dir) {
        Ok(paths) => {
            for path in paths {
                println!("{}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
