//! The commands: the command line, `serve`, `check`, `new` and how
//! problems are reported in the terminal.

pub mod check;
pub mod cli;
pub mod report;
pub mod scaffold;
pub mod serve;
