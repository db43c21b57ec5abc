//! The files a build makes: a path in the output and its contents. Sections
//! make them, the renderer collects them, and a sink (memory or disk) keeps
//! or writes them.

use std::path::PathBuf;

/// The contents of one output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Data {
    Bytes(Vec<u8>),
    /// Copied from a source file (static files are not read into memory).
    Copy(PathBuf),
    /// A static file of the theme built into the binary, copied as it is.
    BuiltIn(&'static [u8]),
    /// Already written to the output by a [`Sink`] while rendering.
    Written,
}

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Relative to the output root, with `/`: `meedoen/index.html`.
    pub path: String,
    pub data: Data,
}

impl OutputFile {
    pub fn bytes(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            data: Data::Bytes(bytes.into()),
        }
    }

    /// The HTML file for a site path: `/meedoen/` → `meedoen/index.html`.
    pub fn page(site_path: &str, html: String) -> Self {
        OutputFile::bytes(crate::model::pages::page_file(site_path), html)
    }
}
