//! Values that remember where they were written.
//!
//! [`Sp<T>`] wraps `toml::Spanned<T>` and shifts its span into the global range of the file
//! being parsed (see [`crate::source`]), so a merged ruleset can point into any file of its
//! `extends` chain. [`RawValue`] is a TOML/JSON value whose every node is spanned; it carries
//! the shapes serde cannot keep spans through (conditions, example attributes).
//!
//! Inside [`without_spans`](crate::source) (JSON, which records no positions) an [`Sp<T>`]
//! reads the plain `T` and gets the span [`NOWHERE`].

use std::fmt;
use std::ops::Range;

use chrono::NaiveDate;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::source::NOWHERE;
#[cfg(feature = "spans")]
use crate::source::span_base;

/// A value with its global span.
#[derive(Clone)]
pub struct Sp<T> {
    /// The value as written.
    pub value: T,
    /// Its global span (see [`crate::source`]).
    pub span: Range<usize>,
}

impl<T> Sp<T> {
    /// A value with the span it was written at.
    pub fn new(value: T, span: Range<usize>) -> Self {
        Self { value, span }
    }
}

impl<T: fmt::Debug> fmt::Debug for Sp<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.value.fmt(f)
    }
}

// Equality and order ignore the span: two `Sp`s are the same value written in two places.
impl<T: PartialEq> PartialEq for Sp<T> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}
impl<T: Eq> Eq for Sp<T> {}
impl<T: PartialOrd> PartialOrd for Sp<T> {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.value.partial_cmp(&other.value)
    }
}
impl<T: Ord> Ord for Sp<T> {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.value.cmp(&other.value)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Sp<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Reading TOML with spans on (`source::with_span_base`): the value's place in the file.
        #[cfg(feature = "spans")]
        if let Some(base) = span_base() {
            let spanned = toml::Spanned::<T>::deserialize(deserializer)?;
            let span = spanned.span();
            return Ok(Sp {
                span: span.start + base..span.end + base,
                value: spanned.into_inner(),
            });
        }
        Ok(Sp {
            value: T::deserialize(deserializer)?,
            span: NOWHERE,
        })
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

/// A spanned TOML value.
#[derive(Debug, Clone, PartialEq)]
pub enum RawValue {
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// A number with a fraction or exponent.
    Float(f64),
    /// A string.
    String(String),
    /// A local date (`2026-03-02`).
    Date(NaiveDate),
    /// An array, each element spanned.
    Array(Vec<Sp<RawValue>>),
    /// A table: its keys and values in the order written, each spanned.
    Table(Vec<(Sp<String>, Sp<RawValue>)>),
}

impl RawValue {
    /// What kind of value this is, for "expected …, found …" messages.
    pub fn kind(&self) -> &'static str {
        match self {
            RawValue::Bool(_) => "a boolean",
            RawValue::Integer(_) => "an integer",
            RawValue::Float(_) => "a number",
            RawValue::String(_) => "a string",
            RawValue::Date(_) => "a date",
            RawValue::Array(_) => "an array",
            RawValue::Table(_) => "a table",
        }
    }

    /// The value as a number, for integers and floats.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            RawValue::Integer(i) => Some(*i as f64),
            RawValue::Float(f) => Some(*f),
            _ => None,
        }
    }
}

impl<'de> Deserialize<'de> for RawValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawValueVisitor)
    }
}

struct RawValueVisitor;

