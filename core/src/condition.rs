//! Structured conditions (`when`): data, not code.
//!
//! A condition is a TOML table. Each key is an attribute test, and all of them must hold:
//! `{ use = "warehouse" }` (equals), `{ use = ["warehouse", "factory"] }` (one of),
//! `{ floor_area = { min = 300, max = 10000 } }` (inclusive range), `{ underground = true }`,
//! `{ type = ["gov-building"] }` (the project type). Combinators `all = [...]`, `any = [...]`
//! and `not = {...}` nest, and `reason` records the policy basis shown in explanations.
//! Conditions are type-checked against the attribute schema when the ruleset loads.

use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::ruleset::model::{AttrIdx, Attribute, AttributeKind, TypeIdx};
use crate::spanned::{RawValue, Sp};
use crate::suggest;

/// A typed attribute value of a project.
///
/// Human-readable formats (JSON) get the bare value: `true`, `300`, `"warehouse"`. Binary
/// formats (the precompiled built-in rulesets, `ruleset::precompiled`) cannot tell
/// those apart by looking, so they get the variant too; `Deserialize` (feature
/// `precompiled`) reads that tagged form only.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub enum Value {
    /// A `bool` attribute value.
    Bool(bool),
    /// A `number` attribute value.
    Number(f64),
    /// Text and enum values.
    Text(String),
}

impl Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match (self, s.is_human_readable()) {
            (Value::Bool(b), true) => s.serialize_bool(*b),
            (Value::Number(n), true) => s.serialize_f64(*n),
            (Value::Text(t), true) => s.serialize_str(t),
            (Value::Bool(b), false) => s.serialize_newtype_variant("Value", 0, "Bool", b),
            (Value::Number(n), false) => s.serialize_newtype_variant("Value", 1, "Number", n),
            (Value::Text(t), false) => s.serialize_newtype_variant("Value", 2, "Text", t),
        }
    }
}

impl std::fmt::Display for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::Text(s) => f.write_str(s),
        }
    }
}

/// A compiled condition (`when`): a test, type-checked against the attribute schema, and the
/// policy basis it records.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
pub struct Condition {
    /// What must hold.
    pub test: Test,
    /// Policy basis (e.g. "建筑面积300平方米以下可不办理施工许可").
    pub reason: Option<String>,
}

/// The test of a [`Condition`]; attributes and project types are indices into the ruleset.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "precompiled", derive(serde::Deserialize))]
#[serde(rename_all = "snake_case")]
pub enum Test {
    /// Every condition holds (`all = [...]`, or the keys of one table); true when empty.
    All(Vec<Condition>),
    /// At least one condition holds (`any = [...]`); false when empty.
    Any(Vec<Condition>),
    /// The condition does not hold (`not = {...}`).
    Not(Box<Condition>),
    /// The attribute equals the value (`{ use = "warehouse" }`, `{ underground = true }`).
    Equals {
        /// The attribute tested.
        attr: AttrIdx,
        /// The value it must equal.
        value: Value,
    },
    /// The attribute equals one of the values (`{ use = ["warehouse", "factory"] }`).
    OneOf {
        /// The attribute tested.
        attr: AttrIdx,
        /// The allowed values.
        values: Vec<Value>,
    },
    /// A number attribute lies in an inclusive range (`{ floor_area = { min = 300, max = 10000 } }`).
    Range {
        /// The (number) attribute tested.
        attr: AttrIdx,
        /// Lower bound, inclusive (`None`: unbounded).
        min: Option<f64>,
        /// Upper bound, inclusive (`None`: unbounded).
        max: Option<f64>,
    },
    /// The project is of one of these types (`{ type = ["gov-building"] }`).
    ProjectType(Vec<TypeIdx>),
}

/// What a condition is evaluated against.
pub struct Facts<'a> {
    /// One entry per attribute of the ruleset; `None` when the project leaves it unset.
    pub values: &'a [Option<Value>],
    /// The project's type; `None` while the type is being classified.
    pub project_type: Option<TypeIdx>,
}

impl Condition {
    /// Whether the condition holds. An unset attribute fails every test on it.
    pub fn holds(&self, facts: &Facts) -> bool {
        self.test.holds(facts)
    }

    /// A one-line description in the file's terms, e.g. `investment = government and
    /// floor_area ≥ 300` (what a ruleset author writes: templates, checks).
    pub fn describe(&self, attributes: &[Attribute], type_ids: &[&str]) -> String {
        let mut out = String::new();
        let words = Words::IDS;
        self.test.describe(attributes, type_ids, &words, &mut out);
        out
    }

