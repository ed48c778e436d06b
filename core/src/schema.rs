//! JSON Schemas (draft-07) of the ruleset and project files, for editor completion and
//! validation (Taplo / Even Better TOML). Committed under `docs/schema/`.
//!
//! Most of the schema is derived from the raw file types and their doc comments. Conditions
//! and attribute-value tables are spanned [`RawValue`](crate::spanned::RawValue)s in those
//! types (checked against the attribute schema at load time); their shapes are described here.
//! TOML has no null, so optional fields are simply absent from `required` (no `"null"` type).

use schemars::generate::SchemaSettings;
use schemars::transform::{RecursiveTransform, Transform};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

fn generate<T: JsonSchema>(title: &str) -> String {
    let generator = SchemaSettings::draft07().into_generator();
    let mut schema = generator.into_root_schema_for::<T>();
    RecursiveTransform(drop_null).transform(&mut schema);
    schema.insert("title".to_owned(), title.into());
    let mut text = serde_json::to_string_pretty(&schema).expect("schemas serialize");
    text.push('\n');
    text
}

/// Removes `null` from `type` lists and `{ "type": "null" }` from `anyOf` lists.
fn drop_null(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    if let Some(serde_json::Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            obj.insert("type".to_owned(), only);
        }
    }
    if let Some(serde_json::Value::Array(any)) = obj.get_mut("anyOf") {
        any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
        if any.len() == 1 {
            let only = any.remove(0);
            obj.remove("anyOf");
            // Draft-07 ignores the siblings of a `$ref`, so a reference keeps its own object.
            match only {
                serde_json::Value::Object(r) if r.contains_key("$ref") && !obj.is_empty() => {
                    obj.insert("allOf".to_owned(), serde_json::Value::Array(vec![r.into()]));
                }
                serde_json::Value::Object(inner) => {
                    for (k, v) in inner {
                        obj.entry(k).or_insert(v);
                    }
                }
                _ => {}
            }
        }
    }
}

/// Schema of a ruleset file.
pub fn ruleset() -> String {
    generate::<crate::ruleset::raw::RawRuleset>("shenpi ruleset")
}

/// The schema of a `when` condition (see [`crate::condition`]).
pub struct ConditionSchema;

impl JsonSchema for ConditionSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Condition".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let condition = generator.subschema_for::<ConditionSchema>();
        let value = generator.subschema_for::<AttributeValueSchema>();
        json_schema!({
            "description": "A condition: a table of attribute tests that must all hold, e.g. `{ use = \"warehouse\" }` (equals), `{ use = [\"warehouse\", \"factory\"] }` (one of), `{ floor_area = { min = 300, max = 10000 } }` (inclusive range), `{ underground = true }`; combined with `all`, `any`, `not`, the project type with `type`, and the policy basis in `reason`. Attributes and enum values are checked when the ruleset loads.",
            "type": "object",
            "properties": {
                "all": {
                    "description": "Every one of these conditions holds.",
                    "type": "array",
                    "items": condition,
                    "minItems": 1
                },
                "any": {
                    "description": "At least one of these conditions holds.",
                    "type": "array",
                    "items": condition,
                    "minItems": 1
                },
                "not": {
                    "description": "This condition does not hold.",
                    "allOf": [condition]
                },
                "type": {
                    "description": "The project type is one of these ids (not allowed in a project type's own `when`).",
                    "anyOf": [
                        { "type": "string" },
                        { "type": "array", "items": { "type": "string" }, "minItems": 1 }
                    ]
                },
                "reason": {
                    "description": "The policy basis, shown in plan explanations (e.g. 建筑面积300平方米以下可不办理施工许可).",
                    "type": "string"
                }
            },
            "additionalProperties": {
                "description": "A test of the attribute with this id: a value (equals), a list of values (one of), or `{ min, max }` (inclusive range, number attributes).",
                "anyOf": [
                    value,
                    { "type": "array", "items": value },
                    {
                        "type": "object",
                        "properties": {
                            "min": { "type": "number" },
                            "max": { "type": "number" }
                        },
                        "additionalProperties": false
                    }
                ]
            }
        })
    }
}

/// A single attribute value.
pub struct AttributeValueSchema;

impl JsonSchema for AttributeValueSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AttributeValue".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "description": "An attribute value: a string (an enum value or text), a number or a boolean, as the attribute's `type` says.",
            "type": ["string", "number", "boolean"]
        })
    }
}

/// A table of attribute values, e.g. a project type's `example`.
pub struct AttributeValuesSchema;

impl JsonSchema for AttributeValuesSchema {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "AttributeValues".into()
    }

    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let value = generator.subschema_for::<AttributeValueSchema>();
        json_schema!({
            "description": "Attribute values by attribute id, e.g. `{ investment = \"social\", floor_area = 20000 }`.",
            "type": "object",
            "additionalProperties": value
        })
    }
}

/// Schema of a project file.
pub fn project() -> String {
    generate::<crate::project::raw::RawProject>("shenpi project")
}
