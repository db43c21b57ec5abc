//! wijksite: a static-site generator for Dutch neighbourhood (wijk) websites.
//!
//! Data flows one way: load → validate → model → render → write. The
//! layers, lowest first, each importing only itself and those below it
//! (docs/architecture.md; tests/architecture.rs guards it):
//!
//! - [`util`]: diagnostics, escaping, slugs, money, YAML line lookups;
//! - [`formats`]: pure writers (iCalendar, SVG charts, QR codes, HTML
//!   rewriting);
//! - [`content`]: discovering, reading and parsing what editors write,
//!   the site configuration and the table of content folders;
//! - [`model`]: the site as data: pages, meetings, newsletter, wijkplan,
//!   projects;
//! - [`theme`]: templates, typed UI strings, the page job and output files;
//! - [`sections`]: the `Section` trait and each section's pages and files;
//! - [`build`]: rendering, the build pipeline, incremental rebuilds and the
//!   safe writer;
//! - [`cmd`]: the command line, `serve`, `check`, `new` and reporting.

pub mod build;
pub mod cmd;
pub mod content;
pub mod formats;
pub mod model;
pub mod sections;
pub mod theme;
pub mod util;
