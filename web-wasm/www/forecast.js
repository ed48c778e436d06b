// The forecast with uncertainty (`simulate`, bureau module): on demand, since a run takes tens
// of milliseconds — the key dates' P10–P90 against the plan, the chances of meeting the target
// and a date, the core's S-curve, and what taking one item's uncertainty away buys, computed
// one item at a time between frames so that the page never freezes. A re-plan takes the
// forecast off the screen (it was for the project as it was).

import { $, h } from './dom.js';
import { state, saveState } from './state.js';
import { t } from './language.js';
import { call, ensureBureau } from './wasm.js';
import { rulesetRef } from './ruleset.js';
import { projectObject, today } from './project.js';
import { showError } from './diagnostics.js';

// Each run's number: a chunk of an older run stops when a newer one (or a re-plan) began.
let generation = 0;

function pct(x) {
  return `${(x * 100).toFixed(1)}%`;
}

/** Takes the forecast off the screen and stops any run in progress. */
export function clearForecast() {
  generation += 1;
  $('forecast').replaceChildren();
  delete document.body.dataset.forecast;
}

function request(extra = {}) {
  return JSON.stringify({
    iterations: Number(state.fcIterations) || 2000,
    seed: Number(state.fcSeed) || 1,
    by: state.fcBy || undefined,
    key: state.fcKey || undefined,
    ...extra,
  });
}

/**
 * The core's SVG text as an element of this page (parsed, never as HTML). Its `<style>` goes:
 * the page's CSP allows no inline styles, and style.css styles the same classes.
 */
function svgElement(text) {
  // Removed from the text: even parsing a <style> element counts as applying it.
  const doc = new DOMParser().parseFromString(text.replace(/<style>[^<]*<\/style>/g, ''), 'image/svg+xml');
  return document.importNode(doc.documentElement, true);
}

function impactTable(rows) {
  const shown = rows.filter((r) => Math.abs(r.p80_change) >= 0.05).sort((a, b) => a.p80_change - b.p80_change);
  return h('table', { class: 'impact' },
    h('thead', {}, h('tr', {}, ['itemName', 'impactWithout', 'impactChange'].map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, shown.map((r) => h('tr', { 'data-impact': `${r.id}|${r.without}` },
      h('td', {}, r.name), h('td', {}, t(`impact_${r.without}`)),
      h('td', { class: 'num' }, `${r.p80_change > 0 ? '+' : ''}${r.p80_change.toFixed(1)}`)))));
}

/** Runs the forecast for the state's project and draws it; the impact follows in chunks. */
export async function runForecast() {
  const mine = ++generation;
  await ensureBureau();
  const project = JSON.stringify(projectObject());
  let r;
  try {
    r = call('simulate', rulesetRef(), project, today(), request());
  } catch (e) {
    showError(t('forecastErrors'), e);
    return;
  }
  if (mine !== generation) return;
  const s = JSON.parse(r.json);
  const box = $('forecast');
  const keys = s.keys.map((k) => h('tr', { 'data-key': k.id },
    h('th', { scope: 'row' }, t(`key_${k.id}`)), h('td', {}, k.deterministic),
    ...k.percentiles.map((p) => h('td', { 'data-p': p.p }, p.date)), h('td', { class: 'num' }, pct(k.on_plan_or_earlier))));
  const chances = [
    ...s.targets.map((c) => h('li', { 'data-chance': `target-${c.scope}` }, t('chanceTarget', { s: c.name, n: c.target, p: pct(c.probability) }))),
    ...(s.by ? [h('li', { 'data-chance': 'by' }, t('chanceBy', { k: t(`key_${s.by.key}`), d: s.by.date, p: pct(s.by.probability) }))] : []),
  ];
  const impact = h('div', { class: 'impact-box' }, h('p', { class: 'muted' }, t('impactRunning')));
  box.replaceChildren(
    h('p', { class: 'muted', 'data-runs': `${s.iterations}/${s.seed}` }, t('forecastRuns', { n: s.iterations, s: s.seed }), ' · ',
      s.basis ?? t('forecastNoBasis')),
    h('table', { class: 'keys' },
      h('thead', {}, h('tr', {}, ['keyDate', 'plan', 'P10', 'P50', 'P80', 'P90', 'byThePlan'].map((k) => h('th', { scope: 'col' }, k.startsWith('P') && k.length === 3 ? k : t(k))))),
      h('tbody', {}, keys)),
    h('ul', { class: 'chances' }, chances),
    h('div', { class: 'scurve' }, svgElement(r.svg)),
    h('h4', {}, t('impactTitle', { k: t(`key_${s.key}`) })),
    impact);
  saveState();
  // The impact table, one planned item per chunk.
  const rows = [];
  const items = s.criticality.length;
  for (let k = 0; k < items; k++) {
    await new Promise((ok) => { setTimeout(ok, 0); });
    if (mine !== generation) return;
    try {
      const one = JSON.parse(call('simulate', rulesetRef(), project, today(), request({ impact_items: [k, k + 1] })).json);
      rows.push(...one.impact);
    } catch (e) {
      showError(t('forecastErrors'), e);
      return;
    }
    impact.replaceChildren(impactTable(rows), k + 1 < items ? h('p', { class: 'muted' }, t('impactProgress', { n: k + 1, m: items })) : '');
  }
  document.body.dataset.forecast = String(mine);
}

/** The controls from the state, and their listeners. */
export function wireForecast() {
  const fields = [['fc-iterations', 'fcIterations'], ['fc-seed', 'fcSeed'], ['fc-by', 'fcBy'], ['fc-key', 'fcKey']];
  for (const [id, key] of fields) {
    $(id).value = state[key];
    $(id).addEventListener('change', (e) => { state[key] = e.target.value; clearForecast(); saveState(); });
  }
  $('forecast-run').addEventListener('click', () => { runForecast().catch((e) => showError(t('forecastErrors'), e)); });
}
