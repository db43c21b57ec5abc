//! `wijksite serve`: a live preview for editors.
//!
//! Builds the site in memory (never into output/), serves it over HTTP on
//! loopback, watches content/, templates/ and themes/, rebuilds after every
//! save and tells open tabs to reload. When a save breaks the content, the
//! last good site stays online and the problems (file, line, what to do)
//! appear in the terminal and as an overlay in the browser; the next good
//! save clears them.
//!
//! HTTP is served by [`http`], a small server on the standard library with
//! a fixed pool of workers and timeouts, so one slow or idle client cannot
//! stall the preview. Only requests whose `Host` names this machine are
//! answered (see [`routes::host_allowed`]).

mod events;
mod http;
mod routes;
pub(crate) mod watch;

use crate::build::incremental::Files;
use crate::build::incremental::{Session, Update};
use crate::build::pipeline::BuildOptions;
use crate::cmd::report;
use crate::content::Kind;
use crate::util::diagnostics::{Diagnostic, Printable};
use events::{Event, Hub};
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

/// How many ports after the asked one are tried when it is taken.
const PORT_TRIES: u16 = 20;

/// What `wijksite serve` was asked to do.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub root: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system pick a free port.
    pub port: u16,
    pub drafts: bool,
    pub open: bool,
    /// Log, for every rebuild, the time from the first file event to the
    /// files being served and to the reload being sent.
    pub timings: bool,
}

/// The site as served now.
struct Snapshot {
    files: Arc<Files>,
    /// 0 until the first good build; +1 for every good rebuild.
    version: u64,
    /// Problems of the last build; empty when it succeeded.
    problems: Arc<Vec<Diagnostic>>,
}

/// What the HTTP loop, the watcher and the event streams share.
struct Shared {
    site: RwLock<Snapshot>,
    hub: Hub,
}

impl Shared {
    fn snapshot(&self) -> (Arc<Files>, u64, Arc<Vec<Diagnostic>>) {
        let site = self.site.read().unwrap_or_else(PoisonError::into_inner);
        (
            Arc::clone(&site.files),
            site.version,
            Arc::clone(&site.problems),
        )
    }
}

/// Runs the preview until Ctrl-C.
pub fn run(options: &ServeOptions) -> ExitCode {
    let (listener, address) = match bind(options.bind, options.port) {
        Ok(found) => found,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(1);
        }
    };
    let url = format!("http://{address}/");
    let build_options = BuildOptions {
        root: options.root.clone(),
        base_url: Some(url.clone()),
        drafts: options.drafts,
    };
    let shared = Arc::new(Shared {
        site: RwLock::new(Snapshot {
            files: Arc::new(Files::new()),
            version: 0,
            problems: Arc::new(Vec::new()),
        }),
        hub: Hub::default(),
    });
    let mut session = Session::new(build_options);
    session.defer_search(true);
    let first = session.rebuild();
    publish(first, &session, &shared, None, options.timings);
    update_search(&mut session, &shared, options.timings);

    let handler_shared = Arc::clone(&shared);
    let bind_ip = options.bind;
    let handler = move |request| handle(request, &handler_shared, bind_ip);
    if let Err(e) = http::start(listener, Arc::new(handler)) {
        eprintln!("Kan de webserver niet starten: {e}");
        return ExitCode::from(1);
    }
    let stop = Arc::new(AtomicBool::new(false));
    let handler_stop = Arc::clone(&stop);
    if let Err(e) = ctrlc::set_handler(move || handler_stop.store(true, Ordering::SeqCst)) {
        eprintln!("Let op: Ctrl-C wordt niet opgevangen ({e}).");
    }
    let watch_shared = Arc::clone(&shared);
    let timings = options.timings;
    let root = options.root.clone();
    let watching = watch::start(&options.root, move |changes| {
        on_change(&mut session, &watch_shared, &root, changes, timings);
    });
    if let Err(e) = watching {
        eprintln!(
            "Let op: wijzigingen worden niet gevolgd ({e}). Herlaad de pagina na het opslaan niet: start wijksite serve opnieuw."
        );
    }

    println!("Bekijk de site op {url}");
    println!(
        "Wijzigingen in content/, templates/ en themes/ zijn meteen te zien. Stoppen: Ctrl-C."
    );
    if !address.ip().is_loopback() {
        println!(
            "Let op: {} is niet alleen deze computer; anderen in het netwerk kunnen meekijken.",
            address.ip()
        );
    }
    if options.open {
        open_browser(&url);
    }

    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(Duration::from_millis(100));
    }
    println!("\nGestopt.");
    ExitCode::SUCCESS
}

