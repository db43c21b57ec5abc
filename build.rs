//! Recompiles the crate when a file is added to or removed from a folder
//! the binary embeds (the default theme, the files of `wijksite init`):
//! `include_dir!` makes cargo watch only the files it saw.

fn main() {
    println!("cargo:rerun-if-changed=themes/wijk");
    println!("cargo:rerun-if-changed=starter");
    println!("cargo:rerun-if-changed=build.rs");
}
