// The two wasm modules (shenpi-core) and which one answers a call. The planner
// (pkg/shenpi_wasm.js: built-in rulesets, precompiled) is loaded at start; the bureau module
// (pkg/shenpi_bureau.js: rulesets as TOML text, `check`, `ruleset_text`, `effects`) only when needed:
// bureau mode, the demo or an edited ruleset. A panic traps the module that ran it: that
// instance is dropped and a fresh one loaded, so the page goes on working.

import { t } from './language.js';
import { showFatal, hideFatal } from './diagnostics.js';

let planner = null;
let plannerGeneration = 0; // planner instantiations (body[data-generation])
let bureau = null; // the bureau module, once loaded
let bureauGeneration = 0; // bureau instantiations (body[data-bureau])
let bureauLoading = null;
let afterRecovery = () => {};

/** The built-in rulesets as the planner lists them (`rulesets()`), read when it first loads. */
export let builtins = [];

/** Thrown by `call` when the module that should answer is gone; the page has said why. */
export class Crashed extends Error {}

/** Imports and instantiates a module afresh (the query string defeats the module cache). */
async function instantiate(glue, g) {
  const m = await import(`./pkg/${glue}?g=${g}`);
  await m.default();
  m.start();
  return m;
}

// The built-ins other than the default, as fetched from pkg/builtins.postcard (once): the
// planner embeds only the default one. Kept, so that a fresh planner after a trap gets them too.
let otherBuiltins = null;
let otherBuiltinsLoading = null;

/** Loads the planner, or a fresh one after a trap. */
export async function loadPlanner() {
  plannerGeneration += 1;
  planner = await instantiate('shenpi_wasm.js', plannerGeneration);
  document.body.dataset.generation = String(plannerGeneration);
  if (otherBuiltins) planner.add_builtins(otherBuiltins);
  // `call` routes by this list, so it is read before any routed call can be made.
  if (!builtins.length) builtins = JSON.parse(planner.rulesets());
}

/** Whether built-in `id` can be planned now (the default one, or all once fetched). */
export function builtinReady(id) {
  return otherBuiltins !== null || !builtins.some((r) => r.id === id && r.loaded === false);
}

/** Fetches the other built-ins into the planner unless `id` (default: all) is ready already. */
export function ensureBuiltins(id) {
  if (id !== undefined && builtinReady(id)) return Promise.resolve();
  if (otherBuiltins) return Promise.resolve();
  if (!otherBuiltinsLoading) {
    otherBuiltinsLoading = fetch('pkg/builtins.postcard')
      .then((r) => {
        if (!r.ok) throw new Error(`pkg/builtins.postcard: HTTP ${r.status}`);
        return r.arrayBuffer();
      })
      .then((buf) => {
        const bytes = new Uint8Array(buf);
        planner.add_builtins(bytes);
        otherBuiltins = bytes;
        document.body.dataset.builtins = 'all';
      })
      .finally(() => { otherBuiltinsLoading = null; });
  }
  return otherBuiltinsLoading;
}

async function loadBureau() {
  bureauGeneration += 1;
  bureau = await instantiate('shenpi_bureau.js', bureauGeneration);
  document.body.dataset.bureau = String(bureauGeneration);
}

/** Loads the bureau module unless it is loaded (or loading). */
export function ensureBureau() {
  if (bureau) return Promise.resolve();
  if (!bureauLoading) bureauLoading = loadBureau().finally(() => { bureauLoading = null; });
  return bureauLoading;
}

/** Whether the bureau module is loaded (and not being replaced after a trap). */
export function bureauLoaded() {
  return bureau !== null;
}

export function isBuiltin(rs) {
  return builtins.some((r) => r.id === rs);
}

/** What to do once a trapped module has been replaced: redraw the page from the state. */
export function onRecovery(fn) {
  afterRecovery = fn;
}

// The bindings whose first argument is a ruleset: a built-in id goes to the planner, TOML
// text to the bureau module. `check`, `ruleset_text`, `effects` and tracking (`status`,
// `warning_profiles`) exist in the bureau module only.
const BY_RULESET = new Set(['describe', 'plan', 'plan_and_layout', 'render', 'compare', 'example']);
const BUREAU_ONLY = new Set(['check', 'ruleset_text', 'effects', 'status', 'warning_profiles', 'simulate']);

/** Calls binding `name` in the module that answers it; a trap there throws `Crashed`. */
export function call(name, ...args) {
  const inBureau = BUREAU_ONLY.has(name) || (BY_RULESET.has(name) && !isBuiltin(args[0]));
  const m = inBureau ? bureau : planner;
  if (!m) throw new Crashed(t('crashed'));
  try {
    return m[name](...args);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      if (inBureau) bureau = null; else planner = null;
      showFatal(`${t('crashed')} (${e.message})`);
      (inBureau ? loadBureau() : loadPlanner()).then(() => {
        showFatal(`${t('crashed')} ${t('recovered')}`);
        afterRecovery();
        // The notice has done its job once the page works again; don't leave it up forever.
        setTimeout(() => { if (inBureau ? bureau : planner) hideFatal(); }, 8000);
      }, (err) => { showFatal(`${t('crashed')} ${err}`); });
      throw new Crashed(t('crashed'));
    }
    throw e;
  }
}
