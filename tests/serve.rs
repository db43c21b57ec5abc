//! `wijksite serve` against a fixture site, over real HTTP on loopback:
//! pages are served from memory, a saved change shows up with a reload
//! event, a broken file keeps the last good page and reports the problem,
//! and fixing it clears the problem.

mod common;
use common::Fixture;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

/// How long a change may take to show up (the issue asks for 2 s).
const CHANGE_DEADLINE: Duration = Duration::from_secs(2);
/// How long the first build may take on a busy machine.
const START_DEADLINE: Duration = Duration::from_secs(30);

/// A running `wijksite serve`; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    /// Lines the server prints (stdout and stderr).
    lines: Receiver<String>,
    /// Lines received so far.
    seen: std::cell::RefCell<Vec<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(fixture: &Fixture, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wijksite"))
            .arg("serve")
            .args(extra)
            .arg("--root")
            .arg(fixture.root())
            .env("SOURCE_DATE_EPOCH", "1790000000")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start wijksite serve");
        let (sender, lines) = mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        let stderr = child.stderr.take().unwrap();
        for pipe in [Box::new(stdout) as Box<dyn Read + Send>, Box::new(stderr)] {
            let sender = sender.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                    let _ = sender.send(line);
                }
            });
        }
        let mut server = Server {
            child,
            port: 0,
            lines,
            seen: Default::default(),
        };
        let line = server
            .wait_for_line(|l| l.contains("Bekijk de site op http://"), START_DEADLINE)
            .expect("serve never said where the site is");
        let port = line
            .rsplit(':')
            .next()
            .and_then(|p| p.trim_end_matches('/').parse().ok())
            .expect("a port in the URL");
        server.port = port;
        server
    }

    /// A printed line (earlier or within the deadline) that `wanted` accepts.
    fn wait_for_line(&self, wanted: impl Fn(&str) -> bool, within: Duration) -> Option<String> {
        if let Some(line) = self.seen.borrow().iter().find(|l| wanted(l)) {
            return Some(line.clone());
        }
        let deadline = Instant::now() + within;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            let line = self.lines.recv_timeout(left).ok()?;
            self.seen.borrow_mut().push(line.clone());
            if wanted(&line) {
                return Some(line);
            }
        }
        None
    }

    fn get(&self, path: &str) -> Response {
        get(self.port, path)
    }

    fn events(&self) -> EventStream {
        EventStream::open(self.port)
    }
}

struct Response {
    status: u16,
    headers: String,
    body: String,
}

/// A plain HTTP/1.1 GET over a fresh loopback connection.
fn get(port: u16, path: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").expect("headers end");
    let status = headers
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("status code");
    Response {
        status,
        headers: headers.to_string(),
        body: body.to_string(),
    }
}

/// The server-sent event stream, read event by event.
struct EventStream {
    stream: TcpStream,
    buffer: String,
}

impl EventStream {
    fn open(port: u16) -> EventStream {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        write!(
            stream,
            "GET /__wijksite/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(50)))
            .unwrap();
        EventStream {
            stream,
            buffer: String::new(),
        }
    }

    /// The next event named `name` (others are skipped), as its data.
    fn next(&mut self, name: &str, within: Duration) -> Option<String> {
        let deadline = Instant::now() + within;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut event = None;
                let mut data = Vec::new();
                for line in block.lines() {
                    if let Some(e) = line.strip_prefix("event: ") {
                        event = Some(e.to_string());
                    } else if let Some(d) = line.strip_prefix("data: ") {
                        data.push(d.to_string());
                    }
                }
                if event.as_deref() == Some(name) {
                    return Some(data.join("\n"));
                }
            }
            if Instant::now() > deadline {
                return None;
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return None,
                Ok(n) => self
                    .buffer
                    .push_str(&String::from_utf8_lossy(&chunk[..n]).replace("\r\n", "\n")),
                Err(_) => {} // timeout: look at the clock again
            }
        }
    }
}