/// Binds `port`, or the next free one (saying so), on `ip`.
fn bind(ip: IpAddr, port: u16) -> Result<(TcpListener, SocketAddr), String> {
    let last = if port == 0 {
        0
    } else {
        port.saturating_add(PORT_TRIES - 1)
    };
    for candidate in port..=last {
        match TcpListener::bind(SocketAddr::new(ip, candidate)) {
            Ok(listener) => {
                let address = listener
                    .local_addr()
                    .map_err(|e| format!("Kan het adres van de server niet lezen: {e}"))?;
                if candidate != port {
                    println!("Poort {candidate} is vrij; de site draait daar.");
                }
                return Ok((listener, address));
            }
            Err(e) if e.kind() == io::ErrorKind::AddrInUse => {
                if candidate < last {
                    eprintln!(
                        "Poort {candidate} is al in gebruik (draait wijksite serve misschien al?). Ik probeer poort {}.",
                        candidate + 1
                    );
                }
            }
            Err(e) => {
                return Err(format!(
                    "Kan niet luisteren op {ip} poort {candidate}: {e}. Kies een ander adres met --bind of een andere poort met --port."
                ));
            }
        }
    }
    Err(format!(
        "De poorten {port} tot en met {last} zijn allemaal in gebruik. Kies een vrije poort met --port, bijvoorbeeld --port 8080."
    ))
}

/// Brings the served site up to date after a batch of changes: the
/// session re-does what the changes ask for (see `crate::build::incremental`),
/// falling back to a full rebuild where it cannot be sure. The log says
/// what changed in plain words, such as
/// `Pagina bijgewerkt: /meedoen/ (content/pages/meedoen.md)`.
fn on_change(
    session: &mut Session,
    shared: &Shared,
    root: &std::path::Path,
    changes: watch::Changes,
    timings: bool,
) {
    let before: Vec<Option<String>> = changes
        .paths
        .iter()
        .map(|rel| session.address_of(rel))
        .collect();
    let first_event = changes.first_event;
    let result = if changes.actions.contains(&watch::Action::Config) {
        session.rebuild()
    } else {
        session.apply(changes.paths.iter().cloned(), changes.rescan)
    };
    for (n, (rel, before)) in changes.paths.iter().zip(before).enumerate() {
        if n == MAX_LOGGED {
            let more = changes.paths.len() - MAX_LOGGED;
            println!(
                "En {more} andere {}.",
                if more == 1 { "bestand" } else { "bestanden" }
            );
            break;
        }
        let path = root.join(rel);
        if path.is_dir() {
            println!("Map gewijzigd: {}/", Printable(rel));
            continue;
        }
        let after = session.address_of(rel);
        println!("{}", describe_change(rel, path.exists(), before, after));
    }
    publish(result, session, shared, first_event, timings);
    update_search(session, shared, timings);
}

/// Brings the search index up to date after the tabs were told to reload
/// (a full re-index: about 0.2 s on a site of 10,000 pages), and serves it.
fn update_search(session: &mut Session, shared: &Shared, timings: bool) {
    let started = Instant::now();
    match session.update_search() {
        Ok(true) => {
            shared
                .site
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .files = session.files();
            if timings {
                println!(
                    "Tijden: zoekindex bijgewerkt in {:.1} ms",
                    started.elapsed().as_secs_f64() * 1000.0
                );
            }
        }
        Ok(false) => {}
        Err(problems) => report::print_problems(&problems),
    }
}

