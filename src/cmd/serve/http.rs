//! The preview's HTTP/1.1 server, on the standard library only.
//!
//! Built so that no client can make the preview unusable for the others:
//!
//! - request heads are read by one thread from non-blocking sockets, so an
//!   idle connection costs a small buffer, not a thread; at most
//!   [`MAX_WAITING`] connections wait for their request at once (the oldest
//!   is closed to make room for a new one) and each gets [`HEAD_TIMEOUT`];
//! - a fixed pool of [`WORKERS`] threads answers the requests, so a client
//!   that never reads its answer holds up one worker, not everyone;
//! - every write has a timeout ([`WRITE_TIMEOUT`]) and every answer a
//!   deadline ([`ANSWER_DEADLINE`]), so a stuck client frees its worker;
//! - every answer closes its connection: there is no keep-alive to track.
//!
//! `tiny_http`, used before, started a thread for every connection and
//! wrote without timeouts; it offers no way to bound either.

use std::collections::VecDeque;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, Receiver, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Threads answering requests.
pub const WORKERS: usize = 16;
/// At most this many connections wait for their request head at once.
pub const MAX_WAITING: usize = 128;
/// How long a new connection may take to send its request head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// A request head longer than this is refused.
const MAX_HEAD: usize = 16 * 1024;
/// How long one write to a client may block: a client that stops reading
/// frees its worker after this.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(2);
/// How long writing one whole answer may take.
const ANSWER_DEADLINE: Duration = Duration::from_secs(30);
/// How long the head reader rests when no socket had anything new.
const POLL: Duration = Duration::from_millis(5);
/// Bytes handed to one `write` call.
const CHUNK: usize = 64 * 1024;

/// What answers a request; runs on a worker thread.
pub type Handler = dyn Fn(Request) + Send + Sync;

/// One parsed request; answering it closes the connection.
pub struct Request {
    pub method: String,
    /// The request target as sent (path and query).
    pub target: String,
    /// The `Host` header; `None` when missing or sent twice.
    pub host: Option<String>,
    stream: TcpStream,
}

impl Request {
    /// Sends a complete answer and closes the connection. A `HEAD`
    /// request gets the headers only. Header values with control
    /// characters or non-ASCII are left out.
    pub fn respond(self, status: u16, headers: &[(&str, &str)], body: &[u8]) {
        let head_only = self.method == "HEAD";
        let mut stream = self.stream;
        let _ = write_answer(&mut stream, status, headers, body, head_only);
    }

    /// The connection itself, for a stream of events. Writes to it time
    /// out after [`WRITE_TIMEOUT`].
    pub fn into_stream(self) -> TcpStream {
        self.stream
    }
}

/// Starts the threads that serve `listener` with `handler`.
pub fn start(listener: TcpListener, handler: Arc<Handler>) -> io::Result<()> {
    let (new_sender, new_connections) = mpsc::sync_channel::<TcpStream>(MAX_WAITING);
    let (job_sender, jobs) = mpsc::sync_channel::<Job>(WORKERS * 2);
    let jobs = Arc::new(Mutex::new(jobs));
    for n in 0..WORKERS {
        let jobs = Arc::clone(&jobs);
        let handler = Arc::clone(&handler);
        std::thread::Builder::new()
            .name(format!("wijksite-http-{n}"))
            .spawn(move || work(&jobs, &*handler))?;
    }
    std::thread::Builder::new()
        .name("wijksite-http-heads".into())
        .spawn(move || read_heads(&new_connections, &job_sender))?;
    std::thread::Builder::new()
        .name("wijksite-http-accept".into())
        .spawn(move || accept(&listener, &new_sender))?;
    Ok(())
}

