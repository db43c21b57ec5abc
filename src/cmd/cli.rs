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
use clap::{ArgAction, Args, Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The help layout with Dutch headings; clap's own headings ("Usage:",
/// "Options:") are English.
const ROOT_HELP: &str = "{about}\n\nGebruik: {usage}\n\nOpdrachten:\n{subcommands}\n\nOpties:\n{options}\n\nTyp `wijksite <opdracht> --help` voor de opties van één opdracht.\nZonder --root zoekt wijksite de site vanaf de map waarin u staat, omhoog tot de map met content/site.yaml.\n";
const COMMAND_HELP: &str = "{about}\n\nGebruik: {usage}\n\nOpties:\n{options}\n";
const NEW_HELP: &str =
    "{about}\n\nGebruik: {usage}\n\nWat u opgeeft:\n{positionals}\n\nOpties:\n{options}\n";
const THEME_HELP: &str =
    "{about}\n\nGebruik: {usage}\n\nOpdrachten:\n{subcommands}\n\nOpties:\n{options}\n";

#[derive(Debug, Parser)]
#[command(
    name = "wijksite",
    version,
    about = "Bouwt de website, agenda's en nieuwsbrief van de wijk",
    help_template = ROOT_HELP,
    override_usage = "wijksite <opdracht> [opties]",
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    #[arg(short, long, action = ArgAction::Help, help = "Toon deze hulp")]
    help: Option<bool>,
    #[arg(short = 'V', long, action = ArgAction::Version, help = "Toon het versienummer")]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(
        about = "Bouw de site in de map output/ (of --output)",
        help_template = COMMAND_HELP,
        override_usage = "wijksite build [opties]",
        disable_help_flag = true
    )]
    Build(BuildArgs),
    #[command(
        about = "Bekijk de site in de browser; bij elke keer opslaan wordt hij bijgewerkt",
        help_template = COMMAND_HELP,
        override_usage = "wijksite serve [opties]",
        disable_help_flag = true
    )]
    Serve(ServeArgs),
    #[command(
        about = "Controleer alles wat build controleert, plus links, ankers en alt-teksten; schrijft niets",
        help_template = COMMAND_HELP,
        override_usage = "wijksite check [opties]",
        disable_help_flag = true
    )]
    Check(CheckArgs),
    #[command(
        about = "Begin een nieuwe pagina, wijkpagina, bijeenkomst, nieuwsbrief, subsidieronde, verslag of punt",
        help_template = NEW_HELP,
        override_usage = "wijksite new <soort> \"<titel>\" [opties]",
        disable_help_flag = true
    )]
    New(NewArgs),
    #[command(
        about = "Maak een nieuwe site voor een wijkgroep, in een nieuwe of lege map",
        help_template = NEW_HELP,
        override_usage = "wijksite init <map>",
        disable_help_flag = true
    )]
    Init(InitArgs),
    #[command(
        about = "Het thema (de opmaak): zet het ingebouwde thema in de site om het aan te passen",
        help_template = THEME_HELP,
        override_usage = "wijksite theme export [opties]",
        disable_help_flag = true,
        disable_help_subcommand = true
    )]
    Theme(ThemeArgs),
}

#[derive(Debug, Args)]
pub struct InitArgs {
    #[arg(
        value_name = "map",
        help = "De map voor de nieuwe site; die mag nog niet bestaan of moet leeg zijn"
    )]
    pub dir: PathBuf,
    #[command(flatten)]
    help: HelpArg,
}

#[derive(Debug, Args)]
pub struct ThemeArgs {
    #[command(subcommand)]
    pub action: ThemeAction,
    #[command(flatten)]
    help: HelpArg,
}

#[derive(Debug, Subcommand)]
pub enum ThemeAction {
    #[command(
        about = "Zet het ingebouwde thema wijk in themes/wijk/ van de site; daarna gebruikt \
                 wijksite die map. Overschrijft nooit iets",
        help_template = COMMAND_HELP,
        override_usage = "wijksite theme export [opties]",
        disable_help_flag = true
    )]
    Export(ExportArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(
        long,
        value_name = "MAP",
        help = "De map van de site (met content/); standaard: gezocht vanaf de huidige map"
    )]
    pub root: Option<PathBuf>,
    #[command(flatten)]
    help: HelpArg,
}

