//! Pure writers of file formats: iCalendar, SVG bar charts, QR codes,
//! HTML rewriting, images (resized, re-encoded without metadata) and the
//! site-search index. They know nothing of the site.

pub(crate) mod chart;
pub(crate) mod html_rewrite;
pub mod ical;
pub mod image;
pub(crate) mod qr;
pub(crate) mod search_index;
