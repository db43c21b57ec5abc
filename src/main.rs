use clap::Parser;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a build makes and frees
/// millions of small strings on every core, and glibc's malloc spent about
/// a sixth of the build's CPU time on that (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = wijksite::cli::Cli::parse();
    // A build time that does not parse is a usage error, never a quiet
    // fall back to the clock (the build would no longer be reproducible).
    if let Err(message) = wijksite::dates::source_date_epoch() {
        eprintln!("fout: {message}");
        return ExitCode::from(2);
    }
    wijksite::cli::run(cli)
}
