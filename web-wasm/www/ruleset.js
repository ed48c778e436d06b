// The ruleset being planned: a built-in id, the demo (TOML served with the page) or the
// visitor's edited TOML; and its description (attributes, types, measures), which the form is
// built from.

import { state } from './state.js';
import { builtins, call, Crashed, isBuiltin } from './wasm.js';

let demoText = '';

/** The current ruleset's description (`describe`), null when it has errors. Set by `loadDescription`. */
export let desc = null;

export async function loadDemoRuleset() {
  demoText = await fetch('demo-ruleset.toml').then((r) => (r.ok ? r.text() : ''));
}

/** The current ruleset as the bindings take it: a built-in id, or TOML text. */
export function rulesetRef() {
  if (state.rs === 'demo') return demoText;
  if (state.rs === 'custom') return state.toml;
  return state.rs;
}

/** The TOML text of a ruleset, for the bureau editor (a built-in's comes from the bureau module). */
export function rulesetText(rs) {
  if (rs === 'demo') return demoText;
  if (rs === 'custom') return state.toml;
  return call('ruleset_text', rs);
}

/** Whether the current ruleset is TOML text (the demo, an edited one): the bureau module's. */
export function needsBureau() {
  return !isBuiltin(state.rs);
}

/** The first built-in that has project types; the demo when none loads. */
export function defaultRuleset() {
  const first = builtins.find((r) => !r.error && r.types && r.types.length > 0);
  return first ? first.id : 'demo';
}

export function loadDescription() {
  desc = null;
  try {
    desc = JSON.parse(call('describe', rulesetRef()));
  } catch (e) {
    if (e instanceof Crashed) return;
    desc = null;
  }
}
