// Bureau mode's table of what each measure changes: a row per measure, a column per project
// type, each cell that type's example planned from the start date with the measure on minus
// with it off (the bureau module's `effects`, the core's `Planner::measure_effects`, as
// `shenpi show` prints it): Δ approval and Δ elapsed working days, Δ applications; "—" where
// the measure does not apply to the example. It is computed again when the ruleset or the start
// changes (the editor's check is debounced, so this is too); while the ruleset has errors the
// last table stays, marked out of date.

import { $, h } from './dom.js';
import { state } from './state.js';
import { t } from './language.js';
import { bureauLoaded, call, Crashed } from './wasm.js';
import { desc, rulesetRef } from './ruleset.js';
import { today } from './project.js';

/**
 * The last table computed: what it was computed for (`key`: the start and the ruleset), the
 * start, the effects, and the measures and types as the ruleset named them then.
 */
let last = null;
/** The ruleset and start last tried: one that failed is not tried again until either changes. */
let tried = '';
/** Whether the table on screen is not the current ruleset's (its text has errors). */
let outdated = false;
/** What the table on screen shows (table, state, language): it is redrawn only when that changes. */
let drawn = '';

/** `+3`, `−2` (a minus sign) or `0`. */
function signed(n) {
  if (n > 0) return `+${n}`;
  if (n < 0) return `−${-n}`;
  return '0';
}

/** A difference, coloured: fewer days or applications is better. */
function delta(n, what) {
  return h('span', { class: n < 0 ? 'better' : n > 0 ? 'worse' : 'same', 'data-d': what }, signed(n));
}

/** Everything a cell's numbers leave out (开工, materials, items), for its tooltip. */
function cellTitle(e) {
  const parts = [
    `${t('approvalDays')} ${signed(e.approval_working_days)} ${t('workdays')}`,
    `${t('elapsed')} ${signed(e.elapsed_working_days)} ${t('workdays')}`,
    `${t('applications')} ${signed(e.applications)}`,
  ];
  if (e.construction_start_days) parts.push(`${t('constructionStart')} ${signed(e.construction_start_days)} ${t('calendarDays')}`);
  if (e.materials) parts.push(`${t('materials')} ${signed(e.materials)}`);
  if (e.items) parts.push(t('effectsItems', { n: signed(e.items) }));
  if (e.decisions_moved) parts.push(t('effectsMoved', { n: e.decisions_moved }));
  return parts.join(t('effectsSep'));
}

function cell(e, typeId) {
  if (!e || !e.applies) {
    return h('td', { class: 'na', 'data-type': typeId, 'data-applies': 'false', title: t('effectsNotApplicable') }, '—');
  }
  return h('td', {
    'data-type': typeId, 'data-applies': 'true', 'data-approval': e.approval_working_days,
    'data-elapsed': e.elapsed_working_days, 'data-applications': e.applications, title: cellTitle(e),
  }, delta(e.approval_working_days, 'approval'), ' / ', delta(e.elapsed_working_days, 'elapsed'), ' / ',
  delta(e.applications, 'applications'));
}

function draw() {
  const box = $('effects');
  box.classList.toggle('outdated', outdated);
  const title = h('h3', {}, t('effectsTitle'));
  if (!last) {
    // Tried and failed, with no earlier table to keep.
    box.replaceChildren(title, h('p', { class: 'outdated-note' }, t('effectsUnavailable')));
    return;
  }
  const top = [title];
  if (outdated) top.push(h('p', { class: 'outdated-note', role: 'status' }, t('effectsOutdated')));
  if (!last.measures.length || !last.types.length) {
    box.replaceChildren(...top, h('p', { class: 'muted' }, t(last.measures.length ? 'effectsNoTypes' : 'noMeasures')));
    return;
  }
  const byKey = new Map(last.effects.map((e) => [`${e.measure}\n${e.project_type}`, e]));
  const table = h('table', { 'data-start': last.start, 'data-outdated': outdated ? 'true' : undefined },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('effectsMeasure')),
      last.types.map((ty) => h('th', { scope: 'col', 'data-type': ty.id, title: ty.id }, ty.name)))),
    h('tbody', {}, last.measures.map((m) => h('tr', { 'data-measure': m.id },
      h('th', { scope: 'row', title: m.id }, m.name, m.default ? null : h('small', {}, `（${t('measureDefaultOff')}）`)),
      last.types.map((ty) => cell(byKey.get(`${m.id}\n${ty.id}`), ty.id))))));
  box.replaceChildren(...top, h('p', { class: 'muted' }, t('effectsHelp', { date: last.start })),
    // Scrolled sideways by keyboard too: the region takes the focus.
    h('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': t('effectsTitle') }, table));
}

/**
 * Brings the table up to date with the current ruleset and start (bureau mode only; nothing
 * before the bureau module is loaded) and draws it in the page's language.
 */
export function updateEffects() {
  if (state.mode !== 'bureau' || !bureauLoaded()) return;
  const start = state.start || today();
  const ref = rulesetRef();
  const key = `${start}\n${ref}`;
  if (last && key === last.key) {
    outdated = false;
  } else if (key !== tried) {
    tried = key;
    try {
      const effects = JSON.parse(call('effects', ref, start));
      // The description is of the same text (loaded before each re-plan), so it names them.
      const measures = (desc?.measures ?? []).map((m) => ({ id: m.id, name: m.name, default: m.default }));
      const types = (desc?.types ?? []).map((ty) => ({ id: ty.id, name: ty.name }));
      last = { key, start, effects, measures, types };
      outdated = false;
    } catch (e) {
      // A trap has been reported by `call`; either way this ruleset gives no table.
      if (!(e instanceof Crashed) && !e.diagnostics) throw e;
      outdated = true;
    }
  }
  // Redrawn only when it changes, so that a re-plan keeps the table where it was scrolled.
  const now = `${state.lang}\n${outdated}\n${last ? last.key : ''}`;
  if (now === drawn && $('effects').childElementCount) return;
  drawn = now;
  draw();
}