/// The Dutch `-h/--help` of every command.
#[derive(Debug, Args)]
pub struct HelpArg {
    #[arg(short, long, action = ArgAction::Help, help = "Toon deze hulp")]
    help: Option<bool>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    // The site folder, holding content/, themes/ and templates/.
    #[arg(
        long,
        value_name = "MAP",
        help = "De map van de site (met content/); standaard: gezocht vanaf de huidige map"
    )]
    pub root: Option<PathBuf>,
    #[arg(
        long,
        default_value_t = 1111,
        hide_default_value = true,
        value_name = "POORT",
        help = "De poort (standaard 1111); is die bezet, dan de volgende vrije"
    )]
    pub port: u16,
    #[arg(
        long,
        default_value = "127.0.0.1",
        hide_default_value = true,
        value_name = "ADRES",
        help = "Het adres om op te luisteren (standaard 127.0.0.1: alleen deze computer)"
    )]
    pub bind: std::net::IpAddr,
    #[arg(long, help = "Toon ook concepten (draft: true)")]
    pub drafts: bool,
    #[arg(long, help = "Open de site in de browser")]
    pub open: bool,
    #[arg(
        long,
        help = "Toon hoe lang elke update duurde, van het opslaan tot het herladen"
    )]
    pub timings: bool,
    #[command(flatten)]
    help: HelpArg,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[command(flatten)]
    help: HelpArg,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    #[arg(
        value_enum,
        value_name = "soort",
        hide_possible_values = true,
        help = "Wat u begint: page (pagina), wijkpage (pagina van een wijk), meeting \
                (bijeenkomst), activiteit (feest, maaltijd, opruimochtend …), edition \
                (nieuwsbrief), round (subsidieronde), verslag (verslag van een \
                bijeenkomst: geef de naam van de bijeenkomst) of punt (punt van bewoners)"
    )]
    pub kind: scaffold::NewKind,
    #[arg(
        value_name = "titel",
        help = "De titel, tussen aanhalingstekens; de bestandsnaam wordt ervan gemaakt"
    )]
    pub title: String,
    #[arg(
        long,
        value_name = "WIJK",
        help = "De wijk (nodig bij wijkpage; bij een bijeenkomst of nieuwsbrief: alleen voor deze wijk)"
    )]
    pub wijk: Option<String>,
    #[arg(
        long,
        value_name = "DATUM",
        help = "De datum als JJJJ-MM-DD (bij een bijeenkomst ook \"JJJJ-MM-DD UU:MM\"); standaard vandaag"
    )]
    pub date: Option<String>,
    #[arg(
        long,
        value_name = "MAP",
        help = "De map van de site (met content/); standaard: gezocht vanaf de huidige map"
    )]
    pub root: Option<PathBuf>,
    #[command(flatten)]
    help: HelpArg,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    #[arg(
        long,
        value_name = "MAP",
        help = "De map van de site (met content/); standaard: gezocht vanaf de huidige map"
    )]
    pub root: Option<PathBuf>,
    #[arg(
        long,
        value_name = "URL",
        help = "Gebruik dit webadres in plaats van base_url uit site.yaml (voorbeeldversies)"
    )]
    pub base_url: Option<String>,
    #[arg(long, help = "Neem ook concepten (draft: true) mee")]
    pub drafts: bool,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    #[arg(
        long,
        value_name = "MAP",
        help = "Waar de site komt; standaard de map output/ in de site"
    )]
    pub output: Option<PathBuf>,
    #[arg(short, long, help = "Toon alleen fouten")]
    pub quiet: bool,
    #[arg(
        short,
        long,
        conflicts_with = "quiet",
        help = "Toon elk geschreven bestand"
    )]
    pub verbose: bool,
    #[arg(
        long,
        help = "Toon hoe lang elke stap duurde (lezen, thema, maken, wegschrijven)"
    )]
    pub timings: bool,
    #[command(flatten)]
    help: HelpArg,
}

impl SiteArgs {
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone().unwrap_or_else(|| PathBuf::from(".")),
            base_url: self.base_url.clone(),
            drafts: self.drafts,
        }
    }
}

/// Parses the process's arguments and runs the command. Help, the version
/// and usage errors are shown in Dutch; a usage error exits with status 2.
pub fn main() -> ExitCode {
    match Cli::try_parse() {
        Ok(cli) => run(cli),
        Err(error) => usage_error(&error),
    }
}

