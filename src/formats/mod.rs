//! Pure writers of file formats: iCalendar, SVG bar charts, QR codes and
//! HTML rewriting. They know nothing of the site.

pub(crate) mod chart;
pub(crate) mod html_rewrite;
pub mod ical;
pub(crate) mod qr;