impl<'de> Visitor<'de> for RawValueVisitor {
    type Value = RawValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<RawValue, E> {
        Ok(RawValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<RawValue, E> {
        Ok(RawValue::Integer(v))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValue, E> {
        i64::try_from(v)
            .map(RawValue::Integer)
            .map_err(|_| E::custom("integer too large"))
    }
    fn visit_f64<E>(self, v: f64) -> Result<RawValue, E> {
        Ok(RawValue::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<RawValue, E> {
        Ok(RawValue::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<RawValue, E> {
        Ok(RawValue::String(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<RawValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Sp<RawValue>>()? {
            items.push(item);
        }
        Ok(RawValue::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValue, A::Error> {
        let mut entries = Vec::new();
        let mut first = true;
        while let Some(key) = map.next_key::<Sp<String>>()? {
            // TOML dates arrive as a one-entry map with a private key.
            if first && key.value == TOML_DATETIME_FIELD {
                let text: String = map.next_value()?;
                return parse_date(&text)
                    .map(RawValue::Date)
                    .map_err(de::Error::custom);
            }
            first = false;
            entries.push((key, map.next_value::<Sp<RawValue>>()?));
        }
        Ok(RawValue::Table(entries))
    }
}

/// The private key under which the `toml` deserializer hands out a datetime (see
/// `toml_datetime::__unstable::FIELD`); checked by the tests of this module.
const TOML_DATETIME_FIELD: &str = "$__toml_private_datetime";

fn parse_date(text: &str) -> Result<NaiveDate, String> {
    iso_date(text)
        .ok_or_else(|| format!("expected a date like 2026-03-02 (no time), found `{text}`"))
}

/// Reading dates written `YYYY-MM-DD` with [`iso_date`] in derived `Deserialize` impls (the
/// precompiled built-ins), so that chrono's general parser stays out of the web planner.
#[cfg(feature = "precompiled")]
pub(crate) mod iso_date_serde {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, de::Error};

    fn read<E: Error>(text: &str) -> Result<NaiveDate, E> {
        super::iso_date(text)
            .ok_or_else(|| E::custom(format!("`{text}` is not a date (YYYY-MM-DD)")))
    }

    pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        read(&String::deserialize(d)?)
    }

    pub fn optional<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|t| read(&t))
            .transpose()
    }
}

/// A date written `YYYY-MM-DD` exactly (four-digit year, two-digit month and day), as project
/// and ruleset files and the web page write them. Read by hand rather than by chrono's
/// `FromStr`, whose general parser (every ISO 8601 and RFC 2822 spelling) would cost the web
/// page's planner module some 2 KB gzip for the one form it reads.
pub fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |from: usize, to: usize| {
        (b[from..to].iter()).try_fold(0u32, |n, &c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0, 4)?).ok()?,
        number(5, 7)?,
        number(8, 10)?,
    )
}

/// A calendar date written either as a TOML date (`2026-03-02`) or a string (`"2026-03-02"`,
/// the JSON form of project files).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date(pub NaiveDate);

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct DateVisitor;
        impl<'de> Visitor<'de> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date like 2026-03-02")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                parse_date(v).map(Date).map_err(E::custom)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Date, A::Error> {
                let Some(key) = map.next_key::<String>()? else {
                    return Err(de::Error::custom("expected a date, found a table"));
                };
                if key != TOML_DATETIME_FIELD {
                    return Err(de::Error::custom("expected a date, found a table"));
                }
                let text: String = map.next_value()?;
                self.visit_str(&text)
            }
        }
        deserializer.deserialize_any(DateVisitor)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Date {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Date".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A calendar date, YYYY-MM-DD (a TOML local date or a string).",
            "type": "string",
            "format": "date"
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for RawValue {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Value".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A TOML value (checked against the attribute schema when the ruleset loads)."
        })
    }
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate};

    #[test]
    fn iso_dates_read_as_chrono_reads_them_and_nothing_else() {
        // Every day of 1990–2100, against chrono's own parser.
        let mut d = NaiveDate::from_ymd_opt(1990, 1, 1).unwrap();
        while d.year() <= 2100 {
            let text = d.format("%Y-%m-%d").to_string();
            assert_eq!(
                super::iso_date(&text),
                text.parse::<NaiveDate>().ok(),
                "{text}"
            );
            d += chrono::Duration::days(1);
        }
        for bad in [
            "2026-02-29",
            "2026-13-01",
            "2026-3-2",
            "20260302",
            " 2026-03-02",
            "2026-03-02 ",
            "2026/03/02",
            "+2026-03-02",
            "2026-03-0x",
            "",
            "２０２６-03-02",
        ] {
            assert_eq!(super::iso_date(bad), None, "{bad:?}");
        }
    }
}
