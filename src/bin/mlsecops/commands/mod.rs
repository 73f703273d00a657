//! One file per subcommand: its arguments (`Args`) and what it does (`run`).

pub mod check;
pub mod cover;
pub mod coverage;
pub mod detect;
pub mod export;
pub mod import;
pub mod init;
pub mod lint;
pub mod migrate;
pub mod render;
pub mod risks;
pub mod schema;
pub mod show;
pub mod tools;
pub mod validate;
