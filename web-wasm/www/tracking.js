// Tracking a project under way (进度跟踪): the visitor records per item what happened; the
// bureau module's `status` counts it as 行政许可法 does (补正, suspensions, extensions), gives
// each item its light from a warning profile (电子监察 红黄牌) and re-forecasts the rest from the
// as-of day. This module holds the form (the controls and one row of dates per planned item)
// and the status panel; replan.js asks for the status, gantt.js draws the re-forecast against
// the baseline.

import { $, h } from './dom.js';
import { state } from './state.js';
import { t } from './language.js';
import { call } from './wasm.js';
import { rulesetRef } from './ruleset.js';
import { LIGHT_COLORS } from './gantt.js';


/** The procedures 行政许可法 第四十五条 leaves out of the limit (the core's ids). */
const REASONS = ['expert_review', 'testing', 'inspection', 'appraisal', 'hearing', 'tender', 'auction', 'quarantine'];

/**
 * The fields a row edits, as paths into an item's progress: the first two are always shown,
 * the rest under “more”. A suspension and an extension are one each in the form (an imported
 * project may hold more suspensions: the form edits the first, the others are kept).
 */
const MAIN = ['accepted', 'decided'];
const MORE = ['submitted', 'correction.notified', 'correction.completed', 'suspension.from', 'suspension.to',
  'suspension.reason', 'extension.approved', 'extension.days'];

function progressOf(id) {
  const all = state.progress && typeof state.progress === 'object' && !Array.isArray(state.progress) ? state.progress : {};
  const p = all[id];
  return p && typeof p === 'object' && !Array.isArray(p) ? p : {};
}

/** The value at `path` of an item's progress ('' when unset). */
function read(id, path) {
  const p = progressOf(id);
  const [a, b] = path.split('.');
  const table = a === 'suspension' ? (Array.isArray(p.suspensions) ? p.suspensions[0] : undefined) : b ? p[a] : p;
  const value = table && typeof table === 'object' ? table[b ?? a] : undefined;
  return value === undefined || value === null ? '' : value;
}

/** Sets (or, with '', clears) the value at `path`; empty tables are dropped. */
function write(id, path, value) {
  if (!state.progress || typeof state.progress !== 'object' || Array.isArray(state.progress)) state.progress = {};
  const p = { ...progressOf(id) };
  const [a, b] = path.split('.');
  const v = path === 'extension.days' && value !== '' ? Number(value) : value;
  if (a === 'suspension') {
    const list = Array.isArray(p.suspensions) ? [...p.suspensions] : [];
    const first = { ...(list[0] || {}) };
    if (v === '') delete first[b]; else first[b] = v;
    if (Object.keys(first).length) list[0] = first; else list.shift();
    if (list.length) p.suspensions = list; else delete p.suspensions;
  } else if (b) {
    const table = { ...(p[a] || {}) };
    if (v === '') delete table[b]; else table[b] = v;
    if (Object.keys(table).length) p[a] = table; else delete p[a];
  } else if (v === '') delete p[a]; else p[a] = v;
  if (Object.keys(p).length) state.progress[id] = p; else delete state.progress[id];
}

/** The progress as the core reads it; `undefined` when nothing is recorded. */
export function progressObject() {
  const p = state.progress;
  if (!p || typeof p !== 'object' || Array.isArray(p) || !Object.keys(p).length) return undefined;
  return p;
}

/** The status of the state's project, as the bureau module answers it. */
export function trackedStatus(project, today) {
  return call('status', rulesetRef(), JSON.stringify(project), today, state.asOf || today, state.profile);
}

function field(id, path, onChange) {
  const [, leaf] = path.split('.');
  const key = leaf ?? path;
  let input;
  if (key === 'reason') {
    input = h('select', {}, h('option', { value: '' }, '—'), REASONS.map((r) => h('option', { value: r }, t(`reason_${r}`))));
  } else if (key === 'days') {
    input = h('input', { type: 'number', min: 1, max: 15, step: 1, placeholder: '10' });
  } else {
    input = h('input', { type: 'date' });
  }
  input.dataset.progress = `${id}|${path}`;
  input.value = String(read(id, path));
  input.addEventListener('change', () => { write(id, path, input.value); onChange(); });
  return h('label', { class: 'pfield' }, h('span', {}, t(`progress_${path.replace('.', '_')}`)), input);
}

// The item ids the rows were built for: rows are rebuilt only when they change, so that a
// re-plan does not take the focus from the field being edited.
let rowsFor = '';

/** One row of date fields per planned item of `plan` (the baseline's items). */
export function renderProgressForm(plan, onChange) {
  const box = $('progress-rows');
  // The language too: the labels are in it.
  const ids = [state.lang, ...plan.items.map((i) => i.id)].join('\n');
  if (ids === rowsFor && box.childElementCount) {
    for (const input of box.querySelectorAll('[data-progress]')) {
      if (input === document.activeElement) continue;
      const [id, path] = input.dataset.progress.split('|');
      input.value = String(read(id, path));
    }
    return;
  }
  rowsFor = ids;
  box.replaceChildren(...plan.items.map((i) => {
    const more = h('details', { class: 'more' }, h('summary', {}, t('progressMore')),
      h('div', { class: 'pgrid' }, MORE.map((p) => field(i.id, p, onChange))));
    if (MORE.some((p) => read(i.id, p) !== '')) more.open = true;
    return h('div', { class: 'prow', 'data-progress-item': i.id },
      h('div', { class: 'pname' }, i.name),
      h('div', { class: 'pgrid' }, MAIN.map((p) => field(i.id, p, onChange))), more);
  }));
}