    /// A one-line description in the ruleset's own words, for the people a plan is for:
    /// attribute and value labels, units, and the names of project types, e.g.
    /// `投资类型为政府投资，且总建筑面积 ≥ 300 m2`. `type_names` are the types' names.
    pub fn describe_labelled(&self, attributes: &[Attribute], type_names: &[&str]) -> String {
        let mut out = String::new();
        let words = Words::LABELS;
        self.test.describe(attributes, type_names, &words, &mut out);
        out
    }
}

/// How a description names things and joins tests: by id in the file's terms, or by label in
/// the ruleset's (Chinese) words.
struct Words {
    labels: bool,
    and: &'static str,
    or: &'static str,
    not: &'static str,
    one_of: &'static str,
    is_set: &'static str,
    open: char,
    close: char,
}

impl Words {
    const IDS: Words = Words {
        labels: false,
        and: " and ",
        or: " or ",
        not: "not ",
        one_of: " in ",
        is_set: " is set",
        open: '(',
        close: ')',
    };
    const LABELS: Words = Words {
        labels: true,
        and: "，且",
        or: "，或",
        not: "不是",
        one_of: "为其一：",
        is_set: "已填写",
        open: '（',
        close: '）',
    };
}

impl Test {
    fn holds(&self, facts: &Facts) -> bool {
        let value = |attr: &AttrIdx| facts.values.get(attr.index()).and_then(Option::as_ref);
        match self {
            Test::All(cs) => cs.iter().all(|c| c.holds(facts)),
            Test::Any(cs) => cs.iter().any(|c| c.holds(facts)),
            Test::Not(c) => !c.holds(facts),
            Test::Equals { attr, value: v } => value(attr) == Some(v),
            Test::OneOf { attr, values } => value(attr).is_some_and(|x| values.contains(x)),
            Test::Range { attr, min, max } => match value(attr) {
                Some(Value::Number(n)) => {
                    min.is_none_or(|m| *n >= m) && max.is_none_or(|m| *n <= m)
                }
                _ => false,
            },
            Test::ProjectType(types) => facts.project_type.is_some_and(|t| types.contains(&t)),
        }
    }

    fn describe(&self, attributes: &[Attribute], type_ids: &[&str], w: &Words, out: &mut String) {
        let name = |attr: &AttrIdx| {
            let a = &attributes[*attr];
            if w.labels {
                a.label.as_str()
            } else {
                a.id.as_str()
            }
        };
        // A value as the ruleset shows it: an enum value's label, 是/否, a number with its unit.
        let value = |attr: &AttrIdx, v: &Value| -> String {
            if !w.labels {
                return v.to_string();
            }
            let a = &attributes[*attr];
            match v {
                Value::Text(t) => (a.values.iter())
                    .find(|e| &e.id == t)
                    .map_or_else(|| t.clone(), |e| e.label.clone()),
                Value::Bool(b) => if *b { "是" } else { "否" }.to_owned(),
                Value::Number(n) => number(*n, a.unit.as_deref()),
            }
        };
        let number = |n: f64, attr: &AttrIdx| -> String {
            if w.labels {
                number(n, attributes[*attr].unit.as_deref())
            } else {
                n.to_string()
            }
        };
        let join = |cs: &[Condition], sep: &str, out: &mut String| {
            for (i, c) in cs.iter().enumerate() {
                if i > 0 {
                    out.push_str(sep);
                }
                let nested = matches!(c.test, Test::All(_) | Test::Any(_));
                if nested {
                    out.push(w.open);
                }
                c.test.describe(attributes, type_ids, w, out);
                if nested {
                    out.push(w.close);
                }
            }
        };
        match self {
            Test::All(cs) => join(cs, w.and, out),
            Test::Any(cs) => join(cs, w.or, out),
            Test::Not(c) => {
                out.push_str(w.not);
                out.push(w.open);
                c.test.describe(attributes, type_ids, w, out);
                out.push(w.close);
            }
            Test::Equals { attr, value: v } => {
                let _ = write!(out, "{} = {}", name(attr), value(attr, v));
            }
            Test::OneOf { attr, values } => {
                let list: Vec<String> = values.iter().map(|v| value(attr, v)).collect();
                if w.labels {
                    let _ = write!(out, "{}{}{}", name(attr), w.one_of, list.join("、"));
                } else {
                    let _ = write!(out, "{}{}[{}]", name(attr), w.one_of, list.join(", "));
                }
            }
            Test::Range { attr, min, max } => match (min, max) {
                (Some(lo), Some(hi)) => {
                    let _ = write!(
                        out,
                        "{} ≤ {} ≤ {}",
                        number(*lo, attr),
                        name(attr),
                        number(*hi, attr)
                    );
                }
                (Some(lo), None) => {
                    let _ = write!(out, "{} ≥ {}", name(attr), number(*lo, attr));
                }
                (None, Some(hi)) => {
                    let _ = write!(out, "{} ≤ {}", name(attr), number(*hi, attr));
                }
                (None, None) => {
                    let _ = write!(out, "{}{}", name(attr), w.is_set);
                }
            },
            Test::ProjectType(types) => {
                let list: Vec<&str> = types.iter().map(|t| type_ids[t.index()]).collect();
                if w.labels {
                    let _ = write!(out, "项目类型为其一：{}", list.join("、"));
                } else {
                    let _ = write!(out, "type in [{}]", list.join(", "));
                }
            }
        }
    }