/// How many changed files the log names one by one.
const MAX_LOGGED: usize = 5;

/// One changed file in plain words: what it is, what happened, its address
/// on the site and the file: `Pagina bijgewerkt: /meedoen/ (content/pages/meedoen.md)`.
fn describe_change(
    rel: &str,
    exists: bool,
    before: Option<String>,
    after: Option<String>,
) -> String {
    let file = Printable(rel).to_string();
    if rel == crate::content::config::CONFIG_FILE {
        return format!("Instellingen bijgewerkt ({file}): de hele site wordt opnieuw gemaakt.");
    }
    if !rel.starts_with("content/") {
        return format!("Vormgeving bijgewerkt: {file}");
    }
    let what = match crate::content::classify(rel) {
        Ok(Kind::Home) => "Voorpagina",
        Ok(Kind::Page | Kind::WijkPage { .. }) => "Pagina",
        Ok(Kind::WijkIndex { .. }) => "Wijkpagina",
        Ok(Kind::Meeting) => "Bijeenkomst",
        Ok(Kind::Activity) => "Activiteit",
        Ok(Kind::Edition) => "Nieuwsbrief",
        Ok(Kind::Wijkplan) => "Wijkplan",
        Ok(Kind::Round) => "Projectenronde",
        Ok(Kind::Report) => "Verslag",
        Ok(Kind::Points) => "Punten",
        Ok(Kind::Funds) => "Fondsen",
        Ok(Kind::Static { .. }) => "Bestand",
        Ok(Kind::Image) => "Foto",
        Ok(Kind::Config) | Err(_) => "Bestand",
    };
    let (title, address) = match (exists, before, after) {
        (false, before, _) => (format!("{what} weggehaald"), before),
        (true, None, Some(after)) => {
            let new = if matches!(what, "Wijkplan" | "Bestand" | "Foto") {
                "Nieuw"
            } else {
                "Nieuwe"
            };
            (format!("{new} {}", what.to_lowercase()), Some(after))
        }
        (true, before, after) => (format!("{what} bijgewerkt"), after.or(before)),
    };
    match address {
        Some(address) => format!("{title}: {} ({file})", Printable(&address)),
        None => format!("{title}: {file}"),
    }
}

/// A good build replaces the served site and reloads the tabs; a failed
/// one keeps the last good site and reports the problems.
fn publish(
    result: Result<Update, Vec<Diagnostic>>,
    session: &Session,
    shared: &Shared,
    first_event: Option<Instant>,
    timings: bool,
) {
    match result {
        Ok(update) => {
            report::print_warnings(&update.warnings);
            let version = {
                let mut site = shared.site.write().unwrap_or_else(PoisonError::into_inner);
                site.files = session.files();
                site.version += 1;
                site.problems = Arc::new(Vec::new());
                site.version
            };
            let served = first_event.map(|t| t.elapsed());
            shared.hub.broadcast(&Event::reload(version));
            let reloaded = first_event.map(|t| t.elapsed());
            let ms = update.elapsed.as_millis();
            match first_event {
                // The first build: how many pages, counted as `build` counts them.
                None => println!(
                    "Klaar: {} pagina's in {ms} ms.",
                    web_pages(&session.files())
                ),
                Some(_) if update.full => {
                    println!("Klaar in {ms} ms: de hele site is opnieuw gemaakt.")
                }
                Some(_) => println!("Klaar in {ms} ms."),
            }
            if let (true, Some(served), Some(reloaded)) = (timings, served, reloaded) {
                println!(
                    "Tijden: melding → klaar {:.1} ms, melding → herladen verstuurd {:.1} ms ({} pagina's en {} overzichten opnieuw gemaakt)",
                    served.as_secs_f64() * 1000.0,
                    reloaded.as_secs_f64() * 1000.0,
                    update.pages_rendered,
                    update.site_pages_rendered,
                );
            }
        }
        Err(problems) => {
            report::print_problems(&problems);
            eprintln!(
                "De vorige versie van de site blijft te zien. Herstel de fout en sla het bestand op."
            );
            let event = Event::problems(&problems);
            shared
                .site
                .write()
                .unwrap_or_else(PoisonError::into_inner)
                .problems = Arc::new(problems);
            shared.hub.broadcast(&event);
        }
    }
}

