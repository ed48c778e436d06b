// Bureau mode: the ruleset as TOML text in an editor, checked as it is typed. Diagnostics are
// listed (a click selects their span) and their lines marked in the gutter; an edit that
// describes becomes the 'custom' ruleset, which the form, the results and the table of measure
// effects (effects.js) then follow.

import { $, h } from './dom.js';
import { saveState, state } from './state.js';
import { t } from './language.js';
import { call, ensureBureau } from './wasm.js';
import { desc, loadDescription, rulesetText } from './ruleset.js';
import { resetProject } from './project.js';
import { diagnosticItem } from './diagnostics.js';
import { fillForm } from './form.js';
import { markOutdated, replan } from './replan.js';
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

/**
 * The index a textarea counts (UTF-16 code units) of UTF-8 byte `offset` in `text`: the core's
 * labels count bytes, and every Chinese character before the place is 3 bytes but 1 unit.
 */
export function utf16Index(text, offset) {
  let bytes = 0;
  let i = 0;
  while (i < text.length && bytes < offset) {
    const cp = text.codePointAt(i);
    bytes += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/** Selects a label's span in the editor; a label in another file (a parent ruleset) has none there. */
function jumpTo(label) {
  if (label.file !== 'ruleset.toml') return;
  const ta = $('toml');
  ta.focus();
  ta.setSelectionRange(utf16Index(ta.value, label.start), utf16Index(ta.value, label.end));
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
  if (state.rs !== 'custom') state.origin = state.rs; // the ruleset the edit starts from
  state.toml = text;
  state.rs = 'custom';
  if (!result.ok && desc) {
    // A transient error while typing: the form and the last good plan stay, marked outdated,
    // until the text is valid again (the text itself is kept: a reload restores it).
    markOutdated(t('outdatedRuleset'));
    updateEffects();
    saveState();
    return;
  }
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
