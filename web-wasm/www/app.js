// The planner page. All planning is done by the wasm modules (shenpi-core); this file keeps
// the state, builds the form and draws the results. Text only ever goes in as text nodes.
//
// Two modules: the planner (pkg/shenpi_wasm.js: built-in rulesets, precompiled) is loaded at
// start; the bureau module (pkg/shenpi_bureau.js: rulesets as TOML text, `check`,
// `ruleset_text`) only when needed: bureau mode, the demo or an edited ruleset.

import { translate } from './i18n.js';
import { drawGantt, COLORS } from './gantt.js';
import { download } from './exports.js';

const perf = { firstPlanMs: null, plan: [], update: [] };
window.__shenpiPerf = perf;

const $ = (id) => document.getElementById(id);
const STORAGE_KEY = 'shenpi-web-state';

let wasm = null; // the planner module
let generation = 0; // planner instantiations (body[data-generation])
let bureau = null; // the bureau module, once loaded
let bureauGeneration = 0; // bureau instantiations (body[data-bureau])
let bureauLoading = null;
let builtins = [];
let demoText = '';
let desc = null; // description of the current ruleset (null when it has errors)
let lastPlan = null;
let lastPlanText = '';
let planCount = 0; // plans drawn since the page loaded (perf arrays may be reset by tests)

const state = {
  rs: '', toml: '', type: '', name: '', start: '', scenario: 'promised',
  attrs: {}, measures: {}, lang: 'zh', mode: 'plan', sel: '',
};

const t = (key, vars) => translate(state.lang, key, vars);

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function today() {
  const d = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

// ---- the wasm modules, re-instantiated after a trap --------------------------------------

/** Imports and instantiates a module afresh (the query string defeats the module cache). */
async function instantiate(glue, g) {
  const m = await import(`./pkg/${glue}?g=${g}`);
  await m.default();
  m.start();
  return m;
}

async function loadWasm() {
  generation += 1;
  wasm = await instantiate('shenpi_wasm.js', generation);
  document.body.dataset.generation = String(generation);
}

async function loadBureau() {
  bureauGeneration += 1;
  bureau = await instantiate('shenpi_bureau.js', bureauGeneration);
  document.body.dataset.bureau = String(bureauGeneration);
}

/** Loads the bureau module unless it is loaded (or loading). */
function ensureBureau() {
  if (bureau) return Promise.resolve();
  if (!bureauLoading) bureauLoading = loadBureau().finally(() => { bureauLoading = null; });
  return bureauLoading;
}

function isBuiltin(rs) {
  return builtins.some((r) => r.id === rs);
}

/** Whether the current ruleset is TOML text (the demo, an edited one): the bureau module's. */
function needsBureau() {
  return !isBuiltin(state.rs);
}

class Crashed extends Error {}

// The bindings whose first argument is a ruleset: a built-in id goes to the planner, TOML
// text to the bureau module. `check` and `ruleset_text` exist in the bureau module only.
const BY_RULESET = new Set(['describe', 'plan', 'render', 'compare', 'example']);
const BUREAU_ONLY = new Set(['check', 'ruleset_text']);

function call(name, ...args) {
  const inBureau = BUREAU_ONLY.has(name) || (BY_RULESET.has(name) && !isBuiltin(args[0]));
  const m = inBureau ? bureau : wasm;
  if (!m) throw new Crashed(t('crashed'));
  try {
    return m[name](...args);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) {
      if (inBureau) bureau = null; else wasm = null;
      const fatal = $('fatal');
      fatal.textContent = `${t('crashed')} (${e.message})`;
      fatal.hidden = false;
      (inBureau ? loadBureau() : loadWasm()).then(() => {
        fatal.textContent = `${t('crashed')} ${t('recovered')}`;
        refresh();
        // The notice has done its job once the page works again; don't leave it up forever.
        setTimeout(() => { if (inBureau ? bureau : wasm) fatal.hidden = true; }, 8000);
      }, (err) => { fatal.textContent = `${t('crashed')} ${err}`; });
      throw new Crashed(t('crashed'));
    }
    throw e;
  }
}

