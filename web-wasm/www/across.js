// "This project under other rulesets": the visitor's project planned under every built-in
// ruleset that has its project type, side by side (the same project in several
// jurisdictions). On demand (a button), since it is a plan per ruleset.

import { $, h } from './dom.js';
import { state } from './state.js';
import { t } from './language.js';
import { builtins, call } from './wasm.js';
import { fits, projectObject, today } from './project.js';
import { failureMessage } from './diagnostics.js';

/** Each built-in's description, read once: the rulesets do not change while the page is open. */
const described = new Map();

function describeBuiltin(id) {
  if (!described.has(id)) described.set(id, JSON.parse(call('describe', id)));
  return described.get(id);
}

/**
 * The project as ruleset `d` reads it: the same type, the attributes `d` has (values it does
 * not accept are left to its defaults), no measure switches (ids differ between rulesets).
 */
function projectFor(d) {
  const attributes = {};
  for (const a of d.attributes) {
    const v = state.attrs[a.id];
    if (v !== undefined && fits(a, v)) attributes[a.id] = v;
  }
  return projectObject({ ruleset: d.id, attributes, measures: {} });
}

/** One row per built-in with the current type: approval days, target, 开工, elapsed; or why not. */
export function acrossRows() {
  const rows = [];
  for (const r of builtins) {
    if (r.error) continue;
    const d = describeBuiltin(r.id);
    if (!d.types.some((x) => x.id === state.type)) continue;
    try {
      const plan = JSON.parse(call('plan', r.id, JSON.stringify(projectFor(d)), today()));
      const total = plan.targets.find((x) => x.scope === 'total');
      rows.push({ id: r.id, name: d.name, plan, total });
    } catch (e) {
      rows.push({ id: r.id, name: d.name, error: failureMessage(e.message) });
    }
  }
  return rows;
}

export function renderAcross() {
  const box = $('across');
  const rows = acrossRows();
  const head = h('tr', {}, ...['ruleset', 'approvalDays', 'target', 'constructionStart', 'elapsed']
    .map((k) => h('th', { scope: 'col' }, t(k))));
  const body = rows.map((r) => {
    if (r.error) {
      return h('tr', { 'data-across': r.id }, h('th', { scope: 'row' }, r.name), h('td', { colspan: '4', class: 'muted' }, r.error));
    }
    const s = r.plan.summary;
    const target = r.total
      ? `${r.total.target}（${t(r.total.met ? 'marginLeft' : 'marginOver', { n: Math.abs(r.total.margin) })}）`
      : '—';
    return h('tr', { 'data-across': r.id, class: r.id === state.rs ? 'current' : '' },
      h('th', { scope: 'row' }, r.name),
      h('td', { 'data-v': 'approval' }, String(s.approval_working_days)),
      h('td', {}, target),
      h('td', {}, s.construction_start ?? '—'),
      h('td', {}, `${s.elapsed_working_days} ${t('workdays')}`));
  });
  box.replaceChildren(h('table', {}, h('thead', {}, head), h('tbody', {}, ...body)));
}
