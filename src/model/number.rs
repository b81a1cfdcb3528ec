//! The one number reader, used by typing, by the importer and by the CLI.
//!
//! It accepts what people type and what published reports contain:
//! full-width digits, thousands separators, a unit (件/条/次/万元/元),
//! signs, and the usual "no value" marks (blank, /, -, —, 无, 不适用).

use crate::template::ValueKind;

/// Scale of decimal amounts: values are kept in 1/10000 万元 (= 1 元).
pub const DECIMAL_SCALE: i64 = 10_000;

/// What a cell's text means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Value {
    /// Nothing typed.
    Empty,
    /// An explicit "no value" mark: /, -, —, 无, 不适用.
    Missing,
    /// A number. Decimal amounts are in units of 1/[`DECIMAL_SCALE`] 万元.
    Number(i64),
    /// Text that is not an acceptable value; the reason says why.
    Invalid(Reason),
}

/// Why a text is not an acceptable value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Not a number at all.
    NotANumber,
    /// A count below zero.
    Negative,
    /// A fraction where a whole number is required.
    NotInteger,
    /// More than 4 decimal places for an amount in 万元.
    TooPrecise,
    /// Too large to be a real figure.
    TooLarge,
}

impl Value {
    /// The number, if the text holds a valid one.
    pub fn number(self) -> Option<i64> {
        match self {
            Value::Number(n) => Some(n),
            _ => None,
        }
    }

    /// True when the cell holds no usable number (blank, mark or invalid).
    pub fn is_absent(self) -> bool {
        !matches!(self, Value::Number(_))
    }
}

/// Folds full-width ASCII (digits, letters, punctuation) and the ideographic
/// space to their half-width forms.
pub fn fold_width(c: char) -> char {
    match c {
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '\u{3000}' | '\u{00A0}' => ' ',
        _ => c,
    }
}

/// True for the marks that mean "no value" in published tables.
pub fn is_missing_mark(s: &str) -> bool {
    matches!(
        s,
        "/" | "-" | "—" | "——" | "–" | "－" | "／" | "无" | "不适用" | "无此项" | "--" | "×"
    )
}

/// Reads a cell text as a value of `kind`.
///
/// ```
/// use nianbao::model::number::{read, Value, Reason};
/// use nianbao::template::ValueKind;
/// assert_eq!(read("１２", ValueKind::Count), Value::Number(12));
/// assert_eq!(read("1,234件", ValueKind::Count), Value::Number(1234));
/// assert_eq!(read("—", ValueKind::Count), Value::Missing);
/// assert_eq!(read("-3", ValueKind::Count), Value::Invalid(Reason::Negative));
/// assert_eq!(read("-3", ValueKind::Signed), Value::Number(-3));
/// assert_eq!(read("7121.99万元", ValueKind::Decimal), Value::Number(71_219_900));
/// assert_eq!(read("251000元", ValueKind::Decimal), Value::Number(251_000));
/// assert_eq!(read("12345678901234567890", ValueKind::Count), Value::Invalid(Reason::TooLarge));
/// assert_eq!(read("12.34567", ValueKind::Decimal), Value::Invalid(Reason::TooPrecise));
/// assert_eq!(read("3000.5元", ValueKind::Decimal), Value::Invalid(Reason::TooPrecise));
/// assert_eq!(read("1.23456", ValueKind::Count), Value::Invalid(Reason::NotInteger));
/// ```
pub fn read(raw: &str, kind: ValueKind) -> Value {
    // Plain digits, by far the most common cell: no folding needed.
    if !raw.is_empty() && raw.len() <= 12 && raw.bytes().all(|b| b.is_ascii_digit()) {
        let n: i64 = raw.bytes().fold(0, |n, b| n * 10 + i64::from(b - b'0'));
        return Value::Number(match kind {
            ValueKind::Decimal => n * DECIMAL_SCALE,
            ValueKind::Count | ValueKind::Signed => n,
        });
    }
    let folded: String = raw
        .chars()
        .map(fold_width)
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '，')
        .collect();
    if folded.is_empty() {
        return Value::Empty;
    }
    if is_missing_mark(&folded) {
        return Value::Missing;
    }
    let (body, yuan) = strip_unit(&folded);
    let (negative, digits) = match body.as_bytes().first() {
        Some(b'+') => (false, &body[1..]),
        Some(b'-') => (true, &body[1..]),
        _ => (false, body),
    };
    let Some(units) = parse_scaled(digits) else {
        // Digits all the same, only too many of them or of their decimals.
        // "1." stays not a number: it is a list marker.
        let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if all_digits(int) && all_digits(frac) {
            return Value::Invalid(if int.len() > 15 {
                Reason::TooLarge
            } else if kind == ValueKind::Decimal {
                Reason::TooPrecise
            } else {
                Reason::NotInteger
            });
        }
        return Value::Invalid(Reason::NotANumber);
    };
    let Ok(units) = i64::try_from(units) else {
        return Value::Invalid(Reason::TooLarge);
    };
    let signed = if negative { -units } else { units };
    match kind {
        ValueKind::Count | ValueKind::Signed => {
            if signed % DECIMAL_SCALE != 0 || yuan {
                return Value::Invalid(Reason::NotInteger);
            }
            if kind == ValueKind::Count && negative && units != 0 {
                return Value::Invalid(Reason::Negative);
            }
            Value::Number(signed / DECIMAL_SCALE)
        }
        ValueKind::Decimal => {
            if negative && units != 0 {
                return Value::Invalid(Reason::Negative);
            }
            if yuan {
                // 元 → 万元: one 元 is exactly one unit of the scale.
                if signed % DECIMAL_SCALE != 0 {
                    return Value::Invalid(Reason::TooPrecise);
                }
                Value::Number(signed / DECIMAL_SCALE)
            } else {
                Value::Number(signed)
            }
        }
    }
}

