//! Exact euro amounts for subsidy rounds and budgets.
//!
//! Amounts are whole cents in an `i64`; no floating point is used anywhere,
//! so 0,10 + 0,20 is exactly 0,30 and totals on the site add up to the cent.
//!
//! Amounts enter the program in two ways:
//!
//! * [`parse`] reads the text an editor typed: `2500`, `2500.5`, `2500,50`,
//!   `€ 2500,50`, `2500,-`, with an optional minus sign so the validator can
//!   report "negatief bedrag" instead of a syntax error.
//! * [`from_yaml`] reads a value from a parsed YAML document, where
//!   `requested: 2500.5` is a number and `requested: "2500,50"` a string.
//!
//! Amounts leave the program as [`Euros::format_nl`] (`€ 1.250,00`, for the
//! site) or [`Euros::format_plain`] (`1250.00`, for CSV and JSON).
//!
//! # Limits
//!
//! Parsing accepts at most 12 digits before the comma and 2 after it, that
//! is at most [`Euros::MAX_PARSED`] (€ 999.999.999.999,99) either way. That
//! is far beyond any neighbourhood budget, keeps every sum of up to 92 000
//! parsed amounts inside an `i64`, and makes YAML numbers exact (below).
//!
//! # YAML numbers
//!
//! The YAML parser turns a plain number such as `1200.35` into an `f64`
//! before this module sees it. [`from_yaml`] does no arithmetic on that
//! `f64`: it takes its shortest round-trip text (`1200.35`, `0.1`) and parses
//! that text exactly like editor input. Every decimal number with at most 15
//! significant digits survives the trip through `f64` and comes back as the
//! same number, and every amount accepted here has at most 14, so whatever an
//! editor wrote within the limits is read exactly.
//!
//! The trade-off: [`from_yaml`] sees the number's value, not the characters
//! the editor typed. Two cases follow from that, and both are tested:
//!
//! * A number with more than 15 significant digits is rounded by the YAML
//!   parser, and the rounded value is what gets checked: `0.10000000000000001`
//!   is read as € 0,10, while the string `"0.10000000000000001"` is rejected
//!   for having too many decimals. We accept the rounded value rather than
//!   reject it, because it cannot be told apart from `0.1` once parsed, and
//!   it is always within a small fraction of a cent of what was typed.
//! * Trailing zeros are gone: `1.250` (meant as "twelve hundred and fifty")
//!   is the YAML number 1.25 and reads as € 1,25. The string `"1.250"` is
//!   rejected. A loader that wants to catch this must look at the source
//!   text itself.
//!
//! Floats beyond 1e16 print with an exponent and are rejected as too large,
//! those below 1e-5 as having too many decimals; NaN and infinity are not
//! amounts. (Integers beyond 64 bits never get here: the YAML parser itself
//! refuses them.)

use std::fmt;
use std::iter::Sum;

/// An exact amount of money in euro cents. Negative amounts exist so that
/// they can be reported, and for differences such as "budget left".
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Euros(i64 /* cents */);

impl Euros {
    /// The largest magnitude that [`parse`] and [`from_yaml`] accept:
    /// € 999.999.999.999,99 (12 digits before the comma).
    pub const MAX_PARSED: Euros = Euros(99_999_999_999_999);

    /// The amount of `cents` euro cents.
    pub const fn from_cents(cents: i64) -> Euros {
        Euros(cents)
    }

    /// The amount in euro cents.
    pub const fn cents(self) -> i64 {
        self.0
    }

    /// € 0,00.
    pub const fn zero() -> Euros {
        Euros(0)
    }

    /// Whether the amount is below zero.
    pub const fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// `self + other`, or `None` when the sum does not fit.
    pub const fn checked_add(self, other: Euros) -> Option<Euros> {
        match self.0.checked_add(other.0) {
            Some(cents) => Some(Euros(cents)),
            None => None,
        }
    }

    /// `self - other`, or `None` when the difference does not fit.
    pub const fn checked_sub(self, other: Euros) -> Option<Euros> {
        match self.0.checked_sub(other.0) {
            Some(cents) => Some(Euros(cents)),
            None => None,
        }
    }

    /// The sum of all amounts, or `None` when it does not fit.
    /// (The [`Sum`] impl panics instead.)
    pub fn checked_sum<I: IntoIterator<Item = Euros>>(amounts: I) -> Option<Euros> {
        amounts
            .into_iter()
            .try_fold(Euros::zero(), |total, amount| total.checked_add(amount))
    }