/** Shows or hides the tracking controls and fills them from the state. */
export function fillTracking() {
  $('track').checked = Boolean(state.track);
  $('tracking-controls').hidden = !state.track;
  $('as-of').value = state.asOf;
}

/** The warning profiles of the ruleset into the picker (the default first). */
export function fillProfiles() {
  const sel = $('profile');
  let list = [];
  try { list = JSON.parse(call('warning_profiles', rulesetRef())); } catch { list = []; }
  sel.replaceChildren(...list.map((p, k) => h('option', { value: k === 0 ? '' : p.id }, k === 0 ? `${p.name}（${t('profileDefault')}）` : p.name)));
  if (![...sel.options].some((o) => o.value === state.profile)) state.profile = '';
  sel.value = state.profile;
  const chosen = list.find((p, k) => (k === 0 ? '' : p.id) === state.profile);
  $('profile-source').textContent = chosen && chosen.source ? t('profileSource', { s: chosen.source }) : '';
}

function light(colour) {
  if (!colour) return h('span', { class: 'light none' }, '—');
  const dot = h('i');
  dot.style.background = LIGHT_COLORS[colour];
  return h('span', { class: 'light', 'data-light': colour }, dot, t(`light_${colour}`));
}

function signed(n) {
  return n > 0 ? `+${n}` : String(n);
}

/** The status panel: counts, the key dates against the baseline, and every item. */
export function renderStatus(s) {
  const tl = s.tally;
  const counts = ['overdue', 'red', 'yellow', 'green'].filter((c) => tl[c] > 0).map((c) => `${t(`light_${c}`)} ${tl[c]}`);
  counts.push(t('decidedOf', { n: tl.decided, m: tl.items }) + (tl.decided_late ? t('decidedLate', { n: tl.decided_late }) : ''));
  const keys = s.key_dates.filter((k) => k.baseline || k.forecast).map((k) => h('tr', { 'data-key-date': k.id },
    h('th', { scope: 'row' }, t(`key_${k.id}`)), h('td', {}, k.baseline ?? '—'), h('td', {}, k.forecast ?? '—'),
    h('td', { class: k.slip > 0 ? 'late' : '' }, k.slip === null ? '' : signed(k.slip))));
  const [ab, af] = s.approval_working_days;
  keys.push(h('tr', { 'data-key-date': 'approval_working_days' }, h('th', { scope: 'row' }, t('approvalDays')),
    h('td', {}, `${ab}`), h('td', {}, `${af}`), h('td', { class: af > ab ? 'late' : '' }, signed(af - ab))));
  const unit = (i) => t(i.unit === 'natural' ? 'unitNatural' : 'unitWorking');
  const rows = s.items.map((i) => h('tr', { 'data-status-item': i.id, 'data-state': i.state, class: i.colour ? `c-${i.colour}` : '' },
    h('td', {}, light(i.colour)), h('td', {}, i.name), h('td', {}, t(`state_${i.state}`)),
    h('td', { class: 'num' }, i.used === null ? `–/${i.limit}` : `${i.used}/${i.limit}`, ' ', unit(i)),
    h('td', { class: 'num' }, i.days_left === null ? '' : i.days_left < 0 ? t('daysOver', { n: -i.days_left }) : String(i.days_left)),
    h('td', {}, i.decided ?? (i.limit_ends ? t('limitEnds', { d: i.limit_ends }) : '')),
    h('td', {}, i.forecast[1]), h('td', { class: `num${i.slip > 0 ? ' late' : ''}` }, signed(i.slip))));
  const head = (keysList) => h('tr', {}, keysList.map((k) => h('th', { scope: 'col' }, t(k))));
  // The counts and key dates above the cards; every item under the chart.
  $('status-panel').replaceChildren(
    h('h3', {}, t('statusTitle', { d: s.as_of })),
    h('p', { class: 'muted', 'data-profile': s.profile.id }, t('profileUsed', { p: s.profile.name }), ' · ', counts.join(' · ')),
    h('table', { class: 'keys' }, h('thead', {}, head(['keyDate', 'baseline', 'forecast', 'slip'])), h('tbody', {}, keys)));
  $('status-items').replaceChildren(
    h('h3', {}, t('statusItems')),
    h('table', { class: 'status-items' },
      h('thead', {}, head(['light', 'itemName', 'state', 'used', 'daysLeft', 'decided', 'forecast', 'slip'])),
      h('tbody', {}, rows)));
}

export function clearStatus() {
  $('status-panel').replaceChildren();
  $('status-items').replaceChildren();
}
