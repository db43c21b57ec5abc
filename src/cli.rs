//! The command line: parses arguments and runs the matching command.
//!
//! Exit status: 0 on success, 1 on content errors (all are listed), 2 on
//! usage errors.

use crate::diagnostics::Diagnostic;
use crate::pipeline::{self, BuildOptions, Built};
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "wijksite",
    version,
    about = "Bouwt de website, agenda's en nieuwsbrief van de wijk"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into output/ (or --output).
    Build(BuildArgs),
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site folder, holding content/, themes/ and templates/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// Use this base URL instead of the one in site.yaml (preview deploys).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Where to write the site; default ROOT/output.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Print only errors.
    #[arg(short, long)]
    pub quiet: bool,
    /// Print every file written.
    #[arg(short, long, conflicts_with = "quiet")]
    pub verbose: bool,
}

impl SiteArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
        }
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Command::Build(args) => build(&args),
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let options = args.site.options();
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("output"));
    match pipeline::build_to_disk(&options, &output) {
        Ok(built) => {
            print_warnings(&built.warnings);
            if !args.quiet {
                print_summary(&built, &output, args.verbose);
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            print_problems(&problems);
            eprintln!(
                "\nDe site is niet gebouwd. {} is niet veranderd.",
                output.display()
            );
            ExitCode::from(1)
        }
    }
}

/// Prints every problem, then a count.
pub fn print_problems(problems: &[Diagnostic]) {
    for problem in problems {
        eprintln!("{problem}");
    }
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let word = if errors == 1 { "fout" } else { "fouten" };
    eprintln!("\n{errors} {word} gevonden.");
}

pub fn print_warnings(warnings: &[Diagnostic]) {
    for warning in warnings {
        eprintln!("{warning}");
    }
}

fn print_summary(built: &Built, output: &std::path::Path, verbose: bool) {
    if verbose {
        for file in &built.files {
            println!("  {}", file.path);
        }
    }
    let s = &built.stats;
    println!(
        "Klaar: {} pagina's, {} feeds, {} e-mails, {} vaste bestanden in {} ms → {}",
        s.pages,
        s.feeds,
        s.emails,
        s.static_files,
        s.elapsed.as_millis(),
        output.display()
    );
}
