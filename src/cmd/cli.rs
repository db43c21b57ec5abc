//! The command line: parses arguments and runs the matching command.
//!
//! Exit status: 0 on success, 1 on content errors (all are listed), 2 on
//! usage errors.

use crate::build::output::OutputDir;
use crate::build::pipeline::{self, BuildOptions, Built};
use crate::cmd::check;
use crate::cmd::report;
use crate::cmd::scaffold;
use crate::cmd::serve::{self, ServeOptions};
use crate::content::config;
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
    /// Preview the site in the browser; it updates on every save.
    Serve(ServeArgs),
    /// Check everything build checks, plus links, anchors and alt texts; writes nothing.
    Check(CheckArgs),
    /// Start a new page, wijk page, meeting, newsletter edition or subsidy round.
    New(NewArgs),
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder, holding content/, themes/ and templates/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
    /// The port to listen on; when taken, the next free one is used.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// The address to listen on (keep it on this computer: 127.0.0.1).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: std::net::IpAddr,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Open the site in the browser.
    #[arg(long)]
    pub open: bool,
    /// Log how long each rebuild took, from the first file event to the
    /// reload being sent.
    #[arg(long)]
    pub timings: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// What to start.
    #[arg(value_enum)]
    pub kind: scaffold::NewKind,
    /// The title; the file name is made from it.
    pub title: String,
    /// The wijk (required for wijkpage; for a meeting or edition: only this wijk).
    #[arg(long)]
    pub wijk: Option<String>,
    /// The date (YYYY-MM-DD; for a meeting also "YYYY-MM-DD HH:MM"); default today.
    #[arg(long)]
    pub date: Option<String>,
    /// The site folder, holding content/.
    #[arg(long, default_value = ".")]
    pub root: PathBuf,
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
    /// Print how long each step took (load, theme, render, commit).
    #[arg(long)]
    pub timings: bool,
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
    if let Some(problem) = usage_problem(&cli.command) {
        eprintln!("fout: {problem}");
        return ExitCode::from(2);
    }
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Serve(args) => serve::run(&ServeOptions {
            root: args.root,
            bind: args.bind,
            port: args.port,
            drafts: args.drafts,
            open: args.open,
            timings: args.timings,
        }),
        Command::Check(args) => check(&args),
        Command::New(args) => new(&args),
    }
}

/// A usage error found before any work: a `--base-url` that is no web
/// address, or a build time (`SOURCE_DATE_EPOCH`) that does not parse,
/// which is never quietly replaced by the clock (the build would no
/// longer be reproducible).
fn usage_problem(command: &Command) -> Option<String> {
    let base_url = match command {
        Command::Build(args) => args.site.base_url.as_deref(),
        Command::Check(args) => args.site.base_url.as_deref(),
        Command::Serve(_) => None,
        Command::New(_) => return None,
    };
    if let Some((message, hint)) = base_url.and_then(config::base_url_problem) {
        return Some(format!("--base-url: {message}\n    tip: {hint}"));
    }
    crate::content::dates::source_date_epoch().err()
}

fn check(args: &CheckArgs) -> ExitCode {
    let report = check::check(&args.site.options());
    for problem in &report.problems {
        eprintln!("{problem}");
    }
    let errors = report.problems.iter().filter(|d| d.is_error()).count();
    let warnings = report.problems.len() - errors;
    if errors > 0 {
        eprintln!(
            "\n{errors} {}, {warnings} {}. Herstel de fouten voordat u publiceert.",
            plural(errors, "fout", "fouten"),
            plural(warnings, "waarschuwing", "waarschuwingen")
        );
        return ExitCode::from(1);
    }
    println!(
        "In orde: {} {} en {} {} met {} links gecontroleerd, {warnings} {}.",
        report.pages,
        plural(report.pages, "pagina", "pagina's"),
        report.emails,
        plural(report.emails, "e-mail", "e-mails"),
        report.links,
        plural(warnings, "waarschuwing", "waarschuwingen")
    );
    ExitCode::SUCCESS
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn new(args: &NewArgs) -> ExitCode {
    let request = scaffold::Request {
        root: args.root.clone(),
        kind: args.kind,
        title: args.title.clone(),
        wijk: args.wijk.clone(),
        date: args.date.clone(),
    };
    match scaffold::create(&request) {
        Ok(path) => {
            println!("Nieuw bestand: {}", path.display());
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

fn build(args: &BuildArgs) -> ExitCode {
    let options = args.site.options();
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| options.root.join("output"));
    // The safety rule comes before anything is read, written or removed.
    let claimed = match OutputDir::claim(&options.root, &output) {
        Ok(claimed) => claimed,
        Err(refused) => {
            eprintln!("{refused}");
            eprintln!("\nDe site is niet gebouwd. Er is niets geschreven of verwijderd.");
            return ExitCode::from(2);
        }
    };
    match pipeline::build_to_disk(&options, &claimed) {
        Ok(built) => {
            report::print_warnings(&built.warnings);
            if !args.quiet {
                print_summary(&built, &output, args.verbose);
            }
            if args.timings {
                println!("Tijden: {}", built.stats.timings);
            }
            ExitCode::SUCCESS
        }
        Err(problems) => {
            report::print_problems(&problems);
            eprintln!(
                "\nDe site is niet gebouwd. {} is niet veranderd.",
                output.display()
            );
            ExitCode::from(1)
        }
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
