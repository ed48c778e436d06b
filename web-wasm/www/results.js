// The results column for one plan: the summary cards, notices, the key dates, the Gantt chart
// (gantt.js) with the items left out below it, the legend, the selected item's explanation,
// and the two before/after comparisons; and, in the form, the project type's construction
// period, which only a plan tells.

import { $, h } from './dom.js';
import { state, saveState } from './state.js';
import { t } from './language.js';
import { call } from './wasm.js';
import { desc, rulesetRef } from './ruleset.js';
import { projectObject, today } from './project.js';
import { drawGantt, labelColumn, COLORS, OFF_CLOCK_OPACITY, BASELINE_COLOR, AS_OF_COLOR, LIGHT_COLORS } from './gantt.js';
import { explainInChart, placeExplain, renderExplain } from './explain.js';
import { compareStatement, excludedText, notAppliedText } from './wording.js';

function card(key, value, sub, cls) {
  return h('div', { class: `card ${cls || ''}`, 'data-card': key },
    h('div', { class: 'k' }, t(key)), h('div', { class: 'v' }, value), h('div', { class: 's' }, sub));
}

/** Calendar days from date `a` to date `b` (both YYYY-MM-DD). */
function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

function renderCards(plan) {
  const s = plan.summary;
  const total = plan.targets.find((x) => x.scope === 'total');
  // Where the target comes from: a bureau checks it, an enterprise may quote it.
  $('target-source').textContent = total && total.source ? t('targetSource', { s: total.source }) : '';
  const targetText = total
    ? `${t('target')} ${total.target} · ${t(total.met ? 'marginLeft' : 'marginOver', { n: Math.abs(total.margin) })}`
    : t('noTarget');
  // The dates come second, in their order: building starts, building ends, the last decision.
  const start = s.construction_start, end = s.completion;
  $('cards').replaceChildren(
    card('approvalDays', `${s.approval_working_days}`, `${t('workdays')} · ${targetText}`,
      total ? (total.met ? 'met' : 'missed') : ''),
    card('elapsed', `${s.elapsed_working_days}`, `${t('workdays')} · ${s.elapsed_calendar_days} ${t('calendarDays')}`),
    // Where fewer than half of the items list their materials, a count would measure the
    // ruleset's gaps, not the project's paperwork (as `Summary::materials_known` in the core).
    s.items > 0 && s.items_with_materials * 2 >= s.items
      ? card('materials', `${s.materials}`, `${s.items} ${t('items')}`)
      : card('materials', '—', t('materialsUnknown', { n: s.items_with_materials, m: s.items })),
    card('applications', `${s.applications}`, `${s.critical_items} ${t('criticalCount')}`),
    card('constructionStart', start ?? '—',
      start ? t('constructionStartSub', { n: daysBetween(plan.project.accepted, start) }) : t('noWorks'), 'date'),
    card('completion', end ?? '—',
      end ? t('completionSub', { n: plan.project.construction_days }) : t('noWorks'), 'date'),
    card('decision', s.finish, `${t('accepted')} ${plan.project.accepted}`, 'date'),
  );
}

/** The key dates (开工, 竣工, …) as the ruleset declares them; each selects its item. */
function renderKeyDates(plan, select) {
  const box = $('key-dates');
  if (!plan.milestones.length) { box.replaceChildren(); return; }
  box.replaceChildren(h('h3', {}, t('keyDates')), h('ol', {}, plan.milestones.map((m) => h('li', {},
    h('button', { type: 'button', 'data-milestone': m.id, onclick: () => select(m.item) },
      h('span', { class: 'name' }, m.name), ' ', h('time', { datetime: m.date }, m.date), ' ',
      h('span', { class: 'muted' }, t('keyDateOffset', { n: m.offset })))))));
}

// The project type's construction period, as the last plan with none typed used it: the form
// shows it while the field is empty and names it while the field overrides it.
let typeDays = { key: '', days: null };