    /// Attributes this test reads (for the unused-attribute warning).
    pub fn attributes(&self, out: &mut Vec<AttrIdx>) {
        match self {
            Test::All(cs) | Test::Any(cs) => cs.iter().for_each(|c| c.test.attributes(out)),
            Test::Not(c) => c.test.attributes(out),
            Test::Equals { attr, .. } | Test::OneOf { attr, .. } | Test::Range { attr, .. } => {
                out.push(*attr)
            }
            Test::ProjectType(_) => {}
        }
    }
}

/// A number with its unit (`300 m2`), as a plan shows it.
fn number(n: f64, unit: Option<&str>) -> String {
    match unit {
        Some(u) if !u.is_empty() => format!("{n} {u}"),
        _ => n.to_string(),
    }
}

/// What a condition may refer to while it is compiled.
pub struct Scope<'a> {
    /// The ruleset's attribute schema.
    pub attributes: &'a [Attribute],
    /// Ids of the ruleset's project types, by [`TypeIdx`].
    pub type_ids: &'a [&'a str],
    /// False inside a project type's own `when` (classification cannot depend on the type).
    pub allow_type: bool,
}

/// Compiles a raw `when` table; pushes a diagnostic for every problem and returns `None`
/// when any was found.
pub fn compile(
    raw: &Sp<RawValue>,
    scope: &Scope,
    diags: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    let before = diags.iter().filter(|d| d.is_error()).count();
    let cond = compile_table(raw, scope, diags);
    let after = diags.iter().filter(|d| d.is_error()).count();
    if after > before { None } else { cond }
}

fn expected(span: &Range<usize>, what: &str, found: &RawValue) -> Diagnostic {
    Diagnostic::error(
        "condition-type",
        format!("expected {what}, found {}", found.kind()),
    )
    .with_label(span.clone(), format!("expected {what}"))
}

fn compile_table(
    raw: &Sp<RawValue>,
    scope: &Scope,
    diags: &mut Vec<Diagnostic>,
) -> Option<Condition> {
    let RawValue::Table(entries) = &raw.value else {
        diags.push(
            expected(&raw.span, "a condition table", &raw.value).with_help(
                "write a condition as a table, e.g. `when = { floor_area = { min = 300 } }`",
            ),
        );
        return None;
    };
    let mut reason = None;
    let mut tests = Vec::new();
    for (key, value) in entries {
        match key.value.as_str() {
            "reason" => match &value.value {
                RawValue::String(s) => reason = Some(s.clone()),
                other => diags.push(expected(&value.span, "a string", other)),
            },
            "all" | "any" => {
                let RawValue::Array(parts) = &value.value else {
                    diags.push(expected(
                        &value.span,
                        "an array of conditions",
                        &value.value,
                    ));
                    continue;
                };
                if parts.is_empty() {
                    diags.push(
                        Diagnostic::error(
                            "condition-empty",
                            format!("`{}` needs at least one condition", key.value),
                        )
                        .with_label(value.span.clone(), "empty list"),
                    );
                    continue;
                }
                let compiled: Vec<Condition> = parts
                    .iter()
                    .filter_map(|p| compile_table(p, scope, diags))
                    .collect();
                tests.push(if key.value == "all" {
                    Test::All(compiled)
                } else {
                    Test::Any(compiled)
                });
            }
            "not" => {
                if let Some(c) = compile_table(value, scope, diags) {
                    tests.push(Test::Not(Box::new(c)));
                }
            }
            "type" => {
                if let Some(t) = compile_type(key, value, scope, diags) {
                    tests.push(t);
                }
            }
            attr_id => {
                if let Some(t) = compile_attribute_test(key, attr_id, value, scope, diags) {
                    tests.push(t);
                }
            }
        }
    }
    if tests.is_empty() && diags.iter().all(|d| !d.is_error()) {
        diags.push(
            Diagnostic::error("condition-empty", "the condition tests nothing")
                .with_label(raw.span.clone(), "no attribute test here")
                .with_help("add an attribute test, or remove `when` so the entry always applies"),
        );
        return None;
    }
    let test = if tests.len() == 1 {
        tests.pop().expect("one test")
    } else {
        Test::All(
            tests
                .into_iter()
                .map(|test| Condition { test, reason: None })
                .collect(),
        )
    };
    Some(Condition { test, reason })
}

