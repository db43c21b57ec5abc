//! Times incremental rebuilds in-process, without the watcher and the
//! browser: the part of a `serve` save that is wijksite's own work.
//!
//! ```text
//! cargo run --release --example incremental_bench -- --root SITE --file content/wijken/x/y.md \
//!     [--edits 10] [--title]
//! ```
//!
//! Builds SITE once in memory, then saves the page `--edits` times (a
//! sentence added to the body; with `--title`, a new title) and applies
//! each save to the session, printing each rebuild's time and the median.
//! Every save is applied the way `serve` applies it. Runs under
//! `valgrind --tool=callgrind` too, for instruction counts that do not
//! depend on what else the machine is doing. Puts the page back at the end.

use std::path::PathBuf;
use std::time::Instant;
use wijksite::build::incremental::Session;
use wijksite::build::pipeline::BuildOptions;

fn main() {
    let mut root = PathBuf::new();
    let mut file = String::new();
    let mut edits = 10;
    let mut title = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--root" => root = args.next().map(PathBuf::from).unwrap_or_default(),
            "--file" => file = args.next().unwrap_or_default(),
            "--edits" => edits = args.next().and_then(|v| v.parse().ok()).unwrap_or(10),
            "--title" => title = true,
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
    }
    if root.as_os_str().is_empty() || file.is_empty() {
        eprintln!(
            "usage: incremental_bench --root SITE --file content/…/page.md [--edits N] [--title]"
        );
        std::process::exit(2);
    }
    let path = root.join(&file);
    let original = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
    };
    let mut session = Session::new(BuildOptions {
        root: root.clone(),
        base_url: Some("http://127.0.0.1:1111/".into()),
        drafts: false,
    });
    let started = Instant::now();
    if let Err(problems) = session.rebuild() {
        eprintln!("the site does not build: {problems:?}");
        std::process::exit(1);
    }
    println!("full build in memory: {} ms", started.elapsed().as_millis());

    let mut times = Vec::new();
    for i in 0..edits {
        let text = if title {
            original.replacen("title: ", &format!("title: Gewijzigd {i} "), 1)
        } else {
            format!("{original}\nEen extra zin bij bewerking {i}.\n")
        };
        if let Err(e) = std::fs::write(&path, text) {
            eprintln!("{}: {e}", path.display());
            std::process::exit(1);
        }
        let started = Instant::now();
        match session.apply([file.clone()], false) {
            Ok(update) => {
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                println!(
                    "edit {:>2}: {ms:.1} ms ({} pages and {} list pages rendered, {} files changed{})",
                    i + 1,
                    update.pages_rendered,
                    update.site_pages_rendered,
                    update.files_changed,
                    if update.full { ", full rebuild" } else { "" }
                );
                times.push(ms);
            }
            Err(problems) => {
                eprintln!("the edit broke the site: {problems:?}");
                std::process::exit(1);
            }
        }
    }
    let _ = std::fs::write(&path, original);
    times.sort_by(f64::total_cmp);
    if let Some(median) = times.get(times.len() / 2) {
        println!(
            "{} edits{}: median {median:.1} ms, max {:.1} ms",
            times.len(),
            if title { " (title)" } else { " (body)" },
            times.last().copied().unwrap_or_default()
        );
    }
}
