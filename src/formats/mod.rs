//! Pure writers of file formats: iCalendar, SVG bar charts, QR codes and
//! HTML rewriting. They know nothing of the site.

pub mod chart;
pub mod html_rewrite;
pub mod ical;
pub mod qr;