fn compile_type(
    key: &Sp<String>,
    value: &Sp<RawValue>,
    scope: &Scope,
    diags: &mut Vec<Diagnostic>,
) -> Option<Test> {
    if !scope.allow_type {
        diags.push(
            Diagnostic::error(
                "type-in-classifier",
                "a project type's `when` cannot test the project type",
            )
            .with_label(key.span.clone(), "the type is what this condition decides")
            .with_help("test attributes here; `type` is for items and measures"),
        );
        return None;
    }
    let names: Vec<&Sp<RawValue>> = match &value.value {
        RawValue::String(_) => vec![value],
        RawValue::Array(items) => items.iter().collect(),
        other => {
            diags.push(expected(
                &value.span,
                "a project type id or a list of them",
                other,
            ));
            return None;
        }
    };
    let mut types = Vec::new();
    for n in names {
        let RawValue::String(id) = &n.value else {
            diags.push(expected(&n.span, "a project type id", &n.value));
            continue;
        };
        match scope.type_ids.iter().position(|t| t == id) {
            Some(i) => types.push(TypeIdx::new(i)),
            None => diags.push(
                Diagnostic::error(
                    "unknown-project-type",
                    format!("unknown project type `{id}`"),
                )
                .with_label(n.span.clone(), "not a declared project type")
                .with_optional_help(suggest::hint(id, scope.type_ids.iter().copied())),
            ),
        }
    }
    Some(Test::ProjectType(types))
}

fn compile_attribute_test(
    key: &Sp<String>,
    attr_id: &str,
    value: &Sp<RawValue>,
    scope: &Scope,
    diags: &mut Vec<Diagnostic>,
) -> Option<Test> {
    let Some(attr) = scope
        .attributes
        .iter()
        .position(|a| a.id == attr_id)
        .map(AttrIdx::new)
    else {
        let help = suggest::did_you_mean(attr_id, scope.attributes.iter().map(|a| a.id.as_str()))
            .map(|s| format!("did you mean `{s}`?"))
            .unwrap_or_else(|| {
                "declare it with [[attribute]], or use `all`, `any`, `not`, `type` or `reason`"
                    .to_owned()
            });
        diags.push(
            Diagnostic::error(
                "unknown-attribute",
                format!("unknown attribute `{attr_id}`"),
            )
            .with_label(key.span.clone(), "not a declared attribute")
            .with_help(help),
        );
        return None;
    };
    let a = &scope.attributes[attr];
    let leaf = |v: &Sp<RawValue>, diags: &mut Vec<Diagnostic>| check_value(a, v, diags);
    match (&a.kind, &value.value) {
        (AttributeKind::Number, RawValue::Table(entries)) => {
            let mut min = None;
            let mut max = None;
            for (k, v) in entries {
                let slot = match k.value.as_str() {
                    "min" => &mut min,
                    "max" => &mut max,
                    other => {
                        diags.push(
                            Diagnostic::error(
                                "condition-type",
                                format!("unknown range bound `{other}`"),
                            )
                            .with_label(k.span.clone(), "expected `min` or `max`"),
                        );
                        continue;
                    }
                };
                match v.value.as_f64() {
                    Some(n) if n.is_finite() => *slot = Some(n),
                    Some(_) => diags.push(not_finite(&v.span)),
                    None => diags.push(expected(&v.span, "a number", &v.value)),
                }
            }
            if let (Some(lo), Some(hi)) = (min, max)
                && lo > hi
            {
                diags.push(
                    Diagnostic::error("empty-range", format!("range {lo}..{hi} is empty"))
                        .with_label(value.span.clone(), "min is greater than max"),
                );
            }
            Some(Test::Range { attr, min, max })
        }
        (_, RawValue::Table(_)) => {
            diags.push(
                Diagnostic::error(
                    "condition-type",
                    format!(
                        "a range needs a number attribute; `{}` is {}",
                        a.id,
                        a.kind.described()
                    ),
                )
                .with_label(value.span.clone(), "range on a non-number")
                .with_help("test a value or a list of values instead"),
            );
            None
        }
        (AttributeKind::Bool, RawValue::Array(_)) => {
            diags.push(expected(&value.span, "true or false", &value.value));
            None
        }
        (_, RawValue::Array(items)) => {
            let values: Vec<Value> = items.iter().filter_map(|v| leaf(v, diags)).collect();
            Some(Test::OneOf { attr, values })
        }
        _ => leaf(value, diags).map(|value| Test::Equals { attr, value }),
    }
}

