//! Writes every lesson section's HTML into the site being built. Trunk runs it as a pre-build
//! hook with `TRUNK_STAGING_DIR` set; by hand: `cargo run -p lessons -- <out-dir>`.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let out = std::env::args_os()
        .nth(1)
        .or_else(|| std::env::var_os("TRUNK_STAGING_DIR"))
        .map(PathBuf::from);
    let Some(out) = out else {
        eprintln!("usage: render-lessons <out-dir> (or set TRUNK_STAGING_DIR)");
        return ExitCode::FAILURE;
    };
    match lessons::load(&lessons::content_dir()).and_then(|l| lessons::write_html(&l, &out)) {
        Ok(n) => {
            println!("render-lessons: {n} section files written to {}", out.display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("render-lessons: {e}");
            ExitCode::FAILURE
        }
    }
}
