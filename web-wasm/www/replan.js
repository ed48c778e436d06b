// Re-planning: the state goes to the core as a project, the plan comes back and is drawn.
// Both steps are timed (window.__shenpiPerf), and body[data-plans] counts the plans drawn so
// that the e2e tests can wait for the next one.

import { $ } from './dom.js';
import { saveState, state } from './state.js';
import { t } from './language.js';
import { call, Crashed } from './wasm.js';
import { desc, rulesetRef } from './ruleset.js';
import { constructionDaysError, invalidFields, projectObject, today } from './project.js';
import { showError, clearError } from './diagnostics.js';
import { renderPlan, renderCompare, clearResults } from './results.js';
import { updateEffects } from './effects.js';
import { renderEditDiff } from './editdiff.js';
import { clearStatus, renderProgressForm, renderStatus, trackedStatus } from './tracking.js';
import { clearForecast } from './forecast.js';

const perf = { firstPlanMs: null, plan: [], update: [] };
window.__shenpiPerf = perf;

/** The last plan drawn, parsed, and as the core's text (which the JSON export offers as is). */
export let lastPlan = null;
export let lastPlanText = '';
/** The layout the chart of the last plan was drawn from (`plan_and_layout`). */
export let lastLayout = null;
/** While tracking: the last status (the core's JSON, parsed) and the baseline's layout. */
export let lastStatus = null;
let lastBaselineLayout = null;
let planCount = 0; // plans drawn since the page loaded (the tests may reset the perf arrays)

/** No plan for the state as it is: the last one leaves the screen (and the exports). */
function noPlan() {
  lastPlan = null;
  lastPlanText = '';
  lastStatus = null;
  clearResults();
  clearStatus();
  markOutdated('');
}

/**
 * Marks the plan on screen as not the answer to what is typed now (`reason`), or clears the
 * mark (''): bureau mode keeps the last good plan while the ruleset text has errors.
 */
export function markOutdated(reason) {
  const note = $('outdated');
  note.textContent = reason;
  note.hidden = !reason;
  document.querySelector('.results').classList.toggle('is-outdated', Boolean(reason));
  if (reason) document.body.dataset.outdated = '1'; else delete document.body.dataset.outdated;
}

/**
 * Re-plans from the state and redraws; the timing of both is recorded. In bureau mode the
 * table of measure effects follows (it is computed again only when the ruleset or the start
 * changed).
 */
export function replan() {
  // A forecast on screen was for the project as it was.
  clearForecast();
  planAndDraw();
  updateEffects();
  renderEditDiff();
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
  const badFields = [...invalidFields.values(), ...(badDays ? [badDays] : [])];
  if (badFields.length) {
    noPlan();
    showError(t('projectErrors'), new Error(badFields.join('；')));
    saveState();
    return;
  }
  let both;
  let tracked = null;
  try {
    if (state.track) {
      // Tracking: the re-forecast is the plan drawn, against the baseline's layout.
      const r = trackedStatus(projectObject(), today());
      both = { plan: r.forecast, layout: r.layout };
      tracked = { status: JSON.parse(r.status), baseline: JSON.parse(r.baseline_layout) };
    } else {
      // The plan and the chart's layout from one planning (the layout is the core's: the SVG
      // export is drawn from the same rows, bar days, key-date anchors and days off).
      both = call('plan_and_layout', rulesetRef(), JSON.stringify(projectObject()), today());
    }
  } catch (e) {
    if (!(e instanceof Crashed)) {
      noPlan();
      showError(t(state.track ? 'progressErrors' : 'projectErrors'), e);
    }
    saveState();
    return;
  }
  const t1 = performance.now();
  clearError();
  markOutdated('');
  // The table across rulesets was for the project as it was: it goes until asked for again.
  $('across').replaceChildren();
  lastPlanText = both.plan;
  lastPlan = JSON.parse(both.plan);
  lastLayout = JSON.parse(both.layout);
  lastStatus = tracked ? tracked.status : null;
  lastBaselineLayout = tracked ? tracked.baseline : null;
  // A plan without a start date is dated today: the form and a shared link keep that date, so
  // the link opened next week shows the same plan, not one re-dated to the day it is opened.
  if (!state.start) {
    state.start = lastPlan.project.start;
    $('start').value = state.start;
  }
  try {
    renderPlan(lastPlan, lastLayout, tracked ? { status: lastStatus, baseline: lastBaselineLayout } : null);
    if (tracked) {
      renderStatus(lastStatus);
      renderProgressForm(lastPlan, replan);
    } else {
      clearStatus();
    }
    renderCompare();
  } catch (e) {
    if (!(e instanceof Crashed)) showError(t('projectErrors'), e);
  }
  const t2 = performance.now();
  perf.plan.push(t1 - t0);
  perf.update.push(t2 - t0);
  if (perf.firstPlanMs === null) perf.firstPlanMs = t2;
  // The public view shows no developer figures; the time stays readable for the tests.
  $('status').textContent = '';
  $('status').removeAttribute('data-t');
  $('status').dataset.planMs = (t1 - t0).toFixed(2);
  document.body.dataset.ready = '1';
  planCount += 1;
  document.body.dataset.plans = String(planCount);
  saveState();
}
