//! Small helpers every layer uses; they import nothing else of the crate.

pub(crate) mod colour;
pub(crate) mod diagnostics;
pub(crate) mod escape;
pub(crate) mod money;
pub(crate) mod slug;
pub(crate) mod suggest;
pub(crate) mod yaml_lines;
