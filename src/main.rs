use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    wijksite::cli::run(wijksite::cli::Cli::parse())
}
