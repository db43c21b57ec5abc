use std::process::ExitCode;

/// mimalloc instead of the system allocator: a build makes and frees
/// millions of small strings on every core, and glibc's malloc spent about
/// a sixth of the build's CPU time on that (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    wijksite::cmd::cli::main()
}
