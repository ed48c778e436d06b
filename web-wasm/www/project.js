// The project being planned: kept in the state, sent to the core as project JSON
// (`projectObject`), started from a project type's example, or imported from a file.

import { state } from './state.js';
import { t } from './language.js';
import { call, isBuiltin } from './wasm.js';
import { desc, rulesetRef } from './ruleset.js';

/** Today's local date, YYYY-MM-DD: the core starts a project that names no start on it. */
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The construction periods the page accepts, calendar days (the core allows no more either). */
export const CONSTRUCTION_DAYS = { min: 1, max: 3650 };

/**
 * Why a typed construction period cannot be planned, in the page's language; '' when it can
 * ('' itself is the project type's own period).
 */
export function constructionDaysError(text = state.construction) {
  if (text === '') return '';
  const n = /^[0-9]+$/.test(text) ? Number(text) : NaN;
  if (!(n >= CONSTRUCTION_DAYS.min && n <= CONSTRUCTION_DAYS.max)) return t('constructionDaysRange', CONSTRUCTION_DAYS);
  return '';
}

/** Takes the name and attributes of the chosen type's example project (its construction period is the type's). */
export function takeExample() {
  const ex = JSON.parse(call('example', rulesetRef(), state.type, today()));
  state.name = ex.name;
  state.attrs = ex.attributes;
  state.construction = '';
}

/** Starts over from the example of the ruleset's first type, with default measures. */
export function resetProject() {
  state.type = desc && desc.types.length ? desc.types[0].id : '';
  state.measures = {};
  state.start = '';
  state.scenario = 'promised';
  state.construction = '';
  state.sel = '';
  state.attrs = {};
  state.name = '';
  if (desc && state.type) takeExample();
}

/**
 * The project as the core reads it; `overrides` replace fields (the comparisons use this). A
 * construction period is written only when it is valid (`replan` plans nothing otherwise).
 */
export function projectObject(overrides = {}) {
  const days = state.construction !== '' && !constructionDaysError() ? Number(state.construction) : undefined;
  const p = {
    name: state.name || undefined,
    ruleset: desc ? desc.id : undefined,
    type: state.type || undefined,
    start: state.start || undefined,
    scenario: state.scenario,
    construction_days: days,
    attributes: state.attrs,
    measures: state.measures,
    ...overrides,
  };
  return JSON.parse(JSON.stringify(p)); // drops the undefined keys
}

/**
 * Takes an imported project JSON into the state. Its ruleset is taken only when it is one
 * the page has (a built-in or the demo); otherwise the current ruleset plans it.
 */
export function adoptProject(text) {
  const p = JSON.parse(text);
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw new Error('not a JSON object');
  if (typeof p.ruleset === 'string' && isBuiltin(p.ruleset)) state.rs = p.ruleset;
  else if (p.ruleset === 'demo') state.rs = 'demo';
  state.name = typeof p.name === 'string' ? p.name : '';
  state.type = typeof p.type === 'string' ? p.type : '';
  state.start = typeof p.start === 'string' ? p.start : '';
  state.scenario = p.scenario === 'legal' ? 'legal' : 'promised';
  // Kept as written when it is a number, so that one out of range is shown and refused.
  state.construction = typeof p.construction_days === 'number' ? String(p.construction_days) : '';
  state.attrs = p.attributes && typeof p.attributes === 'object' ? p.attributes : {};
  state.measures = p.measures && typeof p.measures === 'object' ? p.measures : {};
  state.sel = '';
}