/** Reports a failure outside the form's own error display (e.g. a module that won't load). */
function fatalError(e) {
  const fatal = $('fatal');
  fatal.textContent = String(e && e.message ? e.message : e);
  fatal.hidden = false;
}

// ---- state: URL hash and localStorage ------------------------------------------------------

function encodeState() {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeState(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0))));
}

function saveState() {
  const encoded = encodeState();
  history.replaceState(null, '', `#s=${encoded}`);
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch { /* storage full or off */ }
}

function restoreState() {
  let saved = null;
  const m = location.hash.match(/^#s=([A-Za-z0-9_-]+)$/);
  try {
    if (m) saved = decodeState(m[1]);
    else saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
  } catch { saved = null; }
  if (!saved || typeof saved !== 'object') return false;
  for (const k of Object.keys(state)) {
    if (saved[k] !== undefined && typeof saved[k] === typeof state[k]) state[k] = saved[k];
  }
  return true;
}

// ---- rulesets -------------------------------------------------------------------------------

function rulesetRef() {
  if (state.rs === 'demo') return demoText;
  if (state.rs === 'custom') return state.toml;
  return state.rs;
}

function rulesetTextOf(rs) {
  if (rs === 'demo') return demoText;
  if (rs === 'custom') return state.toml;
  return call('ruleset_text', rs);
}

function defaultRuleset() {
  const first = builtins.find((r) => !r.error && r.types && r.types.length > 0);
  return first ? first.id : 'demo';
}

function loadDescription() {
  desc = null;
  try {
    desc = JSON.parse(call('describe', rulesetRef()));
  } catch (e) {
    if (e instanceof Crashed) return;
    desc = null;
  }
}

function resetProject() {
  state.type = desc && desc.types.length ? desc.types[0].id : '';
  state.measures = {};
  state.start = '';
  state.scenario = 'promised';
  state.sel = '';
  state.attrs = {};
  state.name = '';
  if (desc && state.type) {
    const ex = JSON.parse(call('example', rulesetRef(), state.type, today()));
    state.name = ex.name;
    state.attrs = ex.attributes;
  }
}

function projectObject(overrides = {}) {
  const p = {
    name: state.name || undefined,
    ruleset: desc ? desc.id : undefined,
    type: state.type || undefined,
    start: state.start || undefined,
    scenario: state.scenario,
    attributes: state.attrs,
    measures: state.measures,
    ...overrides,
  };
  return JSON.parse(JSON.stringify(p)); // drops the undefined keys
}

// ---- the form ----------------------------------------------------------------------------

function fillRulesetPicker() {
  const sel = $('ruleset');
  sel.replaceChildren();
  for (const r of builtins) {
    const label = r.error ? `${r.id} ⚠` : `${r.name}（${r.jurisdiction}）`;
    sel.append(h('option', { value: r.id }, label));
  }
  sel.append(h('option', { value: 'demo' }, t('demo')));
  if (state.toml) sel.append(h('option', { value: 'custom' }, t('custom')));
  sel.value = state.rs;
}

function rangeMessage(a, value) {
  if (!Number.isFinite(value)) return t('notNumber');
  if ((a.min !== null && value < a.min) || (a.max !== null && value > a.max)) {
    return t('outOfRange', { min: a.min ?? '−∞', max: a.max ?? '∞' });
  }
  return '';
}

function attributeField(a) {
  const value = state.attrs[a.id];
  const label = h('span', {}, a.label, a.required ? ` *` : '');
  const help = a.help ? h('small', { class: 'muted' }, a.help) : null;
  if (a.kind === 'bool') {
    const box = h('input', { type: 'checkbox', 'data-attr': a.id });
    box.checked = value === true;
    box.addEventListener('change', () => { state.attrs[a.id] = box.checked; update(); });
    return h('label', { class: 'field check' }, box, label, help);
  }
  if (a.kind === 'enum') {
    const sel = h('select', { 'data-attr': a.id });
    if (!a.required || value === undefined) sel.append(h('option', { value: '' }, '—'));
    for (const v of a.values) sel.append(h('option', { value: v.id }, v.label));
    sel.value = value ?? '';
    sel.addEventListener('change', () => {
      if (sel.value === '') delete state.attrs[a.id]; else state.attrs[a.id] = sel.value;
      update();
    });
    return h('label', { class: 'field' }, label, sel, help);
  }
  const numeric = a.kind === 'number';
  const input = h('input', {
    type: numeric ? 'number' : 'text', 'data-attr': a.id, step: numeric ? 'any' : undefined,
    min: numeric && a.min !== null ? a.min : undefined, max: numeric && a.max !== null ? a.max : undefined,
  });
  input.value = value ?? '';
  const msg = h('span', { class: 'invalid', 'aria-live': 'polite' });
  input.addEventListener('input', () => {
    if (input.value.trim() === '') {
      delete state.attrs[a.id];
      msg.textContent = a.required ? t('required') : '';
    } else if (numeric) {
      const n = Number(input.value);
      msg.textContent = rangeMessage(a, n);
      if (msg.textContent) { input.setAttribute('aria-invalid', 'true'); return; }
      state.attrs[a.id] = n;
    } else {
      state.attrs[a.id] = input.value;
    }
    input.removeAttribute('aria-invalid');
    update();
  });
  const row = h('span', { class: 'row' }, input, a.unit ? h('span', { class: 'unit' }, a.unit) : null);
  return h('label', { class: 'field' }, label, row, msg, help);
}

function fillForm() {
  fillRulesetPicker();
  const info = $('ruleset-info');
  info.replaceChildren();
  const types = $('type');
  types.replaceChildren();
  const attrs = $('attributes');
  attrs.replaceChildren(h('legend', {}, t('attributes')));
  const measures = $('measures');
  measures.replaceChildren(h('legend', {}, t('measures')));
  if (!desc) return;
  info.append(`${desc.id}${desc.builtin ? ` · ${t('builtin')}` : ''} · ${desc.items} ${t('items')}`);
  if (desc.description) info.append(h('br'), desc.description);
  for (const ty of desc.types) types.append(h('option', { value: ty.id }, ty.name));
  types.append(h('option', { value: '' }, t('autoType')));
  types.value = state.type;
  $('name').value = state.name;
  $('start').value = state.start;
  $('start').placeholder = t('startHint');
  $('scenario').value = state.scenario;
  for (const a of desc.attributes) attrs.append(attributeField(a));
  if (desc.measures.length === 0) measures.append(h('p', { class: 'muted' }, t('noMeasures')));
  for (const m of desc.measures) {
    const box = h('input', { type: 'checkbox', 'data-measure': m.id });
    box.checked = state.measures[m.id] ?? m.default;
    box.addEventListener('change', () => { state.measures[m.id] = box.checked; update(); });
    measures.append(h('label', { class: 'field check measure', 'data-measure-label': m.id }, box,
      h('span', {}, m.name, m.default ? '' : `（${t('measureDefaultOff')}）`),
      m.description ? h('small', {}, m.description) : null,
      h('small', { class: 'na-note', hidden: '' })));
  }
}

// ---- results -------------------------------------------------------------------------------

function where(d) {
  const l = d.labels.find((x) => x.primary) || d.labels[0];
  return l ? `${l.file} · ${t('line', { l: l.line, c: l.column })}` : '';
}

function diagnosticItem(d, onClick) {
  const li = h('li', { class: d.severity, 'data-code': d.code },
    h('span', { class: 'where' }, where(d)), ' ', d.message, ` [${d.code}]`);
  for (const l of d.labels) if (l.message && l.message !== d.message) li.append(h('span', { class: 'help' }, `→ ${l.message}`));
  if (d.help) li.append(h('span', { class: 'help' }, d.help));
  if (onClick && d.labels.length) {
    li.addEventListener('click', () => onClick(d.labels[0]));
    li.style.cursor = 'pointer';
  }
  return li;
}

function showError(title, e) {
  const box = $('error');
  box.textContent = `${title} ${e.message}`;
  box.hidden = false;
  const list = $('error-list');
  list.replaceChildren(...(e.diagnostics || []).map((d) => diagnosticItem(d)));
}

function clearError() {
  $('error').hidden = true;
  $('error-list').replaceChildren();
}

function card(key, value, sub, cls) {
  return h('div', { class: `card ${cls || ''}`, 'data-card': key },
    h('div', { class: 'k' }, t(key)), h('div', { class: 'v' }, value), h('div', { class: 's' }, sub));
}

function renderCards(plan) {
  const s = plan.summary;
  const total = plan.targets.find((x) => x.scope === 'total');
  const targetText = total
    ? `${t('target')} ${total.target} · ${total.met ? t('met') : t('missed')} ${Math.abs(total.margin)}`
    : t('noTarget');
  $('cards').replaceChildren(
    card('approvalDays', `${s.approval_working_days}`, `${t('workdays')} · ${targetText}`,
      total ? (total.met ? 'met' : 'missed') : ''),
    card('elapsed', `${s.elapsed_working_days}`, `${t('workdays')} · ${s.elapsed_calendar_days} ${t('calendarDays')}`),
    card('decision', s.finish, `${t('accepted')} ${plan.project.accepted}`),
    card('materials', `${s.materials}`, `${s.items} ${t('items')}`),
    card('applications', `${s.applications}`, `${s.critical_items} ${t('critical')}`),
  );
}

function renderLegend() {
  const sw = (color, key) => h('span', {}, h('i', { class: `sw-${key}` }), t(key));
  const legend = $('legend');
  legend.replaceChildren(sw(COLORS.critical, 'critical'), sw(COLORS.other, 'other'),
    sw(COLORS.offClock, 'offClock'), sw(COLORS.target, 'targetLine'), h('span', {}, t('clickHint')));
  const colors = { critical: COLORS.critical, other: COLORS.other, offClock: COLORS.offClock, targetLine: COLORS.target };
  for (const [key, color] of Object.entries(colors)) legend.querySelector(`.sw-${key}`).style.background = color;
}

function renderExplain(plan) {
  const box = $('explain');
  box.replaceChildren();
  const it = plan.items.find((i) => i.id === state.sel);
  if (!it) return;
  const name = (id) => plan.items.find((i) => i.id === id)?.name ?? id;
  const stage = plan.stages.find((s) => s.id === it.stage);
  const rows = [
    ['department', it.department],
    ['stage', stage ? stage.name : it.stage],
    ['duration', `${it.duration} ${it.unit === 'natural' ? t('unitNatural') : t('unitWorking')} · ${t(`clock_${it.clock}`)}`],
    ['accepted', it.accepted], ['decided', it.decided],
    ['critical', critical(plan, it) ? t('yes') : t('no')],
    ['float', `${it.total_float} ${t('workdays')}`],
    ['predecessors', it.predecessors.length ? it.predecessors.map(name).join('、') : t('none')],
    ['because', it.applies_because || t('none')],
    ['materials', it.materials.length ? it.materials.join('、') : t('none')],
    ['provenance', provenanceText(it.provenance)],
  ];
  if (it.bundle) rows.push(['bundle', it.bundle]);
  const dl = h('dl');
  for (const [k, v] of rows) dl.append(h('dt', {}, t(k)), h('dd', {}, v));
  box.append(h('h3', { 'data-explain': it.id }, it.name, it.kind === 'merged' ? `（${t('kind_merged')}）` : ''), dl);
  if (it.trace.length) box.append(h('h4', {}, t('changes')), h('ul', {}, it.trace.map((c) => h('li', {}, traceText(plan, c)))));
}

// The plan's explanations come as data (docs/plan-format.md); they are worded here so that
// they follow the page's language.
function measureName(plan, id) {
  return plan.measures.find((m) => m.id === id)?.name ?? id;
}

function traceText(plan, c) {
  const vars = { ...c, m: c.measure ? measureName(plan, c.measure) : '' };
  if (c.kind === 'clock') Object.assign(vars, { from: t(`clock_${c.from}`), to: t(`clock_${c.to}`) });
  if (c.kind === 'unit') vars.to = c.to === 'natural' ? t('unitNatural') : t('unitWorking');
  return t(`trace_${c.kind}`, vars);
}

function excludedText(plan, x) {
  if (x.by === 'condition') return t('excludedCondition', { cond: x.condition ?? '' });
  return t(x.by === 'exempted' ? 'excludedExempted' : 'excludedMerged', { m: measureName(plan, x.measure) });
}

// `source: …` / `estimate: …` (docs/plan-format.md).
function provenanceText(p) {
  if (!p) return t('none');
  if (p.startsWith('source: ')) return p.slice('source: '.length);
  if (p.startsWith('estimate: ')) return t('estimate', { why: p.slice('estimate: '.length) });
  return p;
}

function renderNotices(plan) {
  const notes = [];
  if (plan.years_without_calendar.length) notes.push(t('calendarGap', { years: plan.years_without_calendar.join('、') }));
  if (!plan.items.length) notes.push(t('noItems'));
  // A measure that is on but does not fit the project says so beside its switch.
  for (const m of plan.measures) {
    const note = document.querySelector(`[data-measure-label="${CSS.escape(m.id)}"] .na-note`);
    if (!note) continue;
    note.hidden = !(m.on && !m.applied);
    note.textContent = note.hidden ? '' : t('notApplicable', { cond: m.condition ?? '' });
  }
  const box = $('notices');
  box.replaceChildren(...notes.map((n) => h('li', {}, n)));
  box.hidden = notes.length === 0;
}

function critical(plan, it) {
  return plan.critical_path.includes(it.id);
}

function renderExcluded(plan, container) {
  if (!plan.excluded.length) return;
  container.append(h('h3', {}, t('excluded')),
    h('ul', { class: 'muted' }, plan.excluded.map((x) => h('li', {}, `${x.name}：${excludedText(plan, x)}`))));
}

function renderCompare() {
  const box = $('compare');
  box.replaceChildren();
  const allOff = Object.fromEntries(desc.measures.map((m) => [m.id, false]));
  const pairs = [
    ['measuresCompare', projectObject({ measures: allOff, scenario: 'promised' }), projectObject({ scenario: 'promised' }),
      t('measuresOff'), t('measuresOn')],
    ['legalVsPromised', projectObject({ scenario: 'legal' }), projectObject({ scenario: 'promised' }),
      t('legal'), t('promised')],
  ];
  for (const [key, before, after, bl, al] of pairs) {
    const c = JSON.parse(call('compare', rulesetRef(), JSON.stringify(before), JSON.stringify(after), today(), bl, al));
    box.append(h('div', { class: 'pair', 'data-compare': key },
      h('div', {}, t(key)),
      h('div', { class: 'statement' }, c.statement),
      h('div', { class: 'muted' },
        `${c.before.label}: ${c.before.approval_working_days} ${t('workdays')} · ${c.before.items} ${t('items')} · ${c.before.finish}　`
        + `${c.after.label}: ${c.after.approval_working_days} ${t('workdays')} · ${c.after.items} ${t('items')} · ${c.after.finish}`)));
  }
}

function renderPlan(plan) {
  $('plan-title').textContent = `${plan.project.name} · ${plan.project.project_type_name} · ${plan.ruleset.name}`;
  renderCards(plan);
  renderNotices(plan);
  const gantt = $('gantt');
  gantt.replaceChildren(drawGantt(plan, {
    t, selected: state.sel,
    onSelect: (id) => { state.sel = id; renderPlan(lastPlan); saveState(); },
  }));
  renderExcluded(plan, gantt);
  renderLegend();
  renderExplain(plan);
}

/** Re-plans from the state and redraws; the timing of both is recorded. */
function update() {
  const t0 = performance.now();
  if (!desc) {
    $('cards').replaceChildren();
    $('gantt').replaceChildren();
    $('compare').replaceChildren();
    try { call('describe', rulesetRef()); } catch (e) { if (!(e instanceof Crashed)) showError(t('rulesetErrors'), e); }
    saveState();
    return;
  }
  let text;
  try {
    text = call('plan', rulesetRef(), JSON.stringify(projectObject()), today());
  } catch (e) {
    if (!(e instanceof Crashed)) showError(t('projectErrors'), e);
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

// ---- bureau mode -------------------------------------------------------------------------

function fillGutter(text, diagnostics) {
  const bad = new Map();
  for (const d of diagnostics) {
    for (const l of d.labels) if (l.file === 'ruleset.toml') bad.set(l.line, d.severity === 'error' ? 'bad' : (bad.get(l.line) || 'warned'));
  }
  const gutter = $('gutter');
  gutter.replaceChildren();
  const lines = text.split('\n').length;
  for (let n = 1; n <= lines; n++) {
    gutter.append(h('span', { class: bad.get(n), 'data-line': n }, String(n)), '\n');
  }
  gutter.scrollTop = $('toml').scrollTop;
}

function jumpTo(label) {
  const ta = $('toml');
  ta.focus();
  ta.setSelectionRange(label.start, label.end);
}

function checkEditor() {
  const text = $('toml').value;
  let result;
  try { result = JSON.parse(call('check', text)); } catch { return; }
  fillGutter(text, result.diagnostics);
  const list = $('diagnostics');
  list.replaceChildren(...result.diagnostics.map((d) => diagnosticItem(d, jumpTo)));
  if (result.ok && result.diagnostics.length === 0) list.append(h('li', { class: 'ok' }, t('checkOk')));
  const previousId = desc ? desc.id : null;
  const previousTypes = desc ? desc.types.map((x) => x.id).join() : null;
  state.toml = text;
  state.rs = 'custom';
  loadDescription();
  if (desc && (desc.id !== previousId || desc.types.map((x) => x.id).join() !== previousTypes)
      && !desc.types.some((x) => x.id === state.type)) {
    resetProject();
  }
  fillForm();
  update();
}

async function setMode(mode) {
  state.mode = mode;
  const on = mode === 'bureau';
  if (on) await ensureBureau();
  $('bureau').hidden = !on;
  document.querySelector('.layout').classList.toggle('bureau-on', on);
  $('mode-plan').setAttribute('aria-pressed', String(!on));
  $('mode-bureau').setAttribute('aria-pressed', String(on));
  if (on) {
    let text = '';
    try { text = rulesetTextOf(state.rs); } catch { text = state.toml; }
    $('toml').value = text;
    let diags = [];
    try { diags = JSON.parse(call('check', text)).diagnostics; } catch { diags = []; }
    fillGutter(text, diags);
    $('diagnostics').replaceChildren(...diags.map((d) => diagnosticItem(d, jumpTo)));
  }
}

// ---- language ------------------------------------------------------------------------------

function applyLanguage() {
  document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
  const lang = $('lang');
  lang.textContent = state.lang === 'en' ? '中文' : 'English';
  lang.lang = state.lang === 'en' ? 'zh-CN' : 'en';
  document.title = `${t('title')} · shenpi`;
}

// ---- wiring ----------------------------------------------------------------------------

function refresh() {
  loadDescription();
  fillForm();
  update();
}

async function selectRuleset(rs) {
  state.rs = rs;
  if (needsBureau()) await ensureBureau();
  loadDescription();
  resetProject();
  fillForm();
  if (state.mode === 'bureau') await setMode('bureau');
  update();
}

async function importProject(text) {
  const p = JSON.parse(text);
  if (!p || typeof p !== 'object' || Array.isArray(p)) throw new Error('not a JSON object');
  if (typeof p.ruleset === 'string' && builtins.some((r) => r.id === p.ruleset)) state.rs = p.ruleset;
  else if (p.ruleset === 'demo') state.rs = 'demo';
  if (needsBureau()) await ensureBureau();
  loadDescription();
  state.name = typeof p.name === 'string' ? p.name : '';
  state.type = typeof p.type === 'string' ? p.type : '';
  state.start = typeof p.start === 'string' ? p.start : '';
  state.scenario = p.scenario === 'legal' ? 'legal' : 'promised';
  state.attrs = p.attributes && typeof p.attributes === 'object' ? p.attributes : {};
  state.measures = p.measures && typeof p.measures === 'object' ? p.measures : {};
  state.sel = '';
  fillForm();
  update();
}

let editTimer = 0;

function wire() {
  $('ruleset').addEventListener('change', (e) => { selectRuleset(e.target.value).catch(fatalError); });
  $('type').addEventListener('change', (e) => {
    state.type = e.target.value;
    if (state.type) {
      const ex = JSON.parse(call('example', rulesetRef(), state.type, today()));
      state.attrs = ex.attributes;
      state.name = ex.name;
    }
    fillForm();
    update();
  });
  $('name').addEventListener('input', (e) => { state.name = e.target.value; update(); });
  $('start').addEventListener('change', (e) => { state.start = e.target.value; update(); });
  $('scenario').addEventListener('change', (e) => { state.scenario = e.target.value; update(); });
  $('reset').addEventListener('click', () => { resetProject(); fillForm(); update(); });
  $('import').addEventListener('change', async (e) => {
    const file = e.target.files[0];
    if (!file) return;
    try { await importProject(await file.text()); } catch (err) { showError(t('importFailed'), err); }
    e.target.value = '';
  });
  $('mode-plan').addEventListener('click', () => { setMode('plan').then(saveState, fatalError); });
  $('mode-bureau').addEventListener('click', () => { setMode('bureau').then(saveState, fatalError); });
  $('lang').addEventListener('click', () => {
    state.lang = state.lang === 'en' ? 'zh' : 'en';
    applyLanguage();
    fillForm();
    update();
  });
  $('toml').addEventListener('input', () => {
    clearTimeout(editTimer);
    editTimer = setTimeout(checkEditor, 120);
  });
  $('toml').addEventListener('scroll', () => { $('gutter').scrollTop = $('toml').scrollTop; });
  const base = () => (lastPlan ? `${lastPlan.ruleset.id}-${lastPlan.project.project_type}` : 'plan');
  $('export-json').addEventListener('click', () => lastPlan && download(`${base()}.json`, 'application/json', lastPlanText));
  const rendered = (format, type) => () => {
    if (!lastPlan) return;
    try {
      download(`${base()}.${format}`, type, call('render', rulesetRef(), JSON.stringify(projectObject()), today(), format));
    } catch (e) {
      if (!(e instanceof Crashed)) showError(t('projectErrors'), e);
    }
  };
  $('export-csv').addEventListener('click', rendered('csv', 'text/csv;charset=utf-8'));
  $('export-ics').addEventListener('click', rendered('ics', 'text/calendar;charset=utf-8'));
  $('export-svg').addEventListener('click', rendered('svg', 'image/svg+xml'));
  $('export-project').addEventListener('click', () => download(`${base()}-project.json`, 'application/json',
    `${JSON.stringify(projectObject(), null, 2)}\n`));
  window.addEventListener('hashchange', () => {
    if (location.hash === `#s=${encodeState()}`) return;
    if (!restoreState()) return;
    (needsBureau() ? ensureBureau() : Promise.resolve())
      .then(() => { refresh(); return setMode(state.mode); })
      .catch(fatalError);
  });
  // Test hook: proves that a trap inside the module is survived (see e2e/e2e.mjs).
  window.__shenpiTest = { panic: () => { try { call('selftest_panic'); } catch (e) { return e.message; } return 'no trap'; } };
}

async function main() {
  const restored = restoreState();
  // A restored demo or edited ruleset, or bureau mode, needs the bureau module as well: fetch
  // and compile both modules at once rather than one after the other.
  const early = restored && (state.rs === 'demo' || state.rs === 'custom' || state.mode === 'bureau');
  const [, demo] = await Promise.all([
    loadWasm(),
    fetch('demo-ruleset.toml').then((r) => (r.ok ? r.text() : '')),
    early ? ensureBureau() : null,
  ]);
  demoText = demo;
  builtins = JSON.parse(call('rulesets'));
  $('version').textContent = `shenpi ${call('version')}`;
  const known = state.rs === 'demo' || (state.rs === 'custom' && state.toml) || isBuiltin(state.rs);
  const fresh = !restored || !known;
  if (fresh) state.rs = defaultRuleset();
  if (needsBureau()) await ensureBureau();
  loadDescription();
  if (fresh) resetProject();
  applyLanguage();
  wire();
  fillForm();
  await setMode(state.mode);
  update();
}

main().catch(fatalError);