/// The web pages among the served files, counted as `build` counts them:
/// HTML files, the 404 page included, e-mails apart.
fn web_pages(files: &Files) -> usize {
    files
        .keys()
        .filter(|path| path.ends_with(".html") && !path.ends_with("email.html"))
        .count()
}

/// Answers one request: the event stream on its own thread, all else here.
fn handle(request: http::Request, shared: &Arc<Shared>, bind: IpAddr) {
    if !routes::host_allowed(request.host.as_deref(), bind) {
        let text =
            "Dit adres hoort niet bij wijksite serve. Open de site via 127.0.0.1 of localhost.\n";
        respond_text(request, 403, text);
        return;
    }
    if !matches!(request.method.as_str(), "GET" | "HEAD") {
        respond_text(request, 405, "Alleen lezen (GET) kan hier.\n");
        return;
    }
    let url = request.target.clone();
    let path = url.split('?').next().unwrap_or("");
    let (files, version, problems) = shared.snapshot();
    let reply = match path {
        routes::EVENTS => return open_stream(request, shared, version, &problems),
        routes::SCRIPT => routes::Reply {
            status: 200,
            content_type: "text/javascript; charset=utf-8",
            location: None,
            body: routes::LIVE_JS.as_bytes().to_vec(),
        },
        routes::PROBLEMS => routes::Reply {
            status: 200,
            content_type: "application/json",
            location: None,
            body: serde_json::json!({
                "version": version,
                "problems": events::problems_json(&problems),
            })
            .to_string()
            .into_bytes(),
        },
        _ if path.starts_with(routes::PREFIX) => routes::Reply {
            status: 404,
            content_type: "text/plain; charset=utf-8",
            location: None,
            body: b"Onbekend adres van wijksite serve.\n".to_vec(),
        },
        _ if version == 0 => routes::no_site_yet(version),
        _ => routes::respond(&files, &url, version),
    };
    let mut headers = vec![
        ("Content-Type", reply.content_type),
        ("Cache-Control", "no-store"),
    ];
    if let Some(location) = &reply.location {
        headers.push(("Location", location));
    }
    request.respond(reply.status, &headers, &reply.body);
}

fn open_stream(
    request: http::Request,
    shared: &Arc<Shared>,
    version: u64,
    problems: &[Diagnostic],
) {
    let Some(slot) = shared.hub.subscribe() else {
        respond_text(request, 503, "Te veel open tabbladen.\n");
        return;
    };
    let mut first = vec![Event::hello(version)];
    if !problems.is_empty() {
        first.push(Event::problems(problems));
    }
    // A stream lasts as long as its tab: it gets its own thread (at most
    // `events::MAX_CLIENTS`) so it never holds one of the workers.
    let stream = request.into_stream();
    let spawned = std::thread::Builder::new()
        .name("wijksite-events".into())
        .spawn(move || events::stream(stream, slot, &first));
    if let Err(e) = spawned {
        eprintln!("Let op: kan geen verbinding voor verversen openen: {e}");
    }
}

fn respond_text(request: http::Request, status: u16, text: &str) {
    let headers = [
        ("Content-Type", "text/plain; charset=utf-8"),
        ("Cache-Control", "no-store"),
    ];
    request.respond(status, &headers, text.as_bytes());
}

/// Opens the browser with xdg-open (Linux) or open (macOS) when present.
fn open_browser(url: &str) {
    let opener = ["xdg-open", "open"].into_iter().find(|name| on_path(name));
    let opened = opener.is_some_and(|name| {
        std::process::Command::new(name)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok()
    });
    if !opened {
        println!("Open deze link in uw browser: {url}");
    }
}

fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}
