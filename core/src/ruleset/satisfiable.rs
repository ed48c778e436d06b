//! Whether a condition can hold for any project, by trying every meaningful value of the
//! attributes it reads (enum values, true/false, the numbers at and around its bounds).

use crate::condition::{Condition, Facts, Test, Value};

use super::model::{AttrIdx, Attribute, AttributeKind, TypeIdx};

/// Largest number of assignments tried before giving up (then the answer is `None`).
const MAX_ASSIGNMENTS: usize = 4096;

/// `Some(true)` if some project satisfies `cond`, `Some(false)` if none can, `None` if the
/// search was too large to decide.
pub fn satisfiable(cond: &Condition, attributes: &[Attribute], type_count: usize) -> Option<bool> {
    let mut attrs = Vec::new();
    cond.test.attributes(&mut attrs);
    attrs.sort_unstable();
    attrs.dedup();
    let candidates: Vec<Vec<Option<Value>>> = attrs
        .iter()
        .map(|&a| candidates(cond, a, &attributes[a]))
        .collect();
    let types: Vec<Option<TypeIdx>> = std::iter::once(None)
        .chain((0..type_count).map(|t| Some(TypeIdx::new(t))))
        .collect();
    let total = candidates
        .iter()
        .try_fold(types.len(), |acc, c| acc.checked_mul(c.len()))?;
    if total > MAX_ASSIGNMENTS {
        return None;
    }
    let mut values = vec![None; attributes.len()];
    for n in 0..total {
        let mut rest = n;
        for (slot, cands) in attrs.iter().zip(&candidates) {
            values[slot.index()] = cands[rest % cands.len()].clone();
            rest /= cands.len();
        }
        let facts = Facts {
            values: &values,
            project_type: types[rest % types.len()],
        };
        if cond.holds(&facts) {
            return Some(true);
        }
    }
    Some(false)
}

fn candidates(cond: &Condition, attr: AttrIdx, a: &Attribute) -> Vec<Option<Value>> {
    let mut out = vec![None];
    match a.kind {
        AttributeKind::Bool => out.extend([Some(Value::Bool(true)), Some(Value::Bool(false))]),
        AttributeKind::Enum => out.extend(a.values.iter().map(|v| Some(Value::Text(v.id.clone())))),
        AttributeKind::Text => {
            let mut texts = Vec::new();
            collect_literals(&cond.test, attr, &mut texts);
            out.extend(
                texts
                    .into_iter()
                    .filter(|v| matches!(v, Value::Text(_)))
                    .map(Some),
            );
            out.push(Some(Value::Text("\u{0}other".to_owned())));
        }
        AttributeKind::Number => {
            let mut points = Vec::new();
            collect_literals(&cond.test, attr, &mut points);
            let mut nums: Vec<f64> = points
                .iter()
                .filter_map(|v| {
                    if let Value::Number(n) = v {
                        Some(*n)
                    } else {
                        None
                    }
                })
                .collect();
            nums.extend(a.min);
            nums.extend(a.max);
            let around: Vec<f64> = nums.iter().flat_map(|n| [n - 0.5, *n, n + 0.5]).collect();
            out.extend(
                around
                    .into_iter()
                    .filter(|n| a.min.is_none_or(|m| *n >= m) && a.max.is_none_or(|m| *n <= m))
                    .map(|n| Some(Value::Number(n))),
            );
            if out.len() == 1 {
                out.push(Some(Value::Number(a.min.unwrap_or(0.0))));
            }
        }
    }
    out
}

fn collect_literals(test: &Test, attr: AttrIdx, out: &mut Vec<Value>) {
    match test {
        Test::All(cs) | Test::Any(cs) => {
            cs.iter().for_each(|c| collect_literals(&c.test, attr, out))
        }
        Test::Not(c) => collect_literals(&c.test, attr, out),
        Test::Equals { attr: a, value } if *a == attr => out.push(value.clone()),
        Test::OneOf { attr: a, values } if *a == attr => out.extend(values.iter().cloned()),
        Test::Range { attr: a, min, max } if *a == attr => {
            out.extend(min.map(Value::Number));
            out.extend(max.map(Value::Number));
        }
        _ => {}
    }
}
