//! wijksite: a static-site generator for Dutch neighbourhood (wijk) websites.
//!
//! Data flows one way: load → validate → model → render → write.

pub mod calendar;
pub mod chart;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod dates;
pub mod diagnostics;
pub mod email;
pub mod escape;
pub mod feeds;
pub mod folders;
pub mod fragments;
pub mod html_rewrite;
pub mod ical;
pub mod incremental;
pub mod markdown;
pub mod meeting_pages;
pub mod meetings;
pub mod model;
pub mod money;
pub mod newsletter;
pub mod newsletter_pages;
pub mod open_data;
pub mod output;
pub mod output_file;
pub mod pages;
pub mod pipeline;
pub mod projects;
pub mod projects_pages;
pub mod qr;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod section_inputs;
pub mod sections;
pub mod serve;
pub mod slug;
pub mod source;
pub mod theme;
pub mod ui_strings;
pub mod wijkplan;
pub mod wijkplan_pages;
pub mod yaml_lines;