    /// The Dutch form for the site: `€ 1.250,00`, `€ -1.250,00`.
    ///
    /// A non-breaking space (U+00A0) joins `€` to the number so a line never
    /// breaks between them. A negative amount puts the minus sign right
    /// before the digits (`€ -12,50`), the form Dutch spreadsheets use; the
    /// euro signs of a column then stay aligned.
    pub fn format_nl(self) -> String {
        let euros = group_thousands(self.0.unsigned_abs() / 100);
        let cents = self.0.unsigned_abs() % 100;
        let sign = if self.is_negative() { "-" } else { "" };
        format!("€\u{a0}{sign}{euros},{cents:02}")
    }

    /// The machine form for CSV and JSON: `1250.00`, `-1250.00`. No currency
    /// sign, no grouping, always two decimals, `.` as decimal separator.
    pub fn format_plain(self) -> String {
        let euros = self.0.unsigned_abs() / 100;
        let cents = self.0.unsigned_abs() % 100;
        let sign = if self.is_negative() { "-" } else { "" };
        format!("{sign}{euros}.{cents:02}")
    }
}

/// Writes [`Euros::format_nl`].
impl fmt::Display for Euros {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.format_nl())
    }
}

/// Adds up amounts. Panics when the total does not fit in an `i64` of cents,
/// which needs more than 92 000 amounts of the largest size [`parse`]
/// accepts; use [`Euros::checked_sum`] where that must be handled.
impl Sum for Euros {
    fn sum<I: Iterator<Item = Euros>>(amounts: I) -> Euros {
        Euros::checked_sum(amounts).expect("sum of euro amounts overflows i64 cents")
    }
}

impl<'a> Sum<&'a Euros> for Euros {
    fn sum<I: Iterator<Item = &'a Euros>>(amounts: I) -> Euros {
        amounts.copied().sum()
    }
}

/// `1234567` → `1.234.567`.
fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(digit);
    }
    out
}

/// Why a text or YAML value is not an amount. `Display` is the Dutch message
/// for the editor; [`MoneyError::hint`] says what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MoneyError {
    /// Nothing, or only spaces / a euro sign, was written.
    Empty,
    /// Not a number at all (`"veel"`, `12 euro`, `.nan`, `true`).
    NotAnAmount { text: String },
    /// A list or mapping where one amount belongs; `found` is its Dutch name.
    WrongKind { found: &'static str },
    /// `1.250,50`, `1 250`, `1'250`: digits grouped in thousands.
    ThousandsSeparator { text: String },
    /// More than two digits after the decimal separator.
    TooManyDecimals { text: String },
    /// More than [`Euros::MAX_PARSED`] either way.
    TooLarge { text: String },
}

impl MoneyError {
    /// What to write instead, in Dutch.
    pub fn hint(&self) -> &'static str {
        match self {
            MoneyError::Empty | MoneyError::NotAnAmount { .. } | MoneyError::WrongKind { .. } => {
                "schrijf bedragen als 1250 of 1250,50"
            }
            MoneyError::ThousandsSeparator { .. } => {
                "schrijf bedragen zonder punt of spatie tussen de duizendtallen: 1250,50 in plaats van 1.250,50"
            }
            MoneyError::TooManyDecimals { .. } => {
                "schrijf hoogstens twee cijfers achter de komma, bijvoorbeeld 1250,50; bedoelt u duizendtallen, schrijf dan 1250 in plaats van 1.250"
            }
            MoneyError::TooLarge { .. } => {
                "controleer het aantal cijfers: een bedrag heeft hoogstens twaalf cijfers voor de komma"
            }
        }
    }
}

impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MoneyError::Empty => write!(f, "er staat geen bedrag"),
            MoneyError::NotAnAmount { text } => write!(f, "‘{text}’ is geen bedrag"),
            MoneyError::WrongKind { found } => {
                write!(f, "hier hoort één bedrag te staan, maar er staat {found}")
            }
            MoneyError::ThousandsSeparator { text } => {
                write!(f, "‘{text}’ bevat een scheidingsteken voor duizendtallen")
            }
            MoneyError::TooManyDecimals { text } => {
                write!(f, "‘{text}’ heeft meer dan twee cijfers achter de komma")
            }
            MoneyError::TooLarge { text } => write!(
                f,
                "‘{text}’ is te groot: het grootste bedrag is {}",
                Euros::MAX_PARSED
            ),
        }
    }
}

