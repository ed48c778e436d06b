// Bureau mode's "edited vs original": the edited ruleset against the one the edit started
// from, per project type (the type's example planned under both: approval and elapsed working
// days before → after), and which items and measures the edit added, removed or changed; with
// a button back to the original. Computed again only when the edited text changes.

import { $, h } from './dom.js';
import { state } from './state.js';
import { t } from './language.js';
import { builtinReady, call, ensureBuiltins, isBuiltin } from './wasm.js';
import { desc, rulesetText } from './ruleset.js';
import { today } from './project.js';

let shownKey = '';
let revertFn = () => {};

/** What the revert button does (app.js: switch back to the original ruleset, edit dropped). */
export function onRevert(fn) {
  revertFn = fn;
}

/** The original as the bindings take it: a built-in id, or the demo's text. */
function originRef() {
  return state.origin === 'demo' ? rulesetText('demo') : state.origin;
}

/**
 * The type's example planned under ruleset `ref`, with its default measures, or with every
 * measure off (`off`: the items and limits as the ruleset writes them).
 */
function examplePlan(ref, type, off = null) {
  const project = JSON.parse(call('example', ref, type, today()));
  if (off) project.measures = Object.fromEntries(off.map((m) => [m.id, false]));
  return JSON.parse(call('plan', ref, JSON.stringify(project), today()));
}

function diffList(key, ids) {
  return ids.length ? h('li', { 'data-diff': key }, t(key, { list: ids.join('、') })) : null;
}

/** Redraws the comparison (bureau mode, an edited ruleset with an original); empties it otherwise. */
export function renderEditDiff() {
  const box = $('edit-diff');
  if (state.mode !== 'bureau' || state.rs !== 'custom' || !state.origin || !desc) {
    box.replaceChildren();
    shownKey = '';
    return;
  }
  if (isBuiltin(state.origin) && !builtinReady(state.origin)) {
    ensureBuiltins(state.origin).then(renderEditDiff, () => {});
    return;
  }
  const key = `${state.origin}\n${state.toml}\n${state.lang}\n${today()}`;
  if (key === shownKey) return;
  let original;
  try { original = JSON.parse(call('describe', originRef())); } catch { box.replaceChildren(); return; }
  shownKey = key;
  const rows = [];
  const before = new Map(), after = new Map(); // item id → duration, over every type's example
  for (const ty of desc.types.filter((x) => original.types.some((o) => o.id === x.id))) {
    let a, b, bare;
    try {
      b = examplePlan(originRef(), ty.id);
      a = examplePlan(state.toml, ty.id);
      bare = [examplePlan(originRef(), ty.id, original.measures), examplePlan(state.toml, ty.id, desc.measures)];
    } catch { continue; }
    for (const i of bare[0].items) before.set(i.id, i.duration);
    for (const i of bare[1].items) after.set(i.id, i.duration);
    const pair = (f) => `${b.summary[f]} → ${a.summary[f]}`;
    rows.push(h('tr', { 'data-type': ty.id, 'data-before': b.summary.approval_working_days, 'data-after': a.summary.approval_working_days },
      h('th', { scope: 'row' }, ty.name), h('td', {}, pair('approval_working_days')), h('td', {}, pair('elapsed_working_days'))));
  }
  const added = [...after.keys()].filter((id) => !before.has(id));
  const removed = [...before.keys()].filter((id) => !after.has(id));
  const retimed = [...after.keys()].filter((id) => before.has(id) && before.get(id) !== after.get(id))
    .map((id) => `${id} ${before.get(id)}→${after.get(id)}`);
  const ids = (d) => new Map(d.measures.map((m) => [m.id, m.default]));
  const mb = ids(original), ma = ids(desc);
  const measuresAdded = [...ma.keys()].filter((id) => !mb.has(id));
  const measuresRemoved = [...mb.keys()].filter((id) => !ma.has(id));
  const switched = [...ma.keys()].filter((id) => mb.has(id) && mb.get(id) !== ma.get(id));
  const changes = [diffList('diffItemsAdded', added), diffList('diffItemsRemoved', removed), diffList('diffItemsRetimed', retimed),
    diffList('diffMeasuresAdded', measuresAdded), diffList('diffMeasuresRemoved', measuresRemoved),
    diffList('diffMeasuresSwitched', switched)].filter(Boolean);
  const revert = h('button', { type: 'button', id: 'revert' }, t('revertTo', { name: original.name }));
  revert.addEventListener('click', () => revertFn(state.origin));
  box.replaceChildren(h('h3', {}, t('editDiffTitle', { name: original.name })),
    h('table', {}, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('type')), h('th', { scope: 'col' }, t('approvalDays')),
      h('th', { scope: 'col' }, t('elapsed')))), h('tbody', {}, ...rows)),
    h('ul', {}, ...(changes.length ? changes : [h('li', { 'data-diff': 'none' }, t('diffNone'))])),
    h('div', { class: 'buttons' }, revert));
}
