//! Server-Sent Events to the open browser tabs: "reload" after a good
//! rebuild, "problems" with the error list after a failed one.
//!
//! Each tab's stream runs on its own thread; the [`Hub`] hands every
//! message to all of them. The number of streams is bounded, so a runaway
//! page cannot exhaust threads.

use crate::util::diagnostics::Diagnostic;
use serde_json::json;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// At most this many open event streams (tabs) at once.
pub const MAX_CLIENTS: usize = 32;
/// A comment line this often lets the server notice closed tabs.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// One event, as sent on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub name: &'static str,
    pub data: String,
}

impl Event {
    /// Sent first on every stream: the version of the site now served.
    pub fn hello(version: u64) -> Event {
        Event {
            name: "hello",
            data: json!({ "version": version }).to_string(),
        }
    }

    /// A new version is served: the tab reloads.
    pub fn reload(version: u64) -> Event {
        Event {
            name: "reload",
            data: json!({ "version": version }).to_string(),
        }
    }

    /// The last rebuild failed: the tab shows these problems.
    pub fn problems(problems: &[Diagnostic]) -> Event {
        Event {
            name: "problems",
            data: problems_json(problems).to_string(),
        }
    }

    /// The event in SSE wire format.
    pub fn to_wire(&self) -> String {
        let mut out = format!("event: {}\n", self.name);
        for line in self.data.lines() {
            out.push_str("data: ");
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
        out
    }
}

/// Problems as JSON for the overlay and the problems endpoint.
pub fn problems_json(problems: &[Diagnostic]) -> serde_json::Value {
    problems
        .iter()
        .map(|d| {
            json!({
                "severity": if d.is_error() { "fout" } else { "waarschuwing" },
                "file": d.file,
                "line": d.line,
                "column": d.column,
                "message": d.message,
                "hint": d.hint,
            })
        })
        .collect()
}

/// Hands events to every open stream.
#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<SyncSender<Arc<str>>>>,
    open: Arc<AtomicUsize>,
}

/// A place for one stream; frees itself when the stream ends.
pub struct Slot {
    open: Arc<AtomicUsize>,
    pub events: Receiver<Arc<str>>,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.open.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Hub {
    /// A new stream, or `None` when [`MAX_CLIENTS`] are open.
    pub fn subscribe(&self) -> Option<Slot> {
        let taken = self
            .open
            .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| {
                (n < MAX_CLIENTS).then_some(n + 1)
            });
        taken.ok()?;
        let (sender, events) = mpsc::sync_channel(16);
        self.lock().push(sender);
        Some(Slot {
            open: Arc::clone(&self.open),
            events,
        })
    }

    /// Sends to every stream; closed or stuck streams are dropped.
    pub fn broadcast(&self, event: &Event) {
        let wire: Arc<str> = event.to_wire().into();
        self.lock()
            .retain(|client| client.try_send(Arc::clone(&wire)).is_ok());
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<SyncSender<Arc<str>>>> {
        self.clients.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Writes one stream until the tab goes away or the hub closes.
pub fn stream(mut out: impl Write, slot: Slot, first: &[Event]) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\nConnection: close\r\n\r\n";
    let mut opening = String::from(head);
    opening.push_str("retry: 1000\n\n");
    for event in first {
        opening.push_str(&event.to_wire());
    }
    if send(&mut out, &opening).is_err() {
        return;
    }
    loop {
        let text: Arc<str> = match slot.events.recv_timeout(KEEP_ALIVE) {
            Ok(text) => text,
            Err(RecvTimeoutError::Timeout) => ": wacht\n\n".into(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if send(&mut out, &text).is_err() {
            return;
        }
    }
}

fn send(out: &mut impl Write, text: &str) -> std::io::Result<()> {
    out.write_all(text.as_bytes())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_use_the_sse_wire_format() {
        assert_eq!(
            Event::reload(3).to_wire(),
            "event: reload\ndata: {\"version\":3}\n\n"
        );
    }

    #[test]
    fn problems_carry_file_line_message_and_hint() {
        let d = Diagnostic::error("content/pages/a.md", "onbekend veld `titel`")
            .at_line(2)
            .hint("bedoelt u `title`?");
        let event = Event::problems(&[d]);
        let value: serde_json::Value = serde_json::from_str(&event.data).unwrap();
        assert_eq!(value[0]["file"], "content/pages/a.md");
        assert_eq!(value[0]["line"], 2);
        assert_eq!(value[0]["hint"], "bedoelt u `title`?");
        assert!(!event.to_wire().contains("\ndata: \n"));
    }

    #[test]
    fn the_number_of_streams_is_bounded_and_slots_free_up() {
        let hub = Hub::default();
        let slots: Vec<Slot> = (0..MAX_CLIENTS).map_while(|_| hub.subscribe()).collect();
        assert_eq!(slots.len(), MAX_CLIENTS);
        assert!(hub.subscribe().is_none());
        drop(slots);
        assert!(hub.subscribe().is_some());
    }

    #[test]
    fn a_broadcast_reaches_every_open_stream_and_forgets_closed_ones() {
        let hub = Hub::default();
        let a = hub.subscribe().unwrap();
        let b = hub.subscribe().unwrap();
        drop(b);
        hub.broadcast(&Event::reload(1));
        assert_eq!(&*a.events.try_recv().unwrap(), Event::reload(1).to_wire());
        assert_eq!(hub.lock().len(), 1);
    }

    #[test]
    fn a_stream_starts_with_headers_and_its_first_events() {
        let hub = Hub::default();
        let slot = hub.subscribe().unwrap();
        drop(hub); // closes the stream after the opening
        let mut out = Vec::new();
        stream(&mut out, slot, &[Event::hello(5)]);
        let text = String::from_utf8(out).unwrap();
        assert!(text.starts_with("HTTP/1.1 200 OK\r\n"), "{text}");
        assert!(text.contains("text/event-stream"));
        assert!(
            text.ends_with("event: hello\ndata: {\"version\":5}\n\n"),
            "{text}"
        );
    }
}
