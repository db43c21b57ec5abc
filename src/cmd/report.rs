//! Printing problems and warnings to the terminal, the same way for every
//! command (build, check, serve).

use crate::util::diagnostics::Diagnostic;

/// Prints every problem, then a count.
pub fn print_problems(problems: &[Diagnostic]) {
    for problem in problems {
        eprintln!("{problem}");
    }
    let errors = problems.iter().filter(|d| d.is_error()).count();
    let word = if errors == 1 { "fout" } else { "fouten" };
    eprintln!("\n{errors} {word} gevonden.");
}

pub fn print_warnings(warnings: &[Diagnostic]) {
    for warning in warnings {
        eprintln!("{warning}");
    }
}