/// Runs the parsed command line. Without `--root` the site is looked up
/// from the current folder upwards (see [`find_site_root`]).
pub fn run(mut cli: Cli) -> ExitCode {
    let root = match &mut cli.command {
        Command::Build(args) => &mut args.site.root,
        Command::Check(args) => &mut args.site.root,
        Command::Serve(args) => &mut args.root,
        Command::New(args) => &mut args.root,
        Command::Theme(ThemeArgs {
            action: ThemeAction::Export(args),
            ..
        }) => &mut args.root,
        Command::Init(args) => return init(&args.dir),
    };
    if root.is_none() {
        match std::env::current_dir()
            .map_err(|e| format!("de huidige map kan niet gelezen worden: {e}"))
            .and_then(|here| find_site_root(&here))
        {
            Ok(found) => *root = Some(found),
            Err(problem) => {
                eprintln!("fout: {problem}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(problem) = usage_problem(&cli.command) {
        eprintln!("fout: {problem}");
        return ExitCode::from(2);
    }
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Serve(args) => serve::run(&ServeOptions {
            root: args.root.unwrap_or_else(|| PathBuf::from(".")),
            bind: args.bind,
            port: args.port,
            drafts: args.drafts,
            open: args.open,
            timings: args.timings,
        }),
        Command::Check(args) => check(&args),
        Command::New(args) => new(&args),
        Command::Theme(ThemeArgs {
            action: ThemeAction::Export(args),
            ..
        }) => export_theme(&args.root.unwrap_or_else(|| PathBuf::from("."))),
        Command::Init(args) => init(&args.dir),
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
        Command::New(_) | Command::Init(_) | Command::Theme(_) => return None,
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

fn init(dir: &Path) -> ExitCode {
    match crate::cmd::init::init(dir) {
        Ok(files) => {
            for file in &files {
                println!("  {}", dir.join(file).display());
            }
            let shown = dir.display();
            println!(
                "\nDe nieuwe site staat in {shown} ({} bestanden). Zo gaat u verder:\n\
                 1. Vul content/site.yaml in: de naam, de wijken, de plekken en het e-mailadres.\n\
                 2. Bekijk de site: wijksite serve --root {shown} --open\n\
                 3. Zet de map op GitHub of GitLab; lees README.md in de map voor de rest.",
                files.len()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("fout: {message}");
            ExitCode::from(1)
        }
    }
}

fn export_theme(root: &Path) -> ExitCode {
    match crate::cmd::init::export_theme(root) {
        Ok(folder) => {
            println!(
                "Het thema staat nu in {}. wijksite gebruikt voortaan die map; \
                 verander daar wat u wilt.",
                folder.display()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("fout: {message}");
            ExitCode::from(1)
        }
    }
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

fn new(args: &NewArgs) -> ExitCode {
    let request = scaffold::Request {
        root: args.root.clone().unwrap_or_else(|| PathBuf::from(".")),
        kind: args.kind,
        title: args.title.clone(),
        wijk: args.wijk.clone(),
        date: args.date.clone(),
    };
    // `new punt` adds to a year's file that may exist already.
    let punten_dir = request.root.join("content/punten");
    let existed: Vec<PathBuf> = match request.kind {
        scaffold::NewKind::Punt => std::fs::read_dir(&punten_dir)
            .map(|dir| dir.flatten().map(|e| e.path()).collect())
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    match scaffold::create(&request) {
        Ok(path) if existed.iter().any(|p| p.file_name() == path.file_name()) => {
            println!("Punt toegevoegd aan: {}", path.display());
            ExitCode::SUCCESS
        }
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
        "Klaar: {} {}, {} {}, {} {}, {} {} in {} ms → {}",
        s.pages,
        plural(s.pages, "pagina", "pagina's"),
        s.feeds,
        plural(s.feeds, "feed", "feeds"),
        s.emails,
        plural(s.emails, "e-mail", "e-mails"),
        s.static_files,
        plural(s.static_files, "vast bestand", "vaste bestanden"),
        s.elapsed.as_millis(),
        output.display()
    );
}

/// The site's folder, found like git and cargo find theirs: `here` or the
/// nearest folder above it that holds `content/site.yaml`. Given as a
/// relative path (`.`, `..`, `../..`), so messages stay short and a run
/// from the site's own folder is unchanged.
pub fn find_site_root(here: &Path) -> Result<PathBuf, String> {
    for (up, folder) in here.ancestors().enumerate() {
        if folder.join(config::CONFIG_FILE).is_file() {
            return Ok(if up == 0 {
                PathBuf::from(".")
            } else {
                std::iter::repeat_n("..", up).collect()
            });
        }
    }
    Err(format!(
        "geen site gevonden vanaf {}: in deze map en de mappen erboven staat geen \
         content/site.yaml\n    tip: ga met `cd` naar de map van de site (de map met \
         content/ erin), of geef die map op met --root MAP",
        here.display()
    ))
}

/// Shows clap's outcome in Dutch: help and version on stdout (status 0),
/// a usage error with a tip on stderr (status 2). clap's own English
/// ("error:", "Usage:") is never printed.
pub fn usage_error(error: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    match error.kind() {
        ErrorKind::DisplayHelp => {
            // A closed pipe (`wijksite --help | head`) is not an error.
            let _ = write!(std::io::stdout(), "{}", error.render());
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayVersion => {
            let _ = writeln!(std::io::stdout(), "wijksite {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let (message, tip) = usage_in_dutch(error);
    eprintln!("fout: {message}\n    tip: {tip}");
    ExitCode::from(2)
}

/// A clap error as a Dutch message and tip.
fn usage_in_dutch(error: &clap::Error) -> (String, String) {
    use clap::error::{ContextKind, ErrorKind};
    let get = |kind: ContextKind| -> Option<String> {
        use clap::error::ContextValue;
        match error.get(kind)? {
            ContextValue::String(s) => Some(s.clone()),
            ContextValue::Strings(list) => Some(list.join(", ")),
            ContextValue::StyledStr(s) => Some(s.to_string()),
            ContextValue::StyledStrs(list) => Some(
                list.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            ContextValue::Number(n) => Some(n.to_string()),
            _ => None,
        }
    };
    let arg = get(ContextKind::InvalidArg).unwrap_or_default();
    let value = get(ContextKind::InvalidValue).unwrap_or_default();
    let help = "typ `wijksite --help` voor de opdrachten, of `wijksite <opdracht> --help` \
                voor de opties van één opdracht"
        .to_string();
    let or_help = |suggested: Option<String>| match suggested {
        Some(s) if !s.is_empty() => format!("bedoelt u `{s}`? Of {help}"),
        _ => help.clone(),
    };
    match error.kind() {
        ErrorKind::UnknownArgument if !arg.starts_with('-') => (
            format!("er staat een woord te veel: `{arg}`"),
            "zet een titel van meer woorden tussen aanhalingstekens: \
             wijksite new meeting \"Koffieochtend Zielhorst\""
                .into(),
        ),
        ErrorKind::UnknownArgument => (
            format!("onbekende optie `{arg}`"),
            or_help(get(ContextKind::SuggestedArg)),
        ),
        ErrorKind::InvalidSubcommand => (
            format!(
                "onbekende opdracht `{}`",
                get(ContextKind::InvalidSubcommand).unwrap_or(arg)
            ),
            match get(ContextKind::SuggestedSubcommand) {
                Some(s) => format!(
                    "bedoelt u `{s}`? De opdrachten zijn build, serve, check, new, init en theme"
                ),
                None => "de opdrachten zijn build, serve, check, new, init en theme".into(),
            },
        ),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => (
            "er ontbreekt een opdracht".into(),
            "kies build (site maken), serve (bekijken in de browser), check (controleren), \
             new (nieuw bestand) of init (nieuwe site); typ `wijksite --help` voor meer"
                .into(),
        ),
        ErrorKind::MissingRequiredArgument if arg.contains("<map>") => (
            "zeg in welke map de nieuwe site moet komen".into(),
            "bijvoorbeeld: wijksite init mijn-wijk".into(),
        ),
        ErrorKind::MissingRequiredArgument => (
            format!("er ontbreekt nog iets: {arg}"),
            "bijvoorbeeld: wijksite new meeting \"Koffieochtend Zielhorst\" --date \"2027-02-04 19:30\""
                .into(),
        ),
        ErrorKind::InvalidValue if value.is_empty() => (
            format!("achter {arg} ontbreekt een waarde"),
            format!("schrijf de waarde erachter, zoals {arg}; {help}"),
        ),
        ErrorKind::InvalidValue => {
            let valid = get(ContextKind::ValidValue).unwrap_or_default();
            let guess = get(ContextKind::SuggestedValue)
                .map(|s| format!("bedoelt u `{s}`? "))
                .unwrap_or_default();
            (
                format!("`{value}` is geen geldige waarde voor {arg}"),
                if valid.is_empty() {
                    format!("{guess}{help}")
                } else {
                    format!("{guess}kies uit: {valid}")
                },
            )
        }
        ErrorKind::ValueValidation => {
            let tip = if arg.contains("--port") {
                "kies een getal van 1 tot en met 65535, bijvoorbeeld --port 1111".to_string()
            } else if arg.contains("--bind") {
                "schrijf een IP-adres, bijvoorbeeld --bind 127.0.0.1".to_string()
            } else {
                help.clone()
            };
            (format!("`{value}` is geen geldige waarde voor {arg}"), tip)
        }
        ErrorKind::ArgumentConflict => match get(ContextKind::PriorArg) {
            Some(prior) if prior != arg => (
                format!("{arg} en {prior} gaan niet samen"),
                "kies er één".into(),
            ),
            _ => (
                format!("{arg} staat er meer dan één keer"),
                "schrijf elke optie maar één keer".into(),
            ),
        },
        ErrorKind::InvalidUtf8 => (
            "een van de woorden op de opdrachtregel is geen geldige tekst (UTF-8)".into(),
            help,
        ),
        _ => ("de opdrachtregel klopt niet".into(), help),
    }
}