function renderConstructionDefault(plan) {
  const key = `${plan.ruleset.id}/${plan.project.project_type}`;
  if (state.construction === '') typeDays = { key, days: plan.project.construction_days };
  const known = typeDays.key === key ? typeDays.days : undefined;
  const input = $('construction-days');
  input.placeholder = known === null || known === undefined ? '' : String(known);
  let help;
  if (plan.project.construction_days === null) help = t('noWorksDays');
  else if (state.construction === '') help = t('constructionDaysDefault', { n: known });
  else help = known ? t('constructionDaysOwn', { n: known }) : t('constructionDaysOwnUnknown');
  $('construction-days-help').textContent = help;
}

function renderNotices(plan) {
  const notes = [];
  if (plan.years_without_calendar.length) notes.push(t('calendarGap', { years: plan.years_without_calendar.join('、') }));
  if (!plan.items.length) notes.push(t('noItems'));
  // A measure that is on but does not fit the project says so beside its switch, and why.
  for (const m of plan.measures) {
    const note = document.querySelector(`[data-measure-label="${CSS.escape(m.id)}"] .na-note`);
    if (!note) continue;
    note.hidden = !(m.on && !m.applied);
    note.textContent = note.hidden ? '' : notAppliedText(m);
    if (note.hidden) delete note.dataset.why; else note.dataset.why = m.not_applied ?? '';
  }
  const box = $('notices');
  box.replaceChildren(...notes.map((n) => h('li', {}, n)));
  box.hidden = notes.length === 0;
}

/** Every item in a table (printed; the screen has the chart and the explanations). */
function renderItemsTable(plan) {
  const head = h('tr', {}, ...['itemName', 'department', 'accepted', 'decided', 'duration', 'float']
    .map((k) => h('th', { scope: 'col' }, t(k))));
  const rows = plan.items.map((i) => h('tr', { class: i.critical ? 'critical' : '' },
    h('td', {}, i.name), h('td', {}, i.department), h('td', {}, i.accepted), h('td', {}, i.decided),
    h('td', {}, String(i.working_days)), h('td', {}, String(i.total_float))));
  $('items-table').replaceChildren(h('h3', {}, t('itemsTable')), h('table', {}, h('thead', {}, head), h('tbody', {}, ...rows)));
}

function renderExcluded(plan, container) {
  if (!plan.excluded.length) return;
  container.append(h('h3', {}, t('excluded')),
    h('ul', { class: 'muted' }, plan.excluded.map((x) => h('li', {}, `${x.name}：${excludedText(plan, x)}`))));
}

/** A legend entry for every mark the chart draws (data-legend names it for the tests). */
function renderLegend(tracking) {
  const swatch = (key, background, opacity = 1, outline = '') => {
    const i = h('i');
    // Set through the CSSOM: the CSP allows no inline style attributes.
    i.style.background = background;
    i.style.opacity = String(opacity);
    if (outline) i.style.outline = `1px solid ${outline}`;
    return h('span', { 'data-legend': key }, i, t(key));
  };
  const line = (key, color) => {
    const e = swatch(key, color);
    e.firstChild.className = 'line';
    e.dataset.legend = key;
    return e;
  };
  $('legend').replaceChildren(swatch('critical', COLORS.critical), swatch('other', COLORS.other),
    // An item off the approval clock keeps its colour, paled; a critical one keeps a red outline.
    swatch('offClock', COLORS.other, OFF_CLOCK_OPACITY),
    swatch('offClockCritical', COLORS.critical, OFF_CLOCK_OPACITY, '#7a1a12'),
    swatch('stageBar', COLORS.stageBar), line('criticalArrow', '#7a1a12'),
    swatch('dayWeekend', '#e3e6eb'), swatch('dayHoliday', '#f6c9cf'), swatch('dayMakeup', '#c7e8cc'),
    swatch('approvalGauge', COLORS.approval), line('targetLine', COLORS.target), line('milestoneLine', COLORS.milestone),
    // While tracking: the lights, the baseline under each bar, the as-of day.
    ...(tracking ? [...Object.entries(LIGHT_COLORS).map(([c, color]) => swatch(`light_${c}`, color)),
      swatch('baselineBar', BASELINE_COLOR), line('asOfLine', AS_OF_COLOR)] : []),
    h('span', {}, t('clickHint')));
}

