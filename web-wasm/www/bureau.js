// Bureau mode: the ruleset as TOML text in an editor, checked as it is typed. Diagnostics are
// listed (a click selects their span) and their lines marked in the gutter; an edit that
// describes becomes the 'custom' ruleset, which the form, the results and the table of measure
// effects (effects.js) then follow.

import { $, h } from './dom.js';
import { state } from './state.js';
import { t } from './language.js';
import { call, ensureBureau } from './wasm.js';
import { desc, loadDescription, rulesetText } from './ruleset.js';
import { resetProject } from './project.js';
import { diagnosticItem } from './diagnostics.js';
import { fillForm } from './form.js';
import { replan } from './replan.js';
import { updateEffects } from './effects.js';

// The ms to wait after a keystroke before checking: checks while typing, not on every key.
const EDIT_DEBOUNCE_MS = 120;

function fillGutter(text, diagnostics) {
  const bad = new Map();
  for (const d of diagnostics) {
    for (const l of d.labels) if (l.file === 'ruleset.toml') bad.set(l.line, d.severity === 'error' ? 'bad' : (bad.get(l.line) || 'warned'));
  }
  const gutter = $('gutter');
  gutter.replaceChildren();
  const lines = text.split('\n').length;
  for (let n = 1; n <= lines; n++) {
    gutter.append(h('span', { class: bad.get(n), 'data-line': n }, String(n)), '\n');
  }
  gutter.scrollTop = $('toml').scrollTop;
}

function jumpTo(label) {
  const ta = $('toml');
  ta.focus();
  ta.setSelectionRange(label.start, label.end);
}

function checkEditor() {
  const text = $('toml').value;
  let result;
  try { result = JSON.parse(call('check', text)); } catch { return; }
  fillGutter(text, result.diagnostics);
  const list = $('diagnostics');
  list.replaceChildren(...result.diagnostics.map((d) => diagnosticItem(d, jumpTo)));
  if (result.ok && result.diagnostics.length === 0) list.append(h('li', { class: 'ok' }, t('checkOk')));
  const previousId = desc ? desc.id : null;
  const previousTypes = desc ? desc.types.map((x) => x.id).join() : null;
  state.toml = text;
  state.rs = 'custom';
  loadDescription();
  // Keep the visitor's project unless the edit took away its type.
  if (desc && (desc.id !== previousId || desc.types.map((x) => x.id).join() !== previousTypes)
      && !desc.types.some((x) => x.id === state.type)) {
    resetProject();
  }
  fillForm();
  replan();
}

/** Switches between 'plan' and 'bureau' mode; bureau mode opens the current ruleset's text. */
export async function setMode(mode) {
  state.mode = mode;
  const on = mode === 'bureau';
  if (on) await ensureBureau();
  $('bureau').hidden = !on;
  document.querySelector('.layout').classList.toggle('bureau-on', on);
  $('mode-plan').setAttribute('aria-pressed', String(!on));
  $('mode-bureau').setAttribute('aria-pressed', String(on));
  if (on) {
    let text = '';
    try { text = rulesetText(state.rs); } catch { text = state.toml; }
    $('toml').value = text;
    let diags = [];
    try { diags = JSON.parse(call('check', text)).diagnostics; } catch { diags = []; }
    fillGutter(text, diags);
    $('diagnostics').replaceChildren(...diags.map((d) => diagnosticItem(d, jumpTo)));
    updateEffects();
  }
}

let editTimer = 0;

/** Checks the editor's text as it is typed, and keeps the gutter scrolled with it. */
export function wireEditor() {
  $('toml').addEventListener('input', () => {
    clearTimeout(editTimer);
    editTimer = setTimeout(checkEditor, EDIT_DEBOUNCE_MS);
  });
  $('toml').addEventListener('scroll', () => { $('gutter').scrollTop = $('toml').scrollTop; });
}
