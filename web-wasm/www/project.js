// The project being planned: kept in the state, sent to the core as project JSON
// (`projectObject`), started from a project type's example, or imported from a file.

import { state } from './state.js';
import { t } from './language.js';
import { call, isBuiltin } from './wasm.js';
import { desc, rulesetRef } from './ruleset.js';
import { progressObject } from './tracking.js';

/** Today's local date, YYYY-MM-DD: the core starts a project that names no start on it. */
export function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/**
 * Fields whose text cannot be planned (a number out of its range), by attribute id, with the
 * message shown: while any is left, there is no plan on screen (it would belong to the old value).
 */
export const invalidFields = new Map();

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

// The name the last example gave the project: a name still equal to it is the example's, not
// the visitor's, and follows the next example.
let exampleName = '';

/** Takes the name and attributes of the chosen type's example project (its construction period is the type's). */
export function takeExample() {
  const ex = JSON.parse(call('example', rulesetRef(), state.type, today()));
  state.name = ex.name;
  exampleName = ex.name;
  state.attrs = ex.attributes;
  state.construction = '';
}

/** Whether `value` is one the attribute `a` (of a ruleset's description) accepts. */
export function fits(a, value) {
  if (a.kind === 'enum') return a.values.some((v) => v.id === value);
  if (a.kind === 'number') {
    return typeof value === 'number' && Number.isFinite(value)
      && (a.min === null || value >= a.min) && (a.max === null || value <= a.max);
  }
  if (a.kind === 'bool') return typeof value === 'boolean';
  return typeof value === 'string';
}

/**
 * Moves the visitor's project to the chosen type (of the current ruleset, after a switch of
 * ruleset too): the attributes the type is decided by come from its example, so that the
 * project is of that type; every other value the visitor entered that the ruleset has is kept,
 * and so are the name (unless it was an example's), the start and the construction period.
 */
export function adaptProject() {
  const ex = JSON.parse(call('example', rulesetRef(), state.type, today()));
  const type = desc.types.find((x) => x.id === state.type);
  const decides = new Set(type ? type.tests : []);
  const attrs = {};
  for (const a of desc.attributes) {
    const mine = state.attrs[a.id];
    if (!decides.has(a.id) && mine !== undefined && fits(a, mine)) attrs[a.id] = mine;
    else if (ex.attributes[a.id] !== undefined) attrs[a.id] = ex.attributes[a.id];
  }
  state.attrs = attrs;
  if (!state.name || state.name === exampleName) {
    state.name = ex.name;
    exampleName = ex.name;
  }
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
  state.progress = {};
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
    progress: progressObject(),
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
  // A project that records its progress is tracked.
  state.progress = p.progress && typeof p.progress === 'object' && !Array.isArray(p.progress) ? p.progress : {};
  if (Object.keys(state.progress).length) state.track = true;
  state.sel = '';
}