/// Polls `path` until its body contains `text`, within the deadline.
fn wait_for_body(server: &Server, path: &str, text: &str, within: Duration) -> bool {
    let deadline = Instant::now() + within;
    loop {
        if server.get(path).body.contains(text) {
            return true;
        }
        if Instant::now() > deadline {
            return false;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

const MEEDOEN_V2: &str =
    "---\ntitle: Meedoen\nmenu: true\n---\n# Twee keer\n\nNieuwe tekst over meedoen.\n";

#[test]
fn a_saved_change_is_served_and_open_tabs_reload() {
    let site = Fixture::new();
    let server = Server::start(&site, &["--port", "0"]);

    let page = server.get("/meedoen/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Eén keer"), "{}", page.body);
    assert!(
        page.body
            .contains("<script src=\"/__wijksite/live.js\" data-version=\"1\"></script>\n</body>"),
        "the live-reload script is injected before </body>"
    );
    let mut events = server.events();
    assert!(events.next("hello", CHANGE_DEADLINE).is_some());

    let saved = Instant::now();
    site.write("content/pages/meedoen.md", MEEDOEN_V2);
    let reload = events.next("reload", CHANGE_DEADLINE);
    assert!(
        reload.is_some(),
        "no reload event within {CHANGE_DEADLINE:?}"
    );
    assert!(
        wait_for_body(
            &server,
            "/meedoen/",
            "Twee keer",
            CHANGE_DEADLINE.saturating_sub(saved.elapsed())
        ),
        "the new text is not served within {CHANGE_DEADLINE:?}"
    );
    assert!(
        !site.root().join("output").exists(),
        "serve must not write output/"
    );
}

#[test]
fn a_broken_file_keeps_the_last_good_page_and_fixing_it_clears_the_error() {
    let site = Fixture::new();
    let server = Server::start(&site, &["--port", "0"]);
    let mut events = server.events();
    assert!(events.next("hello", CHANGE_DEADLINE).is_some());

    site.write(
        "content/pages/meedoen.md",
        "---\ntitel: Meedoen\n---\n# Kapot\n",
    );
    let problems = events
        .next("problems", CHANGE_DEADLINE)
        .expect("no problems event after saving a broken file");
    assert!(problems.contains("content/pages/meedoen.md"), "{problems}");
    assert!(problems.contains("titel"), "{problems}");
    assert!(problems.contains("\"line\":2"), "{problems}");
    assert!(problems.contains("hint"), "{problems}");

    let page = server.get("/meedoen/");
    assert_eq!(page.status, 200);
    assert!(
        page.body.contains("Eén keer") && !page.body.contains("Kapot"),
        "the last good page stays"
    );
    let status = server.get("/__wijksite/problems");
    assert!(status.body.contains("titel"), "{}", status.body);
    assert!(
        server
            .wait_for_line(
                |l| l.contains("content/pages/meedoen.md:2"),
                CHANGE_DEADLINE
            )
            .is_some(),
        "the terminal names the file and line"
    );

    // Fix it the way many editors save: a temp file renamed over the original.
    site.write("content/pages/.meedoen.md.tmp", MEEDOEN_V2);
    std::fs::rename(
        site.root().join("content/pages/.meedoen.md.tmp"),
        site.root().join("content/pages/meedoen.md"),
    )
    .unwrap();
    assert!(
        events.next("reload", CHANGE_DEADLINE).is_some(),
        "fixing the file reloads the tabs"
    );
    assert!(server.get("/meedoen/").body.contains("Twee keer"));
    let status = server.get("/__wijksite/problems");
    assert!(status.body.contains("\"problems\":[]"), "{}", status.body);
}

#[test]
fn unknown_pages_get_the_404_page_directories_redirect_and_climbing_out_is_refused() {
    let site = Fixture::new();
    site.write("content/static/verslagen/a b.txt", "verslag");
    let server = Server::start(&site, &["--port", "0"]);

    let missing = server.get("/bestaat-niet/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<h1"), "the site's own 404 page");

    let redirect = server.get("/meedoen");
    assert_eq!(redirect.status, 301);
    assert!(
        redirect.headers.contains("Location: /meedoen/"),
        "{}",
        redirect.headers
    );

    let file = server.get("/verslagen/a%20b.txt");
    assert_eq!(file.status, 200);
    assert_eq!(file.body, "verslag");
    assert!(file.headers.contains("text/plain"), "{}", file.headers);
    assert!(!file.body.contains("live.js"), "only HTML gets the script");

    assert_eq!(server.get("/../Cargo.toml").status, 400);
    assert_eq!(server.get("/%2e%2e/Cargo.toml").status, 400);
    assert!(server.get("/style.css").headers.contains("text/css"));
}

#[test]
fn a_taken_port_is_named_and_the_next_free_one_used() {
    let site = Fixture::new();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let server = Server::start(&site, &["--port", &port.to_string()]);
    assert_ne!(server.port, port);
    assert!(server.port > port && server.port < port + 20);
    let said = format!("Poort {port} is al in gebruik");
    assert!(
        server
            .wait_for_line(|l| l.contains(&said), Duration::from_secs(1))
            .is_some(),
        "the taken port is named"
    );
    assert_eq!(server.get("/").status, 200);
    drop(taken);
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_cleanly() {
    let site = Fixture::new();
    let mut server = Server::start(&site, &["--port", "0"]);
    let sent = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let deadline = Instant::now() + Duration::from_secs(5);
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "serve did not stop on Ctrl-C");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "exit status {status:?}");
    assert!(
        server
            .wait_for_line(|l| l.contains("Gestopt"), Duration::from_secs(1))
            .is_some()
    );
}

