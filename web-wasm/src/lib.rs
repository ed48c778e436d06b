//! WebAssembly bindings of shenpi-core for the in-browser planner (`web-wasm/www`).
//!
//! Every function takes and returns strings (JSON for structured data): small glue, and
//! the page parses once. A failure is thrown as a JavaScript `Error` whose `diagnostics`
//! property holds the core's diagnostics (file, line, column, message, help).
//!
//! One crate, two modules (see [`api`]): the planner (default features), which the page
//! loads at start, and the bureau module (feature `bureau`: rulesets as TOML text, `check`,
//! `ruleset_text`, `effects`), which it loads on demand.
//!
//! The wasm build uses `panic = "abort"`: a panic traps as a `WebAssembly.RuntimeError`.
//! The panic hook below reports the message with `console.warn` first; the page catches the
//! trap and instantiates the module afresh.

pub mod api;

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = console, js_name = warn)]
    fn console_warn(message: &str);
}

fn throw(f: api::Failure) -> JsValue {
    let error = js_sys::Error::new(&f.message);
    let diagnostics = serde_json::to_string(&f.diagnostics)
        .ok()
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .unwrap_or_else(|| js_sys::Array::new().into());
    // Setting a property on a fresh Error object cannot fail.
    let _ = js_sys::Reflect::set(&error, &JsValue::from_str("diagnostics"), &diagnostics);
    error.into()
}

fn answer(a: api::Answer) -> Result<String, JsValue> {
    a.map_err(throw)
}

/// Installs the panic hook (called by the page right after instantiation).
#[wasm_bindgen]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_warn(&format!("shenpi panicked: {info}"));
    }));
}

/// Version of the bindings (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_owned()
}

/// JSON array describing every built-in ruleset.
#[wasm_bindgen]
pub fn rulesets() -> String {
    api::rulesets()
}

/// Adds the built-ins encoded in `pkg/builtins.postcard` (planner module: it embeds only the
/// default one, and the page fetches the others when a visitor chooses one).
#[cfg(not(feature = "bureau"))]
#[wasm_bindgen]
pub fn add_builtins(bytes: &[u8]) -> Result<(), JsValue> {
    api::add_builtins(bytes).map_err(throw)
}

/// TOML text of a built-in ruleset (bureau module).
#[cfg(feature = "bureau")]
#[wasm_bindgen]
pub fn ruleset_text(id: &str) -> Result<String, JsValue> {
    answer(api::ruleset_text(id))
}

/// JSON description of a ruleset given by built-in id (or TOML text, bureau module).
#[wasm_bindgen]
pub fn describe(ruleset: &str) -> Result<String, JsValue> {
    answer(api::describe(ruleset))
}

/// `{ ok, diagnostics }` for a ruleset's TOML text (bureau module).
#[cfg(feature = "bureau")]
#[wasm_bindgen]
pub fn check(toml: &str) -> String {
    api::check(toml)
}

/// JSON array of every measure's effect on every project type's example, planned from
/// `start` (bureau module).
#[cfg(feature = "bureau")]
#[wasm_bindgen]
pub fn effects(ruleset: &str, start: &str) -> Result<String, JsValue> {
    answer(api::effects(ruleset, start))
}

/// Plan JSON of a project (JSON; TOML in the bureau module) under a ruleset (built-in id;
/// TOML text in the bureau module).
#[wasm_bindgen]
pub fn plan(ruleset: &str, project: &str, today: &str) -> Result<String, JsValue> {
    answer(api::plan(ruleset, project, today))
}

/// `{ plan, layout }`: the plan JSON and its Gantt layout (JSON), from one planning.
#[wasm_bindgen]
pub fn plan_and_layout(ruleset: &str, project: &str, today: &str) -> Result<JsValue, JsValue> {
    let (plan, layout) = api::plan_and_layout(ruleset, project, today).map_err(throw)?;
    let out = js_sys::Object::new();
    // Setting a property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("plan"), &JsValue::from_str(&plan));
    let _ = js_sys::Reflect::set(
        &out,
        &JsValue::from_str("layout"),
        &JsValue::from_str(&layout),
    );
    Ok(out.into())
}

/// `{ json, svg }`: a Monte Carlo forecast of a project (bureau module); `request` is JSON
/// `{ iterations, seed, by, key, impact_items: [from, to] }`, every field optional.
#[cfg(feature = "bureau")]
#[wasm_bindgen]
pub fn simulate(
    ruleset: &str,
    project: &str,
    today: &str,
    request: &str,
) -> Result<JsValue, JsValue> {
    let (json, svg) = api::simulate(ruleset, project, today, request).map_err(throw)?;
    let out = js_sys::Object::new();
    // Setting a property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("json"), &JsValue::from_str(&json));
    let _ = js_sys::Reflect::set(&out, &JsValue::from_str("svg"), &JsValue::from_str(&svg));
    Ok(out.into())
}

/// JSON array of a ruleset's warning profiles, the default first (bureau module).
#[cfg(feature = "bureau")]
#[wasm_bindgen]
pub fn warning_profiles(ruleset: &str) -> Result<String, JsValue> {
    answer(api::warning_profiles(ruleset))
}

/// `{ status, forecast, layout, baseline_layout }`: the status of a project under way on
/// `as_of` (JSON), the re-forecast plan and its Gantt layout, and the baseline's layout;
/// `profile` is a warning profile id (`""`: the ruleset's default). Bureau module: the
/// planner module stays within its size budget without it.
#[cfg(feature = "bureau")]
#[wasm_bindgen]
pub fn status(
    ruleset: &str,
    project: &str,
    today: &str,
    as_of: &str,
    profile: &str,
) -> Result<JsValue, JsValue> {
    let tracked = api::status(ruleset, project, today, as_of, profile).map_err(throw)?;
    let out = js_sys::Object::new();
    for (key, value) in [
        ("status", &tracked.status),
        ("forecast", &tracked.forecast),
        ("layout", &tracked.layout),
        ("baseline_layout", &tracked.baseline_layout),
    ] {
        // Setting a property on a fresh object cannot fail.
        let _ = js_sys::Reflect::set(&out, &JsValue::from_str(key), &JsValue::from_str(value));
    }
    Ok(out.into())
}

/// A plan rendered by the core renderers: `format` is `csv`, `ics`, `svg` or `json`.
#[wasm_bindgen]
pub fn render(ruleset: &str, project: &str, today: &str, format: &str) -> Result<String, JsValue> {
    answer(api::render(ruleset, project, today, format))
}

/// Comparison JSON of two projects under one ruleset.
#[wasm_bindgen]
pub fn compare(
    ruleset: &str,
    before: &str,
    after: &str,
    today: &str,
    before_label: &str,
    after_label: &str,
) -> Result<String, JsValue> {
    answer(api::compare(
        ruleset,
        before,
        after,
        today,
        before_label,
        after_label,
    ))
}

/// Example project JSON of a project type.
#[wasm_bindgen]
pub fn example(ruleset: &str, type_id: &str, today: &str) -> Result<String, JsValue> {
    answer(api::example(ruleset, type_id, today))
}

/// Panics on purpose. The end-to-end test calls it to prove that the page survives a trap
/// in the module (it shows a message and re-instantiates); nothing else calls it.
#[wasm_bindgen]
pub fn selftest_panic() {
    panic!("deliberate panic requested by selftest_panic");
}
