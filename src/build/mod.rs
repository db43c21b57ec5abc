//! Building the site: rendering the model with the theme, the pipeline
//! from content to files, the photos (resized, cleaned, cached), the
//! search index, incremental rebuilds for `serve`, and writing the output
//! safely.

pub(crate) mod images;
pub mod incremental;
pub(crate) mod output;
pub mod pipeline;
pub(crate) mod remove;
pub(crate) mod render;
pub mod search;
