//! Requirements files with includes and constraints served from memory (`-r base.txt`,
//! `-c constraints.txt`, `-r ../out.txt` refused): no panic, located errors, lines in range.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::scan(
        data,
        &["requirements.txt", "requirements/base.txt", "constraints.txt", "requirements/dev.txt"],
    );
});