#[test]
fn a_site_that_never_built_explains_itself_until_it_is_fixed() {
    let site = Fixture::new();
    site.write("content/pages/meedoen.md", "---\ntitle: [kapot\n---\n");
    let server = Server::start(&site, &["--port", "0"]);
    let page = server.get("/meedoen/");
    assert_eq!(page.status, 503);
    assert!(page.body.contains("nog niet gebouwd"), "{}", page.body);
    assert!(
        page.body.contains("/__wijksite/live.js"),
        "the overlay script is there"
    );
    let mut events = server.events();
    let problems = events
        .next("problems", CHANGE_DEADLINE)
        .expect("a new tab gets the current problems at once");
    assert!(problems.contains("content/pages/meedoen.md"), "{problems}");

    site.write("content/pages/meedoen.md", MEEDOEN_V2);
    assert!(events.next("reload", CHANGE_DEADLINE).is_some());
    let page = server.get("/meedoen/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Twee keer"));
}

/// Sends a raw request head and reads the whole answer.
fn raw_get(port: u16, head: &str) -> Response {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (headers, body) = text.split_once("\r\n\r\n").expect("headers end");
    Response {
        status: headers
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap(),
        headers: headers.to_string(),
        body: body.to_string(),
    }
}

#[test]
fn only_requests_for_this_machine_are_answered() {
    let site = Fixture::new();
    let server = Server::start(&site, &["--port", "0"]);
    // A page on another site whose name was pointed at 127.0.0.1 (DNS rebinding).
    for host in ["evil.example", "evil.example:1111", "127.0.0.1.nip.io"] {
        let refused = raw_get(
            server.port,
            &format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(refused.status, 403, "{host}");
        assert!(
            refused.body.contains("hoort niet bij wijksite serve"),
            "{}",
            refused.body
        );
        assert!(!refused.body.contains("<html"), "no page for {host}");
    }
    let missing = raw_get(server.port, "GET / HTTP/1.1\r\nConnection: close\r\n\r\n");
    assert_eq!(missing.status, 403);
    for host in ["localhost", "127.0.0.1:9", "[::1]:1111", "127.1.2.3"] {
        let served = raw_get(
            server.port,
            &format!("GET /meedoen/ HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
        );
        assert_eq!(served.status, 200, "{host}");
    }
}

#[test]
fn a_client_that_never_reads_does_not_stall_the_others() {
    let site = Fixture::new();
    // Far larger than the socket buffers of both ends on loopback.
    site.write("content/static/groot.bin", vec![b'x'; 48 << 20]);
    let server = Server::start(&site, &["--port", "0"]);
    let mut stuck = Vec::new();
    for _ in 0..2 {
        let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
        write!(stream, "GET /groot.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
        stuck.push(stream); // never read
    }
    std::thread::sleep(Duration::from_millis(300));
    let (sender, answer) = mpsc::channel();
    let port = server.port;
    std::thread::spawn(move || {
        let _ = sender.send(get(port, "/meedoen/").status);
    });
    assert_eq!(
        answer.recv_timeout(Duration::from_secs(3)).ok(),
        Some(200),
        "another client waits for the ones that do not read"
    );
    drop(stuck);
}

#[test]
fn many_clients_that_never_read_still_leave_an_answer_within_seconds() {
    // Thirty such clients made a normal request wait 45 s (red team): the
    // workers each blocked on a write and the queue behind them was full.
    let site = Fixture::new();
    site.write("content/static/groot.bin", vec![b'x'; 16 << 20]);
    let server = Server::start(&site, &["--port", "0"]);
    let stuck: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut stream = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
            write!(stream, "GET /groot.bin HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
            stream // never read
        })
        .collect();
    std::thread::sleep(Duration::from_millis(500));
    let (sender, answer) = mpsc::channel();
    let port = server.port;
    std::thread::spawn(move || {
        let _ = sender.send(get(port, "/meedoen/").status);
    });
    let status = answer.recv_timeout(Duration::from_secs(5)).ok();
    assert!(
        matches!(status, Some(200 | 503)),
        "no answer within 5 s behind {} clients that do not read: {status:?}",
        stuck.len()
    );
    drop(stuck);
}

#[test]
fn many_idle_connections_are_bounded_and_the_server_stays_usable() {
    let site = Fixture::new();
    let server = Server::start(&site, &["--port", "0"]);
    let idle: Vec<TcpStream> = (0..400)
        .map(|_| TcpStream::connect(("127.0.0.1", server.port)).expect("connect"))
        .collect();
    let page = server.get("/meedoen/");
    assert_eq!(
        page.status,
        200,
        "served despite {} idle connections",
        idle.len()
    );
    // The server keeps only a bounded number of idle connections open: the
    // ones that waited longest are closed to make room.
    std::thread::sleep(Duration::from_millis(300));
    let closed = idle
        .iter()
        .filter(|stream| {
            stream.set_nonblocking(true).unwrap();
            let mut byte = [0u8; 1];
            match (&**stream).read(&mut byte) {
                Ok(0) => true,
                Ok(_) => false,
                Err(e) => e.kind() != std::io::ErrorKind::WouldBlock,
            }
        })
        .count();
    assert!(
        closed >= 200,
        "only {closed} of {} idle connections were closed",
        idle.len()
    );
}

#[test]
fn a_change_is_reported_in_plain_words_and_pages_counted_like_build() {
    let site = Fixture::new();
    let server = Server::start(&site, &["--port", "0"]);
    let started = server
        .wait_for_line(|l| l.starts_with("Klaar: "), START_DEADLINE)
        .expect("a first line with the page count");
    site.write("content/pages/meedoen.md", MEEDOEN_V2);
    let line = server.wait_for_line(|l| l.contains("bijgewerkt"), CHANGE_DEADLINE);
    assert_eq!(
        line.as_deref(),
        Some("Pagina bijgewerkt: /meedoen/ (content/pages/meedoen.md)"),
        "{:?}",
        server.seen.borrow()
    );
    site.write("content/pages/nieuw.md", "---\ntitle: Nieuw\n---\nHallo.\n");
    assert!(
        server
            .wait_for_line(
                |l| l == "Nieuwe pagina: /nieuw/ (content/pages/nieuw.md)",
                CHANGE_DEADLINE
            )
            .is_some(),
        "{:?}",
        server.seen.borrow()
    );
    drop(server);
    site.remove("content/pages/nieuw.md");
    site.write("content/pages/meedoen.md", MEEDOEN_V2);
    let build = site.build_ok();
    let pages = |line: &str| {
        line.split_whitespace()
            .nth(1)
            .and_then(|n| n.parse::<usize>().ok())
    };
    assert!(pages(&started).is_some(), "{started}");
    assert_eq!(
        pages(&started),
        pages(&build.stdout),
        "{started} / {}",
        build.stdout
    );
}

#[test]
fn editors_temp_files_cause_no_rebuild_and_no_log() {
    let site = Fixture::new();
    let server = Server::start(&site, &["--port", "0"]);
    assert!(
        server
            .wait_for_line(|l| l.starts_with("Klaar: "), START_DEADLINE)
            .is_some()
    );
    let temp_files = [
        "content/pages/sedOzDjJF",
        "content/pages/4913",
        "content/pages/.#meedoen.md",
        "content/pages/.meedoen.md.swp",
        "content/pages/meedoen.md~",
        "content/pages/meedoen.md.tmp",
        "content/.DS_Store",
    ];
    for rel in temp_files {
        site.write(rel, "x");
    }
    // Past the watcher's quiet time, so they would be a batch of their own.
    std::thread::sleep(Duration::from_millis(400));
    site.write("content/pages/meedoen.md", MEEDOEN_V2);
    assert!(
        server
            .wait_for_line(
                |l| l.starts_with("Pagina bijgewerkt: /meedoen/"),
                CHANGE_DEADLINE
            )
            .is_some(),
        "{:?}",
        server.seen.borrow()
    );
    assert!(
        server
            .wait_for_line(|l| l.starts_with("Klaar in"), CHANGE_DEADLINE)
            .is_some()
    );
    let seen = server.seen.borrow();
    let after_start: Vec<&String> = seen
        .iter()
        .skip_while(|l| !l.starts_with("Wijzigingen in"))
        .skip(1)
        .collect();
    assert!(
        after_start.len() == 2
            && after_start[0] == "Pagina bijgewerkt: /meedoen/ (content/pages/meedoen.md)"
            && after_start[1].starts_with("Klaar in"),
        "only the real change is logged: {seen:?}"
    );
}