/// Strips a trailing unit; returns the body and whether the unit was 元 (not 万元).
fn strip_unit(s: &str) -> (&str, bool) {
    for unit in ["万元", "件", "条", "次", "个", "项", "篇"] {
        if let Some(body) = s.strip_suffix(unit) {
            return (body, false);
        }
    }
    match s.strip_suffix('元') {
        Some(body) => (body, true),
        None => (s, false),
    }
}

/// Parses "123" or "123.45" into units of 1/10000; None if not such a number,
/// or if it has more than 4 decimals.
fn parse_scaled(s: &str) -> Option<u128> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    if int.is_empty() || int.len() > 15 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut units: u128 = int.parse::<u128>().ok()? * DECIMAL_SCALE as u128;
    if let Some(frac) = frac {
        if frac.is_empty() || frac.len() > 4 || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let padded = format!("{frac:0<4}");
        units += padded.parse::<u128>().ok()?;
    }
    Some(units)
}

/// Writes a decimal amount (in 1/10000 万元) the shortest way: 12.5, 0, 316441.
pub fn format_decimal(units: i64) -> String {
    let sign = if units < 0 { "-" } else { "" };
    let abs = units.unsigned_abs();
    let scale = DECIMAL_SCALE.unsigned_abs();
    let (int, frac) = (abs / scale, abs % scale);
    if frac == 0 {
        format!("{sign}{int}")
    } else {
        let f = format!("{frac:04}");
        format!("{sign}{int}.{}", f.trim_end_matches('0'))
    }
}

/// Reads a typed report year: Ok(None) when empty, Err when it is not a
/// year (four digits, full-width too, "年" allowed after it).
///
/// ```
/// use nianbao::model::number::read_year;
/// assert_eq!(read_year("２０２４年"), Ok(Some(2024)));
/// assert_eq!(read_year(" "), Ok(None));
/// assert_eq!(read_year("24"), Err(()));
/// ```
#[allow(clippy::result_unit_err)]
pub fn read_year(typed: &str) -> Result<Option<i32>, ()> {
    let folded: String = typed.chars().map(fold_width).collect();
    let folded = folded.trim().trim_end_matches('年');
    if folded.is_empty() {
        return Ok(None);
    }
    match folded.parse::<i32>() {
        Ok(y) if (1990..=2100).contains(&y) => Ok(Some(y)),
        _ => Err(()),
    }
}

/// Writes a value of `kind` the canonical way.
pub fn format_value(n: i64, kind: ValueKind) -> String {
    match kind {
        ValueKind::Decimal => format_decimal(n),
        ValueKind::Signed if n > 0 => format!("+{n}"),
        _ => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ValueKind::*;

    macro_rules! reads {
        ($($name:ident: $raw:expr, $kind:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() { assert_eq!(read($raw, $kind), $want); }
        )*};
    }

    reads! {
        plain_count: "14", Count => Value::Number(14);
        full_width_digits: "１４", Count => Value::Number(14);
        thousands: "6,240", Count => Value::Number(6240);
        spaces_inside: " 1 2 ", Count => Value::Number(12);
        empty: "  ", Count => Value::Empty;
        slash: "/", Count => Value::Missing;
        em_dash: "—", Count => Value::Missing;
        wu: "无", Count => Value::Missing;
        words: "十四", Count => Value::Invalid(Reason::NotANumber);
        letters: "12a", Count => Value::Invalid(Reason::NotANumber);
        negative_count: "-1", Count => Value::Invalid(Reason::Negative);
        minus_zero: "-0", Count => Value::Number(0);
        fraction_count: "1.5", Count => Value::Invalid(Reason::NotInteger);
        whole_decimal_in_count: "3.0", Count => Value::Number(3);
        signed_plus: "+3", Signed => Value::Number(3);
        signed_minus: "-1", Signed => Value::Number(-1);
        decimal: "12.5", Decimal => Value::Number(125_000);
        decimal_wan: "7121.99万元", Decimal => Value::Number(71_219_900);
        decimal_yuan: "251000元", Decimal => Value::Number(251_000);
        too_precise: "1.23456", Decimal => Value::Invalid(Reason::TooPrecise);
        too_precise_count: "1.23456", Count => Value::Invalid(Reason::NotInteger);
        trailing_dot_is_a_list_marker: "1.", Count => Value::Invalid(Reason::NotANumber);
        huge: "99999999999999999999", Count => Value::Invalid(Reason::TooLarge);
        with_unit: "17件", Count => Value::Number(17);
    }

    #[test]
    fn decimals_print_shortest() {
        assert_eq!(format_decimal(125_000), "12.5");
        assert_eq!(format_decimal(0), "0");
        assert_eq!(format_decimal(71_219_900), "7121.99");
        assert_eq!(format_decimal(1), "0.0001");
    }
}