/// The error for `nan` or `inf` where a number is expected: TOML allows them, but no
/// floor area or bound is infinite, and `nan` compares false with everything, so a range test
/// would silently let it through.
pub(crate) fn not_finite(span: &std::ops::Range<usize>) -> Diagnostic {
    Diagnostic::error("invalid-value", "not a finite number")
        .with_label(
            span.clone(),
            "`nan` and `inf` are not values an attribute can have",
        )
        .with_help("write an ordinary number, e.g. `3000`")
}

/// Checks one value against an attribute's type and domain.
pub fn check_value(a: &Attribute, v: &Sp<RawValue>, diags: &mut Vec<Diagnostic>) -> Option<Value> {
    match (a.kind, &v.value) {
        (AttributeKind::Bool, RawValue::Bool(b)) => Some(Value::Bool(*b)),
        (AttributeKind::Number, raw @ (RawValue::Integer(_) | RawValue::Float(_))) => {
            let n = raw.as_f64().expect("numeric");
            if !n.is_finite() {
                diags.push(not_finite(&v.span));
                return None;
            }
            let below = a.min.is_some_and(|m| n < m);
            let above = a.max.is_some_and(|m| n > m);
            if below || above {
                let bounds = match (a.min, a.max) {
                    (Some(lo), Some(hi)) => format!("between {lo} and {hi}"),
                    (Some(lo), None) => format!("at least {lo}"),
                    (None, Some(hi)) => format!("at most {hi}"),
                    (None, None) => unreachable!("a bound was crossed"),
                };
                diags.push(
                    Diagnostic::error(
                        "value-out-of-range",
                        format!("`{}` = {n} is out of range", a.id),
                    )
                    .with_label(v.span.clone(), format!("must be {bounds}"))
                    .with_help(format!("{} must be {bounds}", a.label)),
                );
                return None;
            }
            Some(Value::Number(n))
        }
        (AttributeKind::Text, RawValue::String(s)) => {
            // Free text is shown in every plan: no control characters or direction marks.
            if let Some(c) = crate::ruleset::forbidden_char(s) {
                diags.push(crate::ruleset::invalid_text(
                    &format!("`{}`", a.id),
                    c,
                    v.span.clone(),
                ));
                return None;
            }
            Some(Value::Text(s.clone()))
        }
        (AttributeKind::Enum, RawValue::String(s)) => {
            if a.values.iter().any(|e| &e.id == s) {
                Some(Value::Text(s.clone()))
            } else {
                diags.push(
                    Diagnostic::error(
                        "unknown-enum-value",
                        format!("`{s}` is not a value of `{}`", a.id),
                    )
                    .with_label(v.span.clone(), "not a declared value")
                    .with_optional_help(suggest::hint(s, a.values.iter().map(|e| e.id.as_str()))),
                );
                None
            }
        }
        (kind, other) => {
            let what = match kind {
                AttributeKind::Bool => "true or false",
                AttributeKind::Number => "a number",
                AttributeKind::Text => "a string",
                AttributeKind::Enum => "one of the declared values (a string)",
            };
            diags.push(
                Diagnostic::error(
                    "value-type",
                    format!(
                        "`{}` is {}; expected {what}, found {}",
                        a.id,
                        kind.described(),
                        other.kind()
                    ),
                )
                .with_label(v.span.clone(), format!("expected {what}")),
            );
            None
        }
    }
}
