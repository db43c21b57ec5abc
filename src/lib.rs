//! wijksite: a static-site generator for Dutch neighbourhood (wijk) websites.
//!
//! Data flows one way: load → validate → model → render → write.

pub mod chart;
pub mod diagnostics;
pub mod money;
pub mod qr;
