//! The commands: the command line, `serve`, `check`, `new`, `init` and
//! `theme export`, and how problems are reported in the terminal.

pub(crate) mod check;
pub mod cli;
pub(crate) mod init;
pub(crate) mod report;
pub(crate) mod scaffold;
pub(crate) mod serve;
