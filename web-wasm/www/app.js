// The planner page's entry point: the start-up order, and the controls that steer the whole
// page (ruleset, type, reset, import, mode, language, a changed URL hash). All planning is
// done by the wasm modules (wasm.js); each other concern has its own module, named for it.

import { $ } from './dom.js';
import { state, hashIsCurrent, restoreState, saveState } from './state.js';
import { t, applyLanguage } from './language.js';
import { call, ensureBuiltins, ensureBureau, isBuiltin, loadPlanner, onRecovery } from './wasm.js';
import { defaultRuleset, desc, loadDemoRuleset, loadDescription, needsBureau } from './ruleset.js';
import { adaptProject, adoptProject, resetProject } from './project.js';
import { showError, fatalError } from './diagnostics.js';
import { checkConstructionDays, fillForm } from './form.js';
import { lastPlan, markOutdated, replan } from './replan.js';
import { setMode, wireEditor } from './bureau.js';
import { wireExports } from './exports.js';
import { renderAcross } from './across.js';
import { onRevert } from './editdiff.js';
import { fillProfiles, fillTracking } from './tracking.js';
import { wireForecast } from './forecast.js';

/** Tracking needs the bureau module (the planner module does not track). */
function ensureTracking() {
  return state.track ? ensureBureau() : Promise.resolve();
}

/** The tracking controls from the state (the profiles once the bureau module is there). */
function fillTrackingForm() {
  fillTracking();
  if (state.track) fillProfiles();
}

/** Redraws everything from the state (after a module was replaced, or a new link). */
function refresh() {
  loadDescription();
  fillForm();
  fillTrackingForm();
  replan();
}

async function selectRuleset(rs) {
  state.rs = rs;
  if (needsBureau()) await ensureBureau();
  else await ensureBuiltins(rs);
  loadDescription();
  // The visitor's project moves to the new ruleset: the same type where it has one.
  if (desc && desc.types.length) {
    if (!desc.types.some((x) => x.id === state.type)) state.type = desc.types[0].id;
    state.measures = {};
    state.sel = '';
    adaptProject();
  } else {
    resetProject();
  }
  fillForm();
  fillTrackingForm();
  if (state.mode === 'bureau') await setMode('bureau');
  replan();
}

async function importProject(text) {
  adoptProject(text);
  if (needsBureau()) await ensureBureau();
  else await ensureBuiltins(state.rs);
  await ensureTracking();
  loadDescription();
  fillForm();
  fillTrackingForm();
  replan();
}

function wire() {
  $('ruleset').addEventListener('change', (e) => { selectRuleset(e.target.value).catch(fatalError); });
  $('type').addEventListener('change', (e) => {
    state.type = e.target.value;
    if (state.type) adaptProject();
    fillForm();
    replan();
  });
  $('name').addEventListener('input', (e) => { state.name = e.target.value; replan(); });
  $('start').addEventListener('change', (e) => { state.start = e.target.value; replan(); });
  $('scenario').addEventListener('change', (e) => { state.scenario = e.target.value; replan(); });
  $('construction-days').addEventListener('input', (e) => {
    state.construction = e.target.value.trim();
    checkConstructionDays();
    replan();
  });
  $('reset').addEventListener('click', () => { resetProject(); fillForm(); replan(); });
  $('track').addEventListener('change', (e) => {
    state.track = e.target.checked;
    ensureTracking().then(() => { fillTrackingForm(); replan(); }).catch(fatalError);
  });
  $('as-of').addEventListener('change', (e) => { state.asOf = e.target.value; replan(); });
  $('profile').addEventListener('change', (e) => { state.profile = e.target.value; fillTrackingForm(); replan(); });
  $('across-run').addEventListener('click', () => { ensureBuiltins().then(renderAcross).catch(fatalError); });
  $('import').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    try {
      await importProject(await file.text());
    } catch (err) {
      showError(t('importFailed'), err);
      // The plan on screen is the project as it was before the failed import: say so.
      if (lastPlan) markOutdated(t('importKept'));
    }
    e.target.value = '';
  });
  $('mode-plan').addEventListener('click', () => { setMode('plan').then(saveState, fatalError); });
  $('mode-bureau').addEventListener('click', () => { setMode('bureau').then(saveState, fatalError); });
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh' : 'en';
    applyLanguage();
    fillForm();
    fillTrackingForm();
    replan();
  });
  wireEditor();
  wireExports();
  wireForecast();
  // A link pasted into the address bar of an open page: take its state.
  window.addEventListener('hashchange', () => {
    if (hashIsCurrent()) return;
    if (!restoreState()) return;
    (needsBureau() ? ensureBureau() : ensureBuiltins(state.rs))
      .then(ensureTracking)
      .then(() => { refresh(); return setMode(state.mode); })
      .catch(fatalError);
  });
  onRecovery(refresh);
  // Bureau mode's revert: back to the ruleset the edit started from, the edit dropped.
  onRevert((origin) => {
    state.toml = '';
    state.origin = '';
    selectRuleset(origin).catch(fatalError);
  });
  // Test hook: proves that a trap inside the module is survived (see e2e/e2e.mjs).
  window.__shenpiTest = { panic: () => { try { call('selftest_panic'); } catch (e) { return e.message; } return 'no trap'; } };
}

async function main() {
  const restored = restoreState();
  // A restored demo or edited ruleset, or bureau mode, needs the bureau module as well: fetch
  // and compile both modules at once rather than one after the other.
  const early = restored && (state.rs === 'demo' || state.rs === 'custom' || state.mode === 'bureau' || state.track);
  await Promise.all([loadPlanner(), loadDemoRuleset(), early ? ensureBureau() : null]);
  $('version').textContent = `shenpi ${call('version')}`;
  const known = state.rs === 'demo' || (state.rs === 'custom' && state.toml) || isBuiltin(state.rs);
  const fresh = !restored || !known;
  if (fresh) state.rs = defaultRuleset();
  if (needsBureau()) await ensureBureau();
  else await ensureBuiltins(state.rs);
  loadDescription();
  if (fresh) resetProject();
  await ensureTracking();
  applyLanguage();
  wire();
  fillForm();
  fillTrackingForm();
  await setMode(state.mode);
  replan();
}

main().catch(fatalError);