impl std::error::Error for MoneyError {}

/// Reads an amount as an editor writes it.
///
/// Accepted: digits, optionally followed by `.` or `,` and one or two digits,
/// or by `,-` for whole euros (`25,-`). Before the digits may come spaces, a
/// `€`, and a minus sign, in the orders `-€ 12`, `€ -12` and `-12`. Leading
/// zeros are allowed (`007`).
///
/// Rejected: empty text, grouped thousands (`1.250,50`, `1 250`), more than
/// two decimals (`12,345`, also `1.250` which is ambiguous), anything else
/// (`12 euro`, `+12`, `,50`, `1e3`), and more than 12 digits before the comma.
pub fn parse(text: &str) -> Result<Euros, MoneyError> {
    let not_an_amount = || MoneyError::NotAnAmount {
        text: text.trim().to_string(),
    };

    let (negative, number) = strip_prefix(text);
    if number.is_empty() {
        return Err(if text.trim().is_empty() || !negative {
            MoneyError::Empty
        } else {
            not_an_amount()
        });
    }

    // Split into runs of digits and the characters between them.
    let mut groups: Vec<&str> = Vec::new();
    let mut separators: Vec<char> = Vec::new();
    let mut rest = number;
    loop {
        let end = rest
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(rest.len());
        groups.push(&rest[..end]);
        rest = &rest[end..];
        let Some(sep) = rest.chars().next() else {
            break;
        };
        separators.push(sep);
        rest = &rest[sep.len_utf8()..];
    }

    let integer = groups[0];
    if integer.is_empty() {
        return Err(not_an_amount());
    }
    let fraction = match (separators.as_slice(), groups.as_slice()) {
        ([], _) => "",
        (['.' | ','], [_, fraction]) if !fraction.is_empty() => fraction,
        // `25,-`: the Dutch way to write whole euros.
        (['.' | ',', '-'], [_, "", ""]) => "",
        _ => {
            return Err(if looks_grouped(&groups, &separators) {
                MoneyError::ThousandsSeparator {
                    text: text.trim().to_string(),
                }
            } else {
                not_an_amount()
            });
        }
    };
    if fraction.len() > 2 {
        return Err(MoneyError::TooManyDecimals {
            text: text.trim().to_string(),
        });
    }

    let integer = integer.trim_start_matches('0');
    if integer.len() > 12 {
        return Err(MoneyError::TooLarge {
            text: text.trim().to_string(),
        });
    }
    let euros: i64 = if integer.is_empty() {
        0
    } else {
        integer.parse().expect("at most 12 ASCII digits")
    };
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().expect("one ASCII digit") * 10,
        _ => fraction.parse().expect("two ASCII digits"),
    };
    let magnitude = euros * 100 + cents;
    Ok(Euros(if negative { -magnitude } else { magnitude }))
}

/// Strips spaces, `€` and a minus sign before the digits, and spaces after
/// them. Returns whether a minus sign was found.
fn strip_prefix(text: &str) -> (bool, &str) {
    let mut rest = text.trim();
    let mut negative = false;
    if let Some(r) = rest.strip_prefix('-') {
        negative = true;
        rest = r.trim_start();
    }
    if let Some(r) = rest.strip_prefix('€') {
        rest = r.trim_start();
        if !negative && let Some(r) = rest.strip_prefix('-') {
            negative = true;
            rest = r;
        }
    }
    (negative, rest)
}

/// Whether digit `groups` split at `separators` look like a number written
/// with grouped thousands: `1.250`, `1 250 000`, `1.250,50`, `1,250.50`.
fn looks_grouped(groups: &[&str], separators: &[char]) -> bool {
    if !separators.iter().all(|&c| is_group_separator(c)) || !(1..=3).contains(&groups[0].len()) {
        return false;
    }
    // A final `,50` after `.`-grouping (or `.50` after `,`) is the decimal part.
    let last = separators.len() - 1;
    let has_decimals =
        last > 0 && matches!(separators[last], '.' | ',') && separators[last] != separators[0];
    let thousands = &groups[1..groups.len() - usize::from(has_decimals)];
    thousands.iter().all(|g| g.len() == 3) && (!has_decimals || !groups[last + 1].is_empty())
}

/// Characters people put between groups of three digits.
fn is_group_separator(c: char) -> bool {
    matches!(c, '.' | ',' | '\'' | '’' | '_') || c.is_whitespace()
}