/// Work for a worker: a request to answer, or a connection to refuse.
enum Job {
    Answer(Request),
    Refuse(TcpStream, u16, &'static str),
}

fn accept(listener: &TcpListener, new_connections: &SyncSender<TcpStream>) {
    loop {
        match listener.accept() {
            Ok((stream, _)) => {
                if stream.set_nonblocking(true).is_err() {
                    continue;
                }
                if new_connections.send(stream).is_err() {
                    return;
                }
            }
            // Out of file descriptors and the like: wait rather than spin.
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// A connection whose request head is still coming in.
struct Waiting {
    stream: TcpStream,
    head: Vec<u8>,
    since: Instant,
}

enum Progress {
    Nothing,
    Some,
    /// The head is complete (or too long): hand it to a worker.
    Ready,
    /// Closed, failed or too slow: forget it.
    Gone,
}

impl Waiting {
    fn poll(&mut self) -> Progress {
        let mut progress = Progress::Nothing;
        let mut chunk = [0u8; 4096];
        loop {
            match self.stream.read(&mut chunk) {
                Ok(0) => return Progress::Gone,
                Ok(n) => {
                    let searched_from = self.head.len().saturating_sub(3);
                    self.head.extend_from_slice(&chunk[..n]);
                    if let Some(end) = find_head_end(&self.head[searched_from..]) {
                        self.head.truncate(searched_from + end);
                        return Progress::Ready;
                    }
                    if self.head.len() > MAX_HEAD {
                        return Progress::Ready;
                    }
                    progress = Progress::Some;
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.kind() == io::ErrorKind::WouldBlock => break,
                Err(_) => return Progress::Gone,
            }
        }
        if matches!(progress, Progress::Nothing) && self.since.elapsed() > HEAD_TIMEOUT {
            return Progress::Gone;
        }
        progress
    }

    fn into_job(self) -> Job {
        if self.head.len() > MAX_HEAD {
            return Job::Refuse(self.stream, 431, "De aanvraag is te groot.\n");
        }
        match parse_head(&self.head) {
            Some((method, target, host)) => Job::Answer(Request {
                method,
                target,
                host,
                stream: self.stream,
            }),
            None => Job::Refuse(self.stream, 400, "Deze aanvraag is geen geldige HTTP.\n"),
        }
    }
}

/// Where the head ends (just after the blank line), if it has.
fn find_head_end(bytes: &[u8]) -> Option<usize> {
    bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|at| at + 4)
}

/// Method, target and `Host` of a request head; `None` when it is no
/// HTTP/1.x request.
fn parse_head(head: &[u8]) -> Option<(String, String, Option<String>)> {
    let text = std::str::from_utf8(head).ok()?;
    let mut lines = text.split("\r\n");
    let mut parts = lines.next()?.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || !version.starts_with("HTTP/1.")
        || method.is_empty()
        || !method.bytes().all(|b| b.is_ascii_uppercase())
        || target.is_empty()
        || target.bytes().any(|b| b.is_ascii_control())
    {
        return None;
    }
    let mut host = None;
    let mut hosts = 0;
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        if name.eq_ignore_ascii_case("host") {
            hosts += 1;
            host = Some(value.trim().to_string());
        }
    }
    Some((
        method.to_string(),
        target.to_string(),
        host.filter(|_| hosts == 1),
    ))
}

/// The head reader: collects request heads from non-blocking sockets and
/// hands complete ones to the workers.
fn read_heads(new_connections: &Receiver<TcpStream>, jobs: &SyncSender<Job>) {
    let mut waiting: VecDeque<Waiting> = VecDeque::new();
    loop {
        if waiting.is_empty() {
            match new_connections.recv() {
                Ok(stream) => waiting.push_back(Waiting::new(stream)),
                Err(_) => return,
            }
        }
        while let Ok(stream) = new_connections.try_recv() {
            waiting.push_back(Waiting::new(stream));
        }
        // Make room by closing the connections that waited longest.
        while waiting.len() > MAX_WAITING {
            waiting.pop_front();
        }
        let mut progress = false;
        let mut i = 0;
        while i < waiting.len() {
            match waiting[i].poll() {
                Progress::Nothing => i += 1,
                Progress::Some => {
                    progress = true;
                    i += 1;
                }
                Progress::Gone => {
                    progress = true;
                    waiting.remove(i);
                }
                Progress::Ready => {
                    progress = true;
                    if let Some(done) = waiting.remove(i) {
                        match jobs.try_send(done.into_job()) {
                            Ok(()) => {}
                            // Every worker busy and the queue full (clients
                            // that do not read): answer at once instead of
                            // making the next request wait behind them.
                            Err(mpsc::TrySendError::Full(job)) => refuse_busy(job),
                            Err(mpsc::TrySendError::Disconnected(_)) => return,
                        }
                    }
                }
            }
        }
        if !progress {
            std::thread::sleep(POLL);
        }
    }
}

impl Waiting {
    fn new(stream: TcpStream) -> Waiting {
        Waiting {
            stream,
            head: Vec::new(),
            since: Instant::now(),
        }
    }
}

/// A short 503 for a request no worker can take now; the few bytes fit in
/// the socket's buffer, so this never blocks the head reader for long.
fn refuse_busy(job: Job) {
    let mut stream = match job {
        Job::Answer(request) => request.stream,
        Job::Refuse(stream, ..) => stream,
    };
    if stream.set_nonblocking(false).is_ok()
        && stream
            .set_write_timeout(Some(Duration::from_millis(100)))
            .is_ok()
    {
        let headers = [
            ("Content-Type", "text/plain; charset=utf-8"),
            ("Retry-After", "1"),
        ];
        let text = "Het voorbeeld is even te druk; laad de pagina opnieuw.\n";
        let _ = write_answer(&mut stream, 503, &headers, text.as_bytes(), false);
    }
}

fn work(jobs: &Mutex<Receiver<Job>>, handler: &Handler) {
    loop {
        let job = jobs.lock().unwrap_or_else(PoisonError::into_inner).recv();
        let Ok(job) = job else { return };
        let stream = match &job {
            Job::Answer(request) => &request.stream,
            Job::Refuse(stream, ..) => stream,
        };
        if stream.set_nonblocking(false).is_err()
            || stream.set_write_timeout(Some(WRITE_TIMEOUT)).is_err()
            || stream.set_read_timeout(Some(WRITE_TIMEOUT)).is_err()
        {
            continue;
        }
        match job {
            Job::Answer(request) => {
                // A bug in one answer must not cost the pool a worker.
                let _ = catch_unwind(AssertUnwindSafe(|| handler(request)));
            }
            Job::Refuse(mut stream, status, text) => {
                let headers = [("Content-Type", "text/plain; charset=utf-8")];
                let _ = write_answer(&mut stream, status, &headers, text.as_bytes(), false);
            }
        }
    }
}

fn write_answer(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(&str, &str)],
    body: &[u8],
    head_only: bool,
) -> io::Result<()> {
    let deadline = Instant::now() + ANSWER_DEADLINE;
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        if value
            .bytes()
            .all(|b| b == b'\t' || (b' '..=b'~').contains(&b))
        {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str(&format!(
        "Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    ));
    write_by(stream, head.as_bytes(), deadline)?;
    if !head_only {
        write_by(stream, body, deadline)?;
    }
    stream.flush()?;
    stream.shutdown(Shutdown::Write)
}

/// Writes all of `data` unless a write times out or the deadline passes.
fn write_by(stream: &mut TcpStream, mut data: &[u8], deadline: Instant) -> io::Result<()> {
    while !data.is_empty() {
        if Instant::now() > deadline {
            return Err(io::ErrorKind::TimedOut.into());
        }
        match stream.write(&data[..data.len().min(CHUNK)]) {
            Ok(0) => return Err(io::ErrorKind::WriteZero.into()),
            Ok(n) => data = &data[n..],
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        421 => "Misdirected Request",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_gives_method_target_and_one_host() {
        let head = b"GET /a?b HTTP/1.1\r\nhost: localhost:1111\r\nAccept: */*\r\n\r\n";
        assert_eq!(
            parse_head(head),
            Some(("GET".into(), "/a?b".into(), Some("localhost:1111".into())))
        );
        let two = b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n";
        assert_eq!(parse_head(two).unwrap().2, None);
        assert_eq!(parse_head(b"GET / HTTP/1.1\r\n\r\n").unwrap().2, None);
    }

    #[test]
    fn broken_heads_are_refused() {
        for head in [
            &b"GET /\r\n\r\n"[..],
            b"GET / SPDY/3\r\n\r\n",
            b"get / HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nno colon\r\n\r\n",
            b"GET /\xff HTTP/1.1\r\n\r\n",
            b"GET /a\rb HTTP/1.1\r\n\r\n",
        ] {
            assert_eq!(parse_head(head), None, "{}", String::from_utf8_lossy(head));
        }
    }

    #[test]
    fn the_end_of_a_head_is_found() {
        assert_eq!(find_head_end(b"GET / HTTP/1.1\r\n\r\nbody"), Some(18));
        assert_eq!(find_head_end(b"GET / HTTP/1.1\r\n"), None);
    }
}
