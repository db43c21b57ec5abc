//! Measures how long `wijksite serve` takes from saving a page to telling
//! the browser to reload, the way an editor sees it.
//!
//! ```text
//! cargo run --release --example serve_latency -- --url http://127.0.0.1:1111/ \
//!     --file SITE/content/wijken/lindenhof/some-page.md [--edits 20] [--title]
//! ```
//!
//! Listens on the server's event stream like an open tab, then saves the
//! page `--edits` times (a sentence added to the body; with `--title`, a new
//! title, which the lists showing the page must follow), and for each save
//! measures the time from just before the write to the `reload` event
//! arriving. Prints each time and the median, 90th percentile and maximum
//! in milliseconds, then puts the page back as it was. Loopback only.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::PathBuf;
use std::time::{Duration, Instant};

struct Options {
    url: String,
    file: PathBuf,
    edits: usize,
    title: bool,
}

fn parse_args() -> Result<Options, String> {
    let mut options = Options {
        url: String::new(),
        file: PathBuf::new(),
        edits: 20,
        title: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--url" => options.url = value()?,
            "--file" => options.file = PathBuf::from(value()?),
            "--edits" => options.edits = value()?.parse().map_err(|e| format!("--edits: {e}"))?,
            "--title" => options.title = true,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if options.url.is_empty() || options.file.as_os_str().is_empty() {
        return Err("--url and --file are required".into());
    }
    Ok(options)
}

fn main() {
    let options = match parse_args() {
        Ok(options) => options,
        Err(message) => {
            eprintln!(
                "{message}\nusage: serve_latency --url http://127.0.0.1:PORT/ --file PAGE.md [--edits N] [--title]"
            );
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&options) {
        eprintln!("serve_latency: {e}");
        std::process::exit(1);
    }
}

fn run(options: &Options) -> Result<(), String> {
    let address = options
        .url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .to_string();
    if !address.starts_with("127.") && !address.starts_with("localhost") {
        return Err("only a server on this machine (127.x or localhost) is measured".into());
    }
    let mut stream = TcpStream::connect(&address).map_err(|e| format!("connect {address}: {e}"))?;
    write!(
        stream,
        "GET /__wijksite/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    stream
        .set_read_timeout(Some(Duration::from_secs(30)))
        .map_err(|e| e.to_string())?;
    let mut events = BufReader::new(stream);
    wait_for(&mut events, "hello")?;

    let original = std::fs::read_to_string(&options.file).map_err(|e| e.to_string())?;
    let mut times = Vec::with_capacity(options.edits);
    for i in 0..options.edits {
        let text = edited(&original, i, options.title);
        let started = Instant::now();
        std::fs::write(&options.file, text).map_err(|e| e.to_string())?;
        wait_for(&mut events, "reload")?;
        let ms = started.elapsed().as_secs_f64() * 1000.0;
        println!("edit {:>2}: {ms:.1} ms", i + 1);
        times.push(ms);
        // Let the server go quiet, so every save is a batch of its own.
        std::thread::sleep(Duration::from_millis(300));
    }
    std::fs::write(&options.file, &original).map_err(|e| e.to_string())?;
    wait_for(&mut events, "reload")?;

    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    println!(
        "{} saves{}: median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        times.len(),
        if options.title { " (title)" } else { " (body)" },
        at(0.5),
        at(0.9),
        at(1.0)
    );
    Ok(())
}

/// The page with a sentence added to its body, or with a new title.
fn edited(original: &str, i: usize, title: bool) -> String {
    if title {
        let mut out = String::new();
        let mut done = false;
        for line in original.lines() {
            if !done && line.starts_with("title:") {
                out.push_str(&format!("title: \"Gewijzigde titel {i}\"\n"));
                done = true;
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        out
    } else {
        format!("{original}\nEen extra zin bij bewerking {i}.\n")
    }
}

/// Reads the stream until an event with this name (or fails on timeout).
fn wait_for(events: &mut impl BufRead, name: &str) -> Result<(), String> {
    let wanted = format!("event: {name}");
    let mut line = String::new();
    loop {
        line.clear();
        let read = events
            .read_line(&mut line)
            .map_err(|e| format!("waiting for {name}: {e}"))?;
        if read == 0 {
            return Err(format!("the server closed the stream before {name}"));
        }
        if line.trim_end() == wanted {
            return Ok(());
        }
        if line.trim_end() == "event: problems" {
            return Err("the server reported problems after the edit".into());
        }
    }
}
