//! Small helpers every layer uses; they import nothing else of the crate.

pub mod diagnostics;
pub mod escape;
pub mod money;
pub mod slug;
pub mod yaml_lines;
