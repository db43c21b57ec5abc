//! iCalendar text: escaping then folding any text gives lines of at most
//! 75 octets, CRLF-terminated, that unfold back to the escaped text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use wijksite::formats::ical;

fuzz_target!(|text: &str| {
    let line = format!("DESCRIPTION:{}", ical::escape_text(text));
    let mut folded = String::new();
    ical::fold_line(&line, &mut folded);
    assert!(folded.ends_with("\r\n"));
    for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
        assert!(physical.len() <= 75, "line of {} octets", physical.len());
        assert!(!physical.contains('\n') && !physical.contains('\r'));
    }
    let unfolded = folded.trim_end_matches("\r\n").replace("\r\n ", "");
    assert_eq!(unfolded, line);
});
