// Re-planning: the state goes to the core as a project, the plan comes back and is drawn.
// Both steps are timed (window.__shenpiPerf), and body[data-plans] counts the plans drawn so
// that the e2e tests can wait for the next one.

import { $ } from './dom.js';
import { saveState } from './state.js';
import { t } from './language.js';
import { call, Crashed } from './wasm.js';
import { desc, rulesetRef } from './ruleset.js';
import { constructionDaysError, projectObject, today } from './project.js';
import { showError, clearError } from './diagnostics.js';
import { renderPlan, renderCompare, clearResults } from './results.js';
import { updateEffects } from './effects.js';

const perf = { firstPlanMs: null, plan: [], update: [] };
window.__shenpiPerf = perf;

/** The last plan drawn, parsed, and as the core's text (which the JSON export offers as is). */
export let lastPlan = null;
export let lastPlanText = '';
let planCount = 0; // plans drawn since the page loaded (the tests may reset the perf arrays)

/** No plan for the state as it is: the last one leaves the screen (and the exports). */
function noPlan() {
  lastPlan = null;
  lastPlanText = '';
  clearResults();
}

/**
 * Re-plans from the state and redraws; the timing of both is recorded. In bureau mode the
 * table of measure effects follows (it is computed again only when the ruleset or the start
 * changed).
 */
export function replan() {
  planAndDraw();
  updateEffects();
}

function planAndDraw() {
  const t0 = performance.now();
  if (!desc) {
    noPlan();
    try { call('describe', rulesetRef()); } catch (e) { if (!(e instanceof Crashed)) showError(t('rulesetErrors'), e); }
    saveState();
    return;
  }
  const badDays = constructionDaysError();
  if (badDays) {
    noPlan();
    showError(t('projectErrors'), new Error(badDays));
    saveState();
    return;
  }
  let text;
  try {
    text = call('plan', rulesetRef(), JSON.stringify(projectObject()), today());
  } catch (e) {
    if (!(e instanceof Crashed)) {
      noPlan();
      showError(t('projectErrors'), e);
    }
    saveState();
    return;
  }
  const t1 = performance.now();
  clearError();
  lastPlanText = text;
  lastPlan = JSON.parse(text);
  try {
    renderPlan(lastPlan);
    renderCompare();
  } catch (e) {
    if (!(e instanceof Crashed)) showError(t('projectErrors'), e);
  }
  const t2 = performance.now();
  perf.plan.push(t1 - t0);
  perf.update.push(t2 - t0);
  if (perf.firstPlanMs === null) perf.firstPlanMs = t2;
  $('status').textContent = t('planMs', { ms: (t1 - t0).toFixed(2) });
  document.body.dataset.ready = '1';
  planCount += 1;
  document.body.dataset.plans = String(planCount);
  saveState();
}