/** Takes every result of a plan off the screen (there is no plan for the state as it is). */
export function clearResults() {
  for (const id of ['plan-title', 'target-source', 'cards', 'key-dates', 'gantt', 'legend', 'explain', 'excluded', 'items-table', 'compare', 'across', 'status-panel', 'status-items']) $(id).replaceChildren();
  $('notices').replaceChildren();
  $('notices').hidden = true;
}

/** Plans the project twice more (all measures off; statutory limits) and states the difference. */
export function renderCompare() {
  const box = $('compare');
  box.replaceChildren();
  const allOff = Object.fromEntries(desc.measures.map((m) => [m.id, false]));
  const pairs = [
    // Within the scenario the form chose (承诺时限 or 法定时限).
    ['measuresCompare', projectObject({ measures: allOff }), projectObject(),
      t('measuresOff'), t('measuresOn')],
    ['legalVsPromised', projectObject({ scenario: 'legal' }), projectObject({ scenario: 'promised' }),
      t('legal'), t('promised')],
  ];
  for (const [key, before, after, bl, al] of pairs) {
    const c = JSON.parse(call('compare', rulesetRef(), JSON.stringify(before), JSON.stringify(after), today(), bl, al));
    box.append(h('div', { class: 'pair', 'data-compare': key },
      h('div', {}, t(key)),
      h('div', { class: 'statement' }, compareStatement(c)),
      h('div', { class: 'muted' },
        `${c.before.label}: ${c.before.approval_working_days} ${t('workdays')} · ${c.before.items} ${t('items')} · ${c.before.finish}　`
        + `${c.after.label}: ${c.after.approval_working_days} ${t('workdays')} · ${c.after.items} ${t('items')} · ${c.after.finish}`)));
  }
}

// The chart layout of the plan drawn last (the core's `plan_and_layout`), kept for redraws,
// and while tracking the status and the baseline's layout it is drawn against.
let planLayout = null;
let planTracking = null;

/** Draws a plan from its chart `layout`; `tracking` is `{status, baseline}` or null. */
export function renderPlan(plan, layout = planLayout, tracking = planTracking) {
  planLayout = layout;
  planTracking = tracking;
  // Selecting redraws this plan (the last one drawn: each plan replaces the chart); a row
  // chosen by keyboard keeps the focus, and the explanation under it comes into view.
  const select = (id, how = {}) => {
    if (id === '' && !state.sel) return;
    state.sel = id;
    renderPlan(plan);
    saveState();
    if (how.keyboard) $('gantt').querySelector(`[data-item="${CSS.escape(id)}"]`)?.focus();
    $('explain').scrollIntoView?.({ block: 'nearest' });
  };
  $('plan-title').textContent = `${plan.project.name} · ${plan.project.project_type_name} · ${plan.ruleset.name}`;
  renderCards(plan);
  renderNotices(plan);
  renderKeyDates(plan, select);
  renderConstructionDefault(plan);
  const gantt = $('gantt');
  renderExplain(plan, () => {
    const id = state.sel;
    select('');
    $('gantt').querySelector(`[data-item="${CSS.escape(id)}"]`)?.focus();
  });
  // The chart leaves room under the selected row for its explanation (in chart units: the
  // chart is drawn 960 wide and scaled to the container).
  const room = explainInChart() ? $('explain').offsetHeight + 8 : 0;
  const toChart = 960 / Math.max(1, gantt.clientWidth || 960);
  const chart = drawGantt(plan, {
    t, selected: state.sel, onSelect: select, layout: planLayout, gap: room * toChart, tracking: planTracking,
  });
  gantt.replaceChildren(chart, labelColumn(chart, select));
  placeExplain();
  $('excluded').replaceChildren();
  renderExcluded(plan, $('excluded'));
  renderItemsTable(plan);
  renderLegend(planTracking !== null);
}