/// Reads an amount from a parsed YAML value: a number (`2500`, `2500.5`) or a
/// string (`"2500,50"`), each parsed exactly as text, never through `f64`
/// arithmetic; see the module documentation for what that implies.
///
/// `null` (an empty value) is [`MoneyError::Empty`]; NaN, infinity, booleans
/// and tagged values are not amounts; lists and mappings are the wrong kind.
pub fn from_yaml(value: &serde_yaml::Value) -> Result<Euros, MoneyError> {
    use serde_yaml::Value;
    match value {
        Value::Null => Err(MoneyError::Empty),
        Value::String(text) => parse(text),
        Value::Number(number) => {
            // Integers print as themselves; floats as their shortest
            // round-trip form (ryu), which uses an exponent outside 1e-5..1e16,
            // and `.nan` / `.inf` / `-.inf` for the rest.
            let text = number.to_string();
            if !number.is_f64() || !text.contains(['e', 'n']) {
                return parse(&text);
            }
            if number.as_f64().is_some_and(f64::is_finite) {
                if text.contains("e-") {
                    Err(MoneyError::TooManyDecimals { text })
                } else {
                    Err(MoneyError::TooLarge { text })
                }
            } else {
                Err(MoneyError::NotAnAmount { text })
            }
        }
        Value::Bool(b) => Err(MoneyError::NotAnAmount {
            text: b.to_string(),
        }),
        Value::Sequence(_) => Err(MoneyError::WrongKind { found: "een lijst" }),
        Value::Mapping(_) => Err(MoneyError::WrongKind {
            found: "een lijst met namen en waarden",
        }),
        Value::Tagged(tagged) => Err(MoneyError::NotAnAmount {
            text: tagged.tag.to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn eur(text: &str) -> Euros {
        parse(text).unwrap_or_else(|e| panic!("{text:?} should parse, got {e}"))
    }

    fn yaml(source: &str) -> Result<Euros, MoneyError> {
        let value: serde_yaml::Value = serde_yaml::from_str(source).expect("valid YAML");
        from_yaml(&value)
    }

    // --- arithmetic -------------------------------------------------------

    #[test]
    fn hints_address_the_editor_as_u_like_every_other_message() {
        for text in ["10.001", "1.250,50", "veel", "9999999999999"] {
            let hint = parse(text).unwrap_err().hint();
            assert!(!hint.contains(" je "), "{text}: {hint}");
        }
        assert!(parse("10.001").unwrap_err().hint().contains("bedoelt u"));
    }

    #[test]
    fn ten_cents_plus_twenty_cents_is_exactly_thirty_cents() {
        assert_eq!(eur("0.10").checked_add(eur("0.20")), Some(eur("0.30")));
        assert_eq!(
            [eur("0,10"), eur("0,20")].iter().sum::<Euros>(),
            eur("0,30")
        );
    }

    #[test]
    fn one_cent_ten_thousand_times_is_exactly_one_hundred_euros() {
        let total: Euros = std::iter::repeat_n(Euros::from_cents(1), 10_000).sum();
        assert_eq!(total, eur("100.00"));
        assert_eq!(total.format_nl(), "€\u{a0}100,00");
    }

    #[test]
    fn sums_that_do_not_fit_are_none_when_checked() {
        let max = Euros::from_cents(i64::MAX);
        assert_eq!(max.checked_add(Euros::from_cents(1)), None);
        assert_eq!(
            Euros::from_cents(i64::MIN).checked_sub(Euros::from_cents(1)),
            None
        );
        assert_eq!(Euros::checked_sum([max, Euros::from_cents(1)]), None);
        assert_eq!(Euros::checked_sum([]), Some(Euros::zero()));
    }

    #[test]
    #[should_panic(expected = "overflows")]
    fn an_unchecked_sum_that_does_not_fit_panics_rather_than_wraps() {
        let _: Euros = [Euros::from_cents(i64::MAX), Euros::from_cents(1)]
            .into_iter()
            .sum();
    }

    #[test]
    fn ninety_two_thousand_of_the_largest_parsed_amounts_still_add_up() {
        let total = Euros::checked_sum(std::iter::repeat_n(Euros::MAX_PARSED, 92_000));
        assert_eq!(total, Some(Euros::from_cents(99_999_999_999_999 * 92_000)));
    }

    #[test]
    fn the_basic_accessors_say_what_they_mean() {
        assert_eq!(Euros::zero(), Euros::default());
        assert_eq!(Euros::from_cents(-5).cents(), -5);
        assert!(Euros::from_cents(-1).is_negative());
        assert!(!Euros::zero().is_negative());
        assert!(eur("2,50") < eur("10"));
    }

    // --- parsing editor input ---------------------------------------------

    #[test]
    fn whole_euros_and_one_or_two_decimals_with_dot_or_comma_are_accepted() {
        assert_eq!(eur("2500"), Euros::from_cents(250_000));
        assert_eq!(eur("2500.5"), Euros::from_cents(250_050));
        assert_eq!(eur("2500.50"), Euros::from_cents(250_050));
        assert_eq!(eur("2500,50"), Euros::from_cents(250_050));
        assert_eq!(eur("2500,05"), Euros::from_cents(250_005));
        assert_eq!(eur("0"), Euros::zero());
        assert_eq!(eur("0,01"), Euros::from_cents(1));
        assert_eq!(eur("007"), Euros::from_cents(700));
    }

    #[test]
    fn a_euro_sign_and_spaces_before_the_number_are_allowed() {
        assert_eq!(eur("€2500"), eur("2500"));
        assert_eq!(eur("€ 2500,50"), eur("2500.50"));
        assert_eq!(eur("  € \u{a0}2500 "), eur("2500"));
        assert_eq!(eur("\u{a0}€\u{a0}12,50"), eur("12.50"));
    }

    #[test]
    fn the_dutch_whole_euro_dash_is_allowed() {
        assert_eq!(eur("25,-"), eur("25"));
        assert_eq!(eur("€ 25,-"), eur("25"));
    }

    #[test]
    fn a_minus_sign_gives_a_negative_amount_for_the_validator_to_report() {
        assert_eq!(eur("-12,50"), Euros::from_cents(-1250));
        assert_eq!(eur("-€ 12,50"), Euros::from_cents(-1250));
        assert_eq!(eur("€ -12,50"), Euros::from_cents(-1250));
        assert_eq!(eur("€-12,50"), Euros::from_cents(-1250));
        assert!(eur("-0,01").is_negative());
        assert_eq!(eur("-0"), Euros::zero());
    }

    #[test]
    fn nothing_at_all_is_empty() {
        assert_eq!(parse(""), Err(MoneyError::Empty));
        assert_eq!(parse("   "), Err(MoneyError::Empty));
        assert_eq!(parse("€"), Err(MoneyError::Empty));
        assert_eq!(
            parse("-"),
            Err(MoneyError::NotAnAmount { text: "-".into() })
        );
    }

    #[test]
    fn more_than_two_decimals_are_rejected() {
        for text in ["12,345", "0.001", "2500.500", "1.250"] {
            assert_eq!(
                parse(text),
                Err(MoneyError::TooManyDecimals { text: text.into() }),
                "{text}"
            );
        }
    }

    #[test]
    fn grouped_thousands_are_rejected_with_their_own_message() {
        for text in [
            "1.250,50",
            "1,250.50",
            "1.250.000",
            "1 250",
            "1\u{a0}250,00",
            "1'250",
            "1_250",
            "€ 1.250,00",
        ] {
            assert_eq!(
                parse(text),
                Err(MoneyError::ThousandsSeparator { text: text.into() }),
                "{text}"
            );
        }
    }

    #[test]
    fn anything_else_is_not_an_amount() {
        for text in [
            "veel",
            "12 euro",
            "2500 €",
            "EUR 12",
            "+12",
            ",50",
            "12.",
            "12,",
            "1e3",
            "12,5a",
            "--12",
            "- -12",
            "12-",
            "1..2",
            "0x10",
            "½",
            "1 2",
            "1.250,",
            "12345.678,50",
        ] {
            assert_eq!(
                parse(text),
                Err(MoneyError::NotAnAmount { text: text.into() }),
                "{text}"
            );
        }
    }

    #[test]
    fn more_than_twelve_digits_before_the_comma_is_too_large() {
        assert_eq!(eur("999999999999,99"), Euros::MAX_PARSED);
        assert_eq!(eur("-999999999999,99").cents(), -Euros::MAX_PARSED.cents());
        assert_eq!(
            eur("0000999999999999"),
            Euros::from_cents(99_999_999_999_900)
        );
        for text in [
            "1000000000000",
            "99999999999999999999999999",
            "-1000000000000,00",
        ] {
            assert_eq!(parse(text), Err(MoneyError::TooLarge { text: text.into() }));
        }
    }

    #[test]
    fn errors_explain_themselves_in_dutch_and_say_what_to_write() {
        let err = parse("1.250,50").unwrap_err();
        assert_eq!(
            err.to_string(),
            "‘1.250,50’ bevat een scheidingsteken voor duizendtallen"
        );
        assert!(err.hint().contains("1250,50"));
        assert_eq!(
            parse("veel").unwrap_err().to_string(),
            "‘veel’ is geen bedrag"
        );
        assert_eq!(
            parse("veel").unwrap_err().hint(),
            "schrijf bedragen als 1250 of 1250,50"
        );
        assert!(
            parse("1.250")
                .unwrap_err()
                .hint()
                .contains("1250 in plaats van 1.250")
        );
        assert_eq!(
            parse("1000000000000").unwrap_err().to_string(),
            "‘1000000000000’ is te groot: het grootste bedrag is €\u{a0}999.999.999.999,99"
        );
    }

    // --- formatting -------------------------------------------------------

    #[test]
    fn the_dutch_form_groups_thousands_with_dots_and_has_a_decimal_comma() {
        assert_eq!(eur("1250").format_nl(), "€\u{a0}1.250,00");
        assert_eq!(eur("1234567.8").to_string(), "€\u{a0}1.234.567,80");
        assert_eq!(eur("999").format_nl(), "€\u{a0}999,00");
        assert_eq!(eur("0.05").format_nl(), "€\u{a0}0,05");
        assert_eq!(Euros::zero().format_nl(), "€\u{a0}0,00");
    }

    #[test]
    fn negative_amounts_put_the_minus_sign_before_the_digits() {
        assert_eq!(eur("-1250").format_nl(), "€\u{a0}-1.250,00");
        assert_eq!(eur("-0,05").format_nl(), "€\u{a0}-0,05");
        assert_eq!(eur("-1250").format_plain(), "-1250.00");
    }

    #[test]
    fn the_plain_form_has_no_sign_no_grouping_and_two_decimals() {
        assert_eq!(eur("1250").format_plain(), "1250.00");
        assert_eq!(eur("0,5").format_plain(), "0.50");
        assert_eq!(Euros::zero().format_plain(), "0.00");
    }

    #[test]
    fn the_extreme_i64_values_format_without_overflow() {
        assert_eq!(
            Euros::from_cents(i64::MIN).format_plain(),
            "-92233720368547758.08"
        );
        assert_eq!(
            Euros::from_cents(i64::MAX).format_nl(),
            "€\u{a0}92.233.720.368.547.758,07"
        );
    }

    #[test]
    fn what_the_site_shows_can_be_pasted_back_once_the_dots_are_removed() {
        let amount = eur("-1234567,89");
        assert_eq!(parse(&amount.format_nl().replace('.', "")), Ok(amount));
        assert_eq!(parse(&amount.format_plain()), Ok(amount));
    }

    // --- YAML -------------------------------------------------------------

    #[test]
    fn yaml_integers_floats_and_strings_are_all_read_exactly() {
        assert_eq!(yaml("2500"), Ok(eur("2500")));
        assert_eq!(yaml("2500.5"), Ok(eur("2500,50")));
        assert_eq!(yaml("1200.35"), Ok(Euros::from_cents(120_035)));
        assert_eq!(yaml("0.1"), Ok(Euros::from_cents(10)));
        assert_eq!(yaml("0.29"), Ok(Euros::from_cents(29)));
        assert_eq!(yaml("2500.0"), Ok(eur("2500")));
        assert_eq!(yaml("'2500,50'"), Ok(eur("2500,50")));
        assert_eq!(yaml("\"2500.50\""), Ok(eur("2500,50")));
        assert_eq!(yaml("-12.5"), Ok(Euros::from_cents(-1250)));
        assert_eq!(yaml("999999999999.99"), Ok(Euros::MAX_PARSED));
    }

    #[test]
    fn yaml_floats_with_too_many_decimals_are_rejected() {
        assert_eq!(
            yaml("0.125"),
            Err(MoneyError::TooManyDecimals {
                text: "0.125".into()
            })
        );
        assert_eq!(
            yaml("0.0000001"),
            Err(MoneyError::TooManyDecimals {
                text: "1e-7".into()
            })
        );
    }

    #[test]
    fn yaml_numbers_beyond_the_limit_are_too_large_even_in_exponent_form() {
        assert!(matches!(
            yaml("1000000000000"),
            Err(MoneyError::TooLarge { .. })
        ));
        assert!(matches!(yaml("1e20"), Err(MoneyError::TooLarge { .. })));
        assert!(matches!(
            yaml("12345678901234567"),
            Err(MoneyError::TooLarge { .. })
        ));
        assert!(matches!(
            yaml("-9223372036854775808"),
            Err(MoneyError::TooLarge { .. })
        ));
        // Integers beyond 64 bits are already refused by the YAML parser.
        assert!(
            serde_yaml::from_str::<serde_yaml::Value>("123456789012345678901234567890").is_err()
        );
        assert!(matches!(yaml("-1e300"), Err(MoneyError::TooLarge { .. })));
    }

    #[test]
    fn yaml_nan_infinity_booleans_and_tags_are_not_amounts() {
        for (source, text) in [
            (".nan", ".nan"),
            (".inf", ".inf"),
            ("-.inf", "-.inf"),
            ("true", "true"),
            ("!euro 12", "!euro"),
        ] {
            assert_eq!(
                yaml(source),
                Err(MoneyError::NotAnAmount { text: text.into() }),
                "{source}"
            );
        }
    }

    #[test]
    fn yaml_empty_values_lists_and_mappings_are_reported_as_such() {
        assert_eq!(yaml("~"), Err(MoneyError::Empty));
        assert_eq!(yaml("''"), Err(MoneyError::Empty));
        assert_eq!(
            yaml("[1, 2]"),
            Err(MoneyError::WrongKind { found: "een lijst" })
        );
        assert!(matches!(yaml("{a: 1}"), Err(MoneyError::WrongKind { .. })));
    }

    #[test]
    fn yaml_strings_go_through_the_same_checks_as_editor_input() {
        assert!(matches!(
            yaml("'1.250,50'"),
            Err(MoneyError::ThousandsSeparator { .. })
        ));
        assert!(matches!(
            yaml("'12 euro'"),
            Err(MoneyError::NotAnAmount { .. })
        ));
    }

    // The two documented blind spots of reading a parsed YAML number: the
    // value is exact, but what the editor typed is no longer there.

    #[test]
    fn a_yaml_number_beyond_fifteen_digits_is_read_as_its_rounded_value() {
        assert_eq!(yaml("0.10000000000000001"), Ok(eur("0,10")));
        assert_eq!(
            yaml("'0.10000000000000001'"),
            Err(MoneyError::TooManyDecimals {
                text: "0.10000000000000001".into()
            })
        );
    }

    #[test]
    fn a_yaml_number_cannot_reveal_a_dot_meant_as_thousands_separator() {
        assert_eq!(yaml("1.250"), Ok(eur("1,25")));
        assert!(matches!(
            yaml("'1.250'"),
            Err(MoneyError::TooManyDecimals { .. })
        ));
    }

    // --- properties -------------------------------------------------------

    const LIMIT: i64 = Euros::MAX_PARSED.cents();

    proptest! {
        #[test]
        fn the_plain_form_parses_back_to_the_same_amount(cents in -LIMIT..=LIMIT) {
            let amount = Euros::from_cents(cents);
            prop_assert_eq!(parse(&amount.format_plain()), Ok(amount));
        }

        #[test]
        fn the_dutch_form_without_dots_parses_back_to_the_same_amount(cents in -LIMIT..=LIMIT) {
            let amount = Euros::from_cents(cents);
            prop_assert_eq!(parse(&amount.format_nl().replace('.', "")), Ok(amount));
        }

        #[test]
        fn the_plain_form_as_a_yaml_number_reads_back_exactly(cents in -LIMIT..=LIMIT) {
            let amount = Euros::from_cents(cents);
            prop_assert_eq!(yaml(&amount.format_plain()), Ok(amount));
        }

        #[test]
        fn parsing_never_panics(text in "\\PC{0,24}") {
            let _ = parse(&text);
        }

        #[test]
        fn anything_parse_accepts_formats_back_to_the_same_amount(
            text in "-?€? ?[0-9]{1,14}([.,][0-9]{1,3})?"
        ) {
            if let Ok(amount) = parse(&text) {
                prop_assert_eq!(parse(&amount.format_plain()), Ok(amount));
                prop_assert!(amount.cents().abs() <= LIMIT);
            }
        }
    }
}
