// End-to-end tests of the planner page (web-wasm/dist) in headless Chromium.
//
// Serves dist/ from its own node server on 127.0.0.1 (random port), drives the system
// chromium (/usr/bin/chromium, or $CHROMIUM) with playwright-core — no browser download —
// and prints `N passed, M failed`; exits non-zero on any failure. Artefacts: artifacts/.

import { createServer } from 'node:http';
import { readFile, mkdir, mkdtemp, rm, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, extname, resolve, dirname, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const dist = resolve(process.env.SHENPI_DIST || join(here, '..', 'dist'));
const www = resolve(join(here, '..', 'www'));
const artifacts = resolve(process.env.SHENPI_ARTIFACTS || join(here, 'artifacts'));
const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';

const MIME = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.json': 'application/json; charset=utf-8',
  '.toml': 'text/plain; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.svg': 'image/svg+xml',
};

function serve(root) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = resolve(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep)) { res.writeHead(403).end(); return; }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': MIME[extname(file)] || 'application/octet-stream', 'cache-control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const results = [];
async function scenario(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    results.push({ name, ok: true });
    console.log(`PASS ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    results.push({ name, ok: false, error: String(e && e.stack ? e.stack : e) });
    console.log(`FAIL ${name}\n  ${String(e && e.message ? e.message : e).split('\n').join('\n  ')}`);
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(message);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
}
function p95(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.ceil(s.length * 0.95) - 1)] : NaN;
}

const server = await serve(dist);
const origin = `http://127.0.0.1:${server.address().port}`;
await mkdir(artifacts, { recursive: true });

// The server must give the wasm its MIME type (instantiateStreaming needs it).
const PLANNER_WASM = 'shenpi_wasm_bg.wasm';
const BUREAU_WASM = 'shenpi_bureau_bg.wasm';
for (const wasmFile of [PLANNER_WASM, BUREAU_WASM]) {
  const probe = await fetch(`${origin}/pkg/${wasmFile}`);
  if (probe.headers.get('content-type') !== 'application/wasm') {
    console.error(`the server gives ${wasmFile} the type ${probe.headers.get('content-type')} (status ${probe.status})`);
    process.exit(1);
  }
}

if (!existsSync(executablePath)) {
  console.error(`no chromium at ${executablePath} (apt-get install -y chromium, or set CHROMIUM)`);
  process.exit(1);
}
const profile = await mkdtemp(join(tmpdir(), 'shenpi-e2e-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath,
  headless: true,
  viewport: { width: 1280, height: 900 },
  locale: 'zh-CN',
  acceptDownloads: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
});

const page = context.pages()[0] || (await context.newPage());
const foreign = [];
const consoleErrors = [];
const dialogs = [];
context.on('request', (r) => {
  const u = r.url();
  if (!(u.startsWith(`${origin}/`) || u.startsWith('data:') || u.startsWith('blob:'))) foreign.push(u);
});
page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });

const DEMO = await readFile(join(www, 'demo-ruleset.toml'), 'utf8');
const perf = {};

const ready = () => page.waitForSelector('body[data-ready]', { timeout: 15000 });
const plans = () => page.evaluate(() => Number(document.body.dataset.plans || 0));
const approvalDays = () => page.textContent('[data-card="approvalDays"] .v').then((s) => Number(s));
/** The text of the file that clicking button `id` downloads. */
async function downloaded(id) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(id)]);
  return readFile(await dl.path(), 'utf8');
}
/** Calendar days from date `a` to date `b` (YYYY-MM-DD). */
const daysBetween = (a, b) => Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
/** The plan the page last drew (null when it shows none), read from its module. */
const shownPlan = () => page.evaluate(() => import('./replan.js').then((m) => m.lastPlan));
/**
 * Another page of the same browser (its errors go with the main page's), with the helpers the
 * scenarios on it use: `replanned(action)` waits for the plan an action causes, `exported()`
 * is the plan JSON the page exports.
 */
async function openPage() {
  const other = await context.newPage();
  other.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  other.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  const replanned = async (action) => {
    const n = await other.evaluate(() => Number(document.body.dataset.plans || 0));
    await action();
    await other.waitForFunction((k) => Number(document.body.dataset.plans || 0) > k, n, { timeout: 5000 });
  };
  const exported = async () => {
    const [dl] = await Promise.all([other.waitForEvent('download'), other.click('#export-json')]);
    return JSON.parse(await readFile(await dl.path(), 'utf8'));
  };
  return { page: other, replanned, exported };
}
async function afterReplan(before, action) {
  await action();
  try {
    await page.waitForFunction((n) => Number(document.body.dataset.plans || 0) > n, before, { timeout: 5000 });
  } catch (e) {
    const shown = await page.evaluate(() => [document.querySelector('#error')?.textContent, document.querySelector('#ruleset')?.value]);
    throw new Error(`no re-plan (page shows: ${JSON.stringify(shown)}): ${e.message}`);
  }
}

await scenario('the page loads and draws a plan for the default example', async () => {
  await page.goto(`${origin}/`);
  await ready();
  const rows = await page.locator('#gantt svg [data-item]').count();
  assert(rows > 0, 'no Gantt rows');
  const days = await approvalDays();
  assert(Number.isInteger(days) && days > 0, `approval days: ${days}`);
  const critical = await page.evaluate(() => [...document.querySelectorAll('#gantt svg [data-item] rect[stroke="#7a1a12"]')].length);
  assert(critical > 0, 'no item drawn on the critical path');
  const builtins = await page.evaluate(() => [...document.querySelectorAll('#ruleset option')].map((o) => o.value));
  const selected = await page.inputValue('#ruleset');
  perf.firstPlanMs = await page.evaluate(() => window.__shenpiPerf.firstPlanMs);
  perf.defaultRuleset = selected;
  assert(builtins.length >= 1, 'no ruleset offered');
  assert(perf.firstPlanMs > 0, 'no first-plan timing');
  // The example is not in an assessed area: the measure that is on but does not fit says so.
  const na = await page.textContent('[data-measure-label="regional-assessment"] .na-note');
  assert(na.startsWith('不适用于此项目'), `regional-assessment note: ${na}`);
  const fits = await page.isHidden('[data-measure-label="parallel-land"] .na-note');
  assert(fits, 'a measure that applies is marked as not applying');
});

// The construction period (issue #14): 开工 and 竣工 in the cards, the key dates, the works
// and their markers in the chart, the period as a field of the form, and the prerequisites.
await scenario('the default example shows 开工 and 竣工 as its plan JSON says, and its key dates', async () => {
  const plan = JSON.parse(await downloaded('#export-json'));
  const { construction_start: start, completion } = plan.summary;
  assert(/^\d{4}-\d\d-\d\d$/.test(start) && /^\d{4}-\d\d-\d\d$/.test(completion), `summary: ${start} → ${completion}`);
  assert((await page.textContent('[data-card="constructionStart"] .k')) === '开工', 'no 开工 card');
  assert((await page.textContent('[data-card="constructionStart"] .v')) === start, `开工 card: ${await page.textContent('[data-card="constructionStart"] .v')}, plan ${start}`);
  assert((await page.textContent('[data-card="completion"] .k')) === '竣工', 'no 竣工 card');
  assert((await page.textContent('[data-card="completion"] .v')) === completion, `竣工 card: ${await page.textContent('[data-card="completion"] .v')}, plan ${completion}`);
  const days = plan.project.construction_days;
  assert(Number.isInteger(days) && daysBetween(start, completion) === days, `${start} + ${days} days ≠ ${completion}`);
  assert((await page.textContent('[data-card="completion"] .s')).includes(String(days)), 'the 竣工 card does not name the period');
  // The field is empty (the type's period) and shows that period.
  assert((await page.inputValue('#construction-days')) === '', 'the period field is not empty');
  assert((await page.getAttribute('#construction-days', 'placeholder')) === String(days), 'the placeholder is not the type\'s period');
  assert((await page.textContent('#construction-days-help')).includes(String(days)), 'the help does not name the type\'s period');
  // Key dates: every milestone of the plan, in its order, with its date.
  const listed = await page.evaluate(() => [...document.querySelectorAll('#key-dates [data-milestone]')]
    .map((b) => [b.dataset.milestone, b.querySelector('time').textContent, b.querySelector('.name').textContent]));
  const want = plan.milestones.map((m) => [m.id, m.date, m.name]);
  assert(plan.milestones.some((m) => m.name === '开工') && JSON.stringify(listed) === JSON.stringify(want),
    `key dates ${JSON.stringify(listed)}, plan ${JSON.stringify(want)}`);
  // Materials: a count only where most items list theirs; otherwise — and why (issue #15).
  const { materials, items, items_with_materials: listed_m } = plan.summary;
  const shownMaterials = await page.textContent('[data-card="materials"] .v');
  if (listed_m * 2 >= items) {
    assert(shownMaterials === String(materials), `materials card ${shownMaterials}, plan ${materials}`);
  } else {
    assert(shownMaterials === '—', `materials card ${shownMaterials} though only ${listed_m} of ${items} items list theirs`);
    const why = await page.textContent('[data-card="materials"] .s');
    assert(why.includes(String(listed_m)) && why.includes(String(items)), `materials card says: ${why}`);
  }
  // A key date selects its item: 开工 explains the works.
  const works = plan.milestones.find((m) => m.id === 'construction-start').item;
  await page.click('#key-dates [data-milestone="construction-start"]');
  await page.waitForSelector(`[data-explain="${works}"]`);
});

await scenario('the chart reads against the target on approval time, with stage spans, critical-path arrows and a legend for every mark', async () => {
  if ((await page.inputValue('#ruleset')) !== 'cn-national-2019') {
    await afterReplan(await plans(), () => page.selectOption('#ruleset', 'cn-national-2019'));
  }
  const plan = await shownPlan();
  const total = plan.targets.find((x) => x.scope === 'total');
  const gauge = await page.evaluate(() => {
    const g = document.querySelector('#gantt svg [data-gauge]');
    return g && { days: Number(g.dataset.gauge), target: Number(g.dataset.target), fill: g.querySelector('rect').getAttribute('fill'), text: g.textContent };
  });
  assert(gauge && gauge.days === plan.summary.approval_working_days && gauge.target === total.target,
    `gauge ${JSON.stringify(gauge)} vs plan ${plan.summary.approval_working_days}/${total.target}`);
  assert(gauge.fill === (total.met ? '#2e8b57' : '#c8352b'), `the gauge says met=${gauge.fill} for met=${total.met}`);
  assert(gauge.text.includes(`目标 ${total.target}`) && gauge.text.includes(`${gauge.days} 个工作日`), `gauge labels: ${gauge.text}`);
  // No target line on the elapsed axis any more (it read as "missed" for a plan that met it).
  assert((await page.locator('#gantt svg line[stroke-dasharray="5 4"]').count()) === 0, 'a target line on the elapsed axis');
  // Each stage row says its approval and elapsed working days, as the plan's stages do.
  const spans = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#gantt svg [data-stage]')]
    .map((g) => [g.dataset.stage, g.querySelector('[data-stage-span]')?.dataset.stageSpan])));
  for (const s of plan.stages.filter((st) => plan.items.some((i) => i.stage === st.id))) {
    assert(spans[s.id] === `${s.approval_working_days}/${s.elapsed_working_days}`, `stage ${s.id}: ${spans[s.id]}`);
  }
  // An arrow between each consecutive pair of the critical path drawn first.
  const arrows = await page.evaluate(() => [...document.querySelectorAll('#gantt svg [data-arrows] path')].map((p) => [p.dataset.from, p.dataset.to]));
  const pairs = plan.critical_path.slice(1).map((id, k) => [plan.critical_path[k], id]);
  assert(JSON.stringify(arrows) === JSON.stringify(pairs), `arrows ${JSON.stringify(arrows)}, path ${JSON.stringify(pairs)}`);
  // The axis is the calendar: dated ticks from acceptance on, days off shaded as the core's
  // calendar has them, and each item's decision date after its bar.
  const ticks = await page.evaluate(() => [...document.querySelectorAll('#gantt svg [data-axis] [data-date]')].map((e) => e.dataset.date));
  assert(ticks.length >= 5 && ticks[0] === plan.project.accepted && ticks.every((d, k) => k === 0 || d > ticks[k - 1])
    && ticks.at(-1) <= plan.summary.finish, `axis dates ${ticks.join(', ')}`);
  const shading = await page.evaluate(() => [...document.querySelectorAll('#gantt svg [data-days] rect')]
    .map((r) => [r.dataset.kind, r.querySelector('title')?.textContent ?? '']));
  assert(shading.filter(([k]) => k === 'weekend').length > 10, `weekends shaded: ${shading.length}`);
  const decided = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#gantt svg [data-decided]')]
    .map((e) => [e.dataset.decided, e.textContent])));
  for (const i of plan.items.filter((it) => !it.works)) {
    assert(decided[i.decided] === i.decided.slice(5), `no decision date ${i.decided} after ${i.id}`);
  }
  // The rows are the core's layout's, in its order (the SVG export is drawn from the same).
  const layoutIds = await page.evaluate(() => import('./replan.js').then((m) => m.lastLayout.rows.filter((r) => r.row === 'item').map((r) => r.id)));
  const drawnIds = await page.evaluate(() => [...document.querySelectorAll('#gantt svg [data-item]')].map((g) => g.dataset.item));
  assert(JSON.stringify(drawnIds) === JSON.stringify(layoutIds), `rows ${drawnIds.join(',')} vs layout ${layoutIds.join(',')}`);
  // A legend entry for every mark.
  const legend = await page.evaluate(() => [...document.querySelectorAll('#legend [data-legend]')].map((e) => e.dataset.legend));
  for (const key of ['critical', 'other', 'offClock', 'offClockCritical', 'stageBar', 'criticalArrow', 'approvalGauge', 'targetLine', 'milestoneLine']) {
    assert(legend.includes(key), `no legend entry ${key}: ${legend}`);
  }
});

await scenario('the chart marks each key date (开工 at the start of the works bar) and the legend names them', async () => {
  const plan = await shownPlan();
  const start = plan.milestones.find((m) => m.id === 'construction-start');
  const end = plan.milestones.find((m) => m.id === 'completion');
  const bar = await page.evaluate((id) => {
    const r = document.querySelector(`#gantt svg [data-item="${id}"] rect:not(.hit)`);
    const b = r?.getBoundingClientRect();
    return r && { x: Number(r.getAttribute('x')), w: Number(r.getAttribute('width')), shown: b.width > 20 && b.height > 5 };
  }, start.item);
  assert(bar && bar.shown, `the works bar is not drawn visibly: ${JSON.stringify(bar)}`);
  const marker = (id) => page.evaluate((m) => {
    const g = document.querySelector(`#gantt svg [data-milestone="${m}"]`);
    return g && { x: Number(g.querySelector('line').getAttribute('x1')), label: g.querySelector('text').textContent };
  }, id);
  const s = await marker('construction-start');
  assert(s && Math.abs(s.x - bar.x) < 0.01, `开工 marker at ${s?.x}, the works bar starts at ${bar.x}`);
  assert(s.label === `开工 ${start.date}`, `开工 label: ${s.label}`);
  const e = await marker('completion');
  assert(e && Math.abs(e.x - (bar.x + bar.w)) < 0.01, `竣工 marker at ${e?.x}, the works bar ends at ${bar.x + bar.w}`);
  const drawn = await page.evaluate(() => [...document.querySelectorAll('#gantt svg [data-milestone]')].map((g) => g.dataset.milestone).sort());
  assert(JSON.stringify(drawn) === JSON.stringify(plan.milestones.map((m) => m.id).sort()), `markers: ${drawn.join(', ')}`);
  const period = await page.textContent(`#gantt svg [data-works][data-for="${start.item}"]`);
  assert(period.includes(String(plan.project.construction_days)), `the works bar says ${period}`);
  assert((await page.textContent('#legend [data-legend="milestoneLine"]')) === '关键日期', 'no legend entry for the key dates');
});

// The works (施工) are the item the plan flags `works: true`; the page once guessed them
// (calendar days, starting on 开工, as long as the period). Drawn from altered copies of the
// plan, the chart must follow the flag alone.
await scenario('the works bar is the item the plan flags works, and it alone carries the period', async () => {
  const plan = await shownPlan();
  const flagged = plan.items.filter((i) => i.works).map((i) => i.id);
  assert(flagged.length === 1, `items flagged works: ${flagged.join(', ')}`);
  assert(plan.milestones.find((m) => m.id === 'construction-start').item === flagged[0], '开工 is not the flagged item');
  const shown = await page.evaluate(() => [...document.querySelectorAll('#gantt svg [data-works]')]
    .map((e) => [e.dataset.for, e.textContent]));
  assert(JSON.stringify(shown) === JSON.stringify([[flagged[0], `工期 ${plan.project.construction_days} 个自然日`]]),
    `period labels: ${JSON.stringify(shown)}`);
  const drawn = await page.evaluate((p) => Promise.all([import('./gantt.js'), import('./language.js'), import('./replan.js')]).then(([g, l, r]) => {
    const layout = r.lastLayout;
    const labelled = (q) => [...g.drawGantt(q, { t: l.t, selected: '', onSelect: () => {}, layout }).querySelectorAll('[data-works]')]
      .map((e) => [e.dataset.for, e.textContent]);
    // The works, but counted in working days and one day longer: no longer what a guess finds.
    const unlike = structuredClone(p);
    Object.assign(unlike.items.find((i) => i.works), { unit: 'working', duration: p.project.construction_days + 1 });
    // Another item made to look like the works (starts on 开工, calendar days, the period), listed first.
    const lookalike = structuredClone(p);
    const other = lookalike.items.find((i) => !i.works && i.stage === p.items.find((w) => w.works).stage)
      ?? lookalike.items.find((i) => !i.works);
    Object.assign(other, { accepted: p.summary.construction_start, unit: 'natural', duration: p.project.construction_days });
    lookalike.items = [other, ...lookalike.items.filter((i) => i !== other)];
    // No item flagged: no works, no period, no compressed span.
    const none = structuredClone(p);
    for (const i of none.items) i.works = false;
    const noneSvg = g.drawGantt(none, { t: l.t, selected: '', onSelect: () => {}, layout });
    return { unlike: labelled(unlike), lookalike: labelled(lookalike), other: other.id, none: labelled(none),
      noneBreak: noneSvg.querySelector('[data-axis-break]') !== null };
  }), plan);
  const works = flagged[0];
  assert(drawn.unlike.length === 1 && drawn.unlike[0][0] === works && drawn.unlike[0][1].includes(String(plan.project.construction_days + 1)),
    `the works in working days: ${JSON.stringify(drawn.unlike)}`);
  assert(drawn.lookalike.length === 1 && drawn.lookalike[0][0] === works,
    `with ${drawn.other} made to look like the works: ${JSON.stringify(drawn.lookalike)}`);
  assert(drawn.none.length === 0 && !drawn.noneBreak, `no item flagged, yet: ${JSON.stringify(drawn)}`);
});

await scenario('a construction period of 30 days moves 竣工 (as the exported plan says), and survives a reload and a link', async () => {
  const before = await shownPlan();
  await afterReplan(await plans(), () => page.fill('#construction-days', '30'));
  const plan = JSON.parse(await downloaded('#export-json'));
  assert(plan.project.construction_days === 30, `the plan used ${plan.project.construction_days} days`);
  assert(plan.summary.construction_start === before.summary.construction_start, 'the period moved 开工');
  assert(daysBetween(plan.summary.construction_start, plan.summary.completion) === 30,
    `竣工 ${plan.summary.completion} is not 30 days after 开工 ${plan.summary.construction_start}`);
  assert(plan.summary.completion < before.summary.completion, `竣工 ${plan.summary.completion} not before ${before.summary.completion}`);
  const shown = () => page.textContent('[data-card="completion"] .v');
  assert((await shown()) === plan.summary.completion, `竣工 card ${await shown()}, plan ${plan.summary.completion}`);
  const keyDate = await page.textContent('#key-dates [data-milestone="completion"] time');
  assert(keyDate === plan.summary.completion, `key date 竣工 ${keyDate}`);
  const project = JSON.parse(await downloaded('#export-project'));
  assert(project.construction_days === 30, `the project export says ${project.construction_days}`);
  assert((await page.textContent('#construction-days-help')).includes(String(before.project.construction_days)),
    'the help no longer names the type\'s period');
  await page.reload();
  await ready();
  assert((await page.inputValue('#construction-days')) === '30', `after a reload the field says ${await page.inputValue('#construction-days')}`);
  assert((await shown()) === plan.summary.completion, `after a reload 竣工 is ${await shown()}`);
  // The URL alone carries it: a fresh page with no saved state, opened on the link.
  const url = page.url();
  const other = await context.newPage();
  other.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  try {
    await other.goto(`${origin}/index.html`);
    await other.evaluate(() => localStorage.clear());
    await other.goto(url);
    await other.waitForSelector('body[data-ready]');
    assert((await other.inputValue('#construction-days')) === '30', 'the link lost the period');
    assert((await other.textContent('[data-card="completion"] .v')) === plan.summary.completion, 'the link lost 竣工');
  } finally {
    await other.close();
  }
});

await scenario('an invalid construction period (0, 5000, 12.5) shows an error and no stale result', async () => {
  for (const value of ['0', '5000', '12.5']) {
    await page.fill('#construction-days', value);
    await page.waitForSelector('#error', { state: 'visible', timeout: 5000 });
    const error = await page.textContent('#error');
    assert(error.includes('1–3650'), `${value}: error ${error}`);
    assert((await page.textContent('#construction-days-msg')).includes('1–3650'), `${value}: no message beside the field`);
    assert((await page.getAttribute('#construction-days', 'aria-invalid')) === 'true', `${value}: the field is not marked`);
    const left = await page.evaluate(() => ({
      cards: document.querySelectorAll('#cards .card').length, chart: document.querySelectorAll('#gantt svg').length,
      keyDates: document.querySelectorAll('#key-dates li').length, explain: document.querySelector('#explain').childElementCount,
      compare: document.querySelectorAll('#compare .pair').length, title: document.querySelector('#plan-title').textContent,
    }));
    assert(Object.values(left).every((v) => !v), `${value}: a stale result is shown: ${JSON.stringify(left)}`);
    assert((await shownPlan()) === null, `${value}: the last plan is still offered for export`);
  }
  // Emptied, the field plans with the type's period again.
  await afterReplan(await plans(), () => page.fill('#construction-days', ''));
  assert(await page.isHidden('#error'), 'the error stays');
  assert((await page.getAttribute('#construction-days', 'aria-invalid')) === null, 'the field stays marked');
  const plan = await shownPlan();
  assert((await page.textContent('[data-card="completion"] .v')) === plan.summary.completion, 'no 竣工 after the error');
  assert(plan.project.construction_days === Number(await page.getAttribute('#construction-days', 'placeholder')), 'placeholder');
});

await scenario('the explanation of construction-permit (cn-national-2019, social-general) lists its prerequisites: held, waived, why', async () => {
  await afterReplan(await plans(), () => page.selectOption('#type', 'social-general'));
  let plan = JSON.parse(await downloaded('#export-json'));
  assert(plan.ruleset.id === 'cn-national-2019' && plan.project.project_type === 'social-general', 'not social-general');
  const permit = plan.items.find((i) => i.id === 'construction-permit');
  assert(permit.prerequisites.some((p) => p.item === 'engineering-planning-permit'), 'no engineering-planning-permit prerequisite');
  const wording = {
    held: (p) => `${p.decided} 办结；本事项等它办结`, before: (p) => `${p.decided} 办结，早于本事项`,
    absent: () => '不在本计划中', waived: (p) => `已由“${plan.measures.find((m) => m.id === p.waived_by).name}”豁免`,
  };
  const stateOf = (p) => (p.waived_by ? 'waived' : !p.decided ? 'absent' : p.held ? 'held' : 'before');
  const check = async (item) => {
    await page.click(`#gantt svg [data-item="${item.id}"]`);
    await page.waitForSelector(`[data-explain="${item.id}"]`);
    const shown = await page.evaluate(() => [...document.querySelectorAll('#explain li[data-prerequisite]')]
      .map((li) => ({ item: li.dataset.prerequisite, state: li.dataset.state, text: li.textContent })));
    assert(shown.length === item.prerequisites.length, `${item.id}: ${shown.length} prerequisites shown, plan ${item.prerequisites.length}`);
    item.prerequisites.forEach((p, n) => {
      const s = shown[n];
      assert(s.item === p.item && s.state === stateOf(p), `${item.id}: ${JSON.stringify(s)} for ${JSON.stringify(p)}`);
      assert(s.text.includes(wording[s.state](p)), `${item.id}/${p.item}: “${s.text}” lacks “${wording[s.state](p)}”`);
      assert(!p.source || s.text.includes(p.source), `${item.id}/${p.item}: the source is not shown`);
    });
    return shown;
  };
  const shown = await check(permit);
  assert(shown.some((s) => s.item === 'engineering-planning-permit' && s.text.startsWith('建设工程规划许可证核发：')),
    `engineering-planning-permit named: ${JSON.stringify(shown)}`);
  // A prerequisite that held its item: the acceptance filing waits for the joint acceptance.
  const anyHeld = plan.items.find((i) => i.prerequisites.some((p) => p.held && !p.waived_by));
  assert(anyHeld, 'no prerequisite holds any item in this example');
  const held = await check(anyHeld);
  assert(held.some((s) => s.state === 'held'), `${anyHeld.id}: nothing shown as held`);
  // In an assessed area 区域评估 exempts the energy review, which the works require: the plan
  // names the exemption as waiving that prerequisite of the works (waived_by), and the
  // explanation of the works says so.
  // The example uses less energy than the 节能审查 threshold: no review, until the form says
  // it uses more (issue #15: which items apply follows the project's attributes).
  assert(!plan.items.some((i) => i.id === 'energy-review') && plan.excluded.some((x) => x.id === 'energy-review' && x.by === 'condition'),
    'the example below the threshold has an energy review');
  await afterReplan(await plans(), () => page.fill('input[data-attr="annual_energy_tce"]', '1500'));
  assert((await shownPlan()).items.some((i) => i.id === 'energy-review'), 'no energy review above the threshold');
  await afterReplan(await plans(), () => page.check('input[data-attr="in_assessed_area"]'));
  plan = JSON.parse(await downloaded('#export-json'));
  const works = plan.items.find((i) => i.id === plan.milestones.find((m) => m.id === 'construction-start').item);
  assert(plan.excluded.some((x) => x.id === 'energy-review' && x.by === 'exempted' && x.measure === 'regional-assessment'),
    'energy-review is not exempted by regional-assessment');
  const energyPrerequisite = works.prerequisites.find((p) => p.item === 'energy-review');
  assert(energyPrerequisite?.waived_by === 'regional-assessment' && !energyPrerequisite.decided,
    `the works' energy-review prerequisite: ${JSON.stringify(energyPrerequisite)}`);
  await check(works);
  const energy = await page.textContent('#explain li[data-prerequisite="energy-review"]');
  assert(energy.includes('不在本计划中；已由“区域评估”豁免'), `energy-review: ${energy}`);
  // The same in English.
  await page.click('#lang');
  try {
    await page.waitForFunction(() => document.querySelector('#explain h4')?.textContent.startsWith('Required by law first'));
    const text = await page.textContent('#explain li[data-prerequisite="energy-review"]');
    assert(text.includes('not in this plan; waived by “区域评估”'), `English: ${text}`);
  } finally {
    await page.click('#lang');
  }
  await afterReplan(await plans(), () => page.uncheck('input[data-attr="in_assessed_area"]'));
});

await scenario('a prerequisite a measure waives is explained as waived by it (an edited ruleset)', async () => {
  // The demo, with a statutory prerequisite of the permit and a commitment that waives it.
  const toml = `${DEMO.replace('after = ["drawing-review", "planning-permit", "air-defence"]\n',
    'after = ["drawing-review", "planning-permit", "air-defence"]\n'
    + 'requires = [{ item = "planning-permit", source = "演示：先取得规划许可" }, { item = "drawing-review", source = "演示：施工图审查合格" }]\n')}
[[measure]]
id = "permit-commitment"
name = "施工许可告知承诺"
kind = "commitment"
items = ["construction-permit"]
waives = ["drawing-review"]
estimate = "演示数字"
`;
  assert(toml.includes('requires = ['), 'the demo ruleset changed: no place for requires');
  const { page: other } = await openPage();
  try {
    await other.goto(`${origin}/`);
    await other.waitForSelector('body[data-ready]');
    await other.selectOption('#ruleset', 'demo');
    await other.click('#mode-bureau');
    await other.waitForFunction(() => document.querySelector('#toml').value.includes('drawing-commitment'));
    const n = await other.evaluate(() => Number(document.body.dataset.plans));
    await other.fill('#toml', toml);
    await other.waitForFunction((k) => Number(document.body.dataset.plans) > k, n);
    await other.waitForSelector('#diagnostics li.ok');
    const [dl] = await Promise.all([other.waitForEvent('download'), other.click('#export-json')]);
    const plan = JSON.parse(await readFile(await dl.path(), 'utf8'));
    const permit = plan.items.find((i) => i.id === 'construction-permit');
    const waived = permit.prerequisites.find((p) => p.item === 'drawing-review');
    assert(waived?.waived_by === 'permit-commitment', `drawing-review: ${JSON.stringify(waived)}`);
    await other.click('#gantt svg [data-item="construction-permit"]');
    await other.waitForSelector('[data-explain="construction-permit"]');
    const li = (id) => other.evaluate((x) => {
      const e = document.querySelector(`#explain li[data-prerequisite="${x}"]`);
      return e && { state: e.dataset.state, text: e.textContent };
    }, id);
    const d = await li('drawing-review');
    assert(d?.state === 'waived' && d.text.includes(`施工图审查：${waived.decided} 办结；已由“施工许可告知承诺”豁免，本事项不必等它`)
      && d.text.includes('演示：施工图审查合格'), `drawing-review: ${JSON.stringify(d)}`);
    const p = permit.prerequisites.find((x) => x.item === 'planning-permit');
    const shown = await li('planning-permit');
    assert(shown?.state === (p.held ? 'held' : 'before') && shown.text.includes(p.decided), `planning-permit: ${JSON.stringify(shown)} for ${JSON.stringify(p)}`);
    await other.click('#lang');
    await other.waitForFunction(() => document.querySelector('#explain li[data-state="waived"]')?.textContent.includes('waived by'));
    const en = await other.textContent('#explain li[data-state="waived"]');
    assert(en.includes(`decided ${waived.decided}; waived by “施工许可告知承诺”: this item need not wait for it`), `English: ${en}`);
  } finally {
    await other.close();
  }
});

// A measure that is on but did not apply says why (the plan's measures[].not_applied): its
// condition, or too few of its items in the plan. 望城's road-and-green merge joins two items
// that only a project occupying a road or green land has; it has no condition, and was once
// worded "不适用于此项目（条件：）".
await scenario('a measure with too few of its items in the plan says so, not “（条件：）” (望城 road-green-merge)', async () => {
  const { page: other, replanned, exported } = await openPage();
  const note = (id) => other.evaluate((m) => {
    const e = document.querySelector(`[data-measure-label="${m}"] .na-note`);
    return { hidden: e.hidden, text: e.textContent, why: e.dataset.why ?? null };
  }, id);
  try {
    // A first visit (no saved state: an earlier page left its language in localStorage).
    await other.goto(`${origin}/index.html`);
    await other.waitForSelector('body[data-ready]');
    await other.evaluate(() => localStorage.clear());
    await other.goto(`${origin}/`);
    await other.waitForSelector('body[data-ready]');
    assert((await other.textContent('#mode-plan')) === '规划', 'the page is not in Chinese');
    await replanned(() => other.selectOption('#ruleset', 'hunan-changsha-wangcheng-2021'));
    let plan = await exported();
    assert(plan.ruleset.id === 'hunan-changsha-wangcheng-2021', `ruleset ${plan.ruleset.id}`);
    const merge = plan.measures.find((m) => m.id === 'road-green-merge');
    assert(merge.on && !merge.applied && merge.not_applied === 'too_few_items' && merge.condition === null,
      `road-green-merge in ${plan.project.project_type}: ${JSON.stringify(merge)}`);
    const few = await note('road-green-merge');
    assert(!few.hidden && few.why === 'too_few_items'
      && few.text === '不适用于此项目：本措施涉及的事项在此计划中太少，无从起作用', `road-green-merge: ${JSON.stringify(few)}`);
    assert(!few.text.includes('条件'), `road-green-merge names a condition: ${few.text}`);
    // A measure whose condition does not hold still names its condition.
    const assessed = plan.measures.find((m) => m.id === 'regional-assessment');
    assert(assessed.not_applied === 'condition' && assessed.condition, `regional-assessment: ${JSON.stringify(assessed)}`);
    const cond = await note('regional-assessment');
    assert(assessed.condition.startsWith('位于已完成区域评估的园区 = 是') && !assessed.condition.includes('in_assessed_area'),
      `the condition in the ruleset's words: ${assessed.condition}`);
    assert(!cond.hidden && cond.why === 'condition' && cond.text === `不适用于此项目（条件：${assessed.condition}）`,
      `regional-assessment: ${JSON.stringify(cond)}`);
    // In English.
    await other.click('#lang');
    await other.waitForFunction(() => document.querySelector('[data-measure-label="road-green-merge"] .na-note')
      ?.textContent.startsWith('does not apply'));
    const en = await note('road-green-merge');
    assert(en.text === 'does not apply to this project: too few of its items are in this plan to act on', `English: ${en.text}`);
    const enCond = await note('regional-assessment');
    assert(enCond.text === `does not apply to this project (condition: ${assessed.condition})`, `English: ${enCond.text}`);
    await other.click('#lang');
    // A project that occupies a road or green land has both items: the merge applies, the note goes.
    await replanned(() => other.check('input[data-attr="occupies_road_or_green"]'));
    plan = await exported();
    const applied = plan.measures.find((m) => m.id === 'road-green-merge');
    assert(applied.applied && applied.not_applied === null, `with the attribute set: ${JSON.stringify(applied)}`);
    const gone = await note('road-green-merge');
    assert(gone.hidden && gone.text === '' && gone.why === null, `the note stays: ${JSON.stringify(gone)}`);
  } finally {
    await other.close();
  }
});

// Bureau mode's table of what each measure changes (issue #14): for the demo, the commitment's
// cell for the small social type is what the bindings' `effects` says, and what the page's own
// two plans of that example (the measure on, then off) differ by; it does not apply to the
// government type (its condition is social investment). The table follows the ruleset's text
// and the start, and stays, marked out of date, while the text has errors.
await scenario('bureau mode shows each measure’s effect on each type: the demo’s cell equals the binding and two plans', async () => {
  const { page: other, replanned, exported } = await openPage();
  const cellOf = (m, ty) => other.evaluate(([m, ty]) => {
    const td = document.querySelector(`#effects tr[data-measure="${m}"] td[data-type="${ty}"]`);
    return td && { text: td.textContent, applies: td.dataset.applies, approval: td.dataset.approval,
      elapsed: td.dataset.elapsed, applications: td.dataset.applications };
  }, [m, ty]);
  // What the bindings say for the page's ruleset (the edited text, once edited) and a start.
  const binding = (start) => other.evaluate((d) => Promise.all([import('./wasm.js'), import('./ruleset.js')])
    .then(([w, r]) => JSON.parse(w.call('effects', r.rulesetRef(), d))), start);
  const start = '2026-03-02';
  try {
    await other.goto(`${origin}/index.html`);
    await other.waitForSelector('body[data-ready]');
    await other.evaluate(() => localStorage.clear());
    await other.goto(`${origin}/`);
    await other.waitForSelector('body[data-ready]');
    assert((await other.textContent('#mode-plan')) === '规划', 'the page is not in Chinese');
    await replanned(() => other.selectOption('#ruleset', 'demo'));
    await replanned(() => other.fill('#start', start));
    assert((await other.inputValue('#type')) === 'social-small', `type ${await other.inputValue('#type')}`);
    assert((await other.locator('#effects table').count()) === 0, 'a measure-effects table outside bureau mode');
    await other.click('#mode-bureau');
    await other.waitForSelector('#effects table', { state: 'visible' });
    assert((await other.getAttribute('#effects table', 'data-start')) === start, 'the table is not planned from the start');
    const head = await other.evaluate(() => [...document.querySelectorAll('#effects thead th')].map((th) => th.textContent));
    assert(JSON.stringify(head) === JSON.stringify(['措施', '小型社会投资项目', '政府投资项目']), `header: ${JSON.stringify(head)}`);
    const rows = await other.evaluate(() => [...document.querySelectorAll('#effects tbody tr')]
      .map((tr) => [tr.dataset.measure, tr.querySelector('th').textContent]));
    assert(JSON.stringify(rows) === JSON.stringify([['drawing-commitment', '施工图审查告知承诺']]), `rows: ${JSON.stringify(rows)}`);
    const whole = await other.textContent('#effects');
    assert(!/null|undefined|NaN/.test(whole), `the table says: ${whole}`);
    // The cell, the binding and two plans of the page.
    const cell = await cellOf('drawing-commitment', 'social-small');
    const effect = (await binding(start)).find((e) => e.measure === 'drawing-commitment' && e.project_type === 'social-small');
    assert(cell && cell.applies === 'true' && effect.applies, `cell ${JSON.stringify(cell)}, binding ${JSON.stringify(effect)}`);
    assert(Number(cell.approval) === effect.approval_working_days && Number(cell.elapsed) === effect.elapsed_working_days
      && Number(cell.applications) === effect.applications, `cell ${JSON.stringify(cell)} ≠ binding ${JSON.stringify(effect)}`);
    assert(cell.text === '−2 / −2 / 0', `cell text: ${cell.text}`);
    const box = 'input[data-measure="drawing-commitment"]';
    assert(await other.isChecked(box), 'the commitment is not on');
    const on = await exported();
    await replanned(() => other.uncheck(box));
    const off = await exported();
    await replanned(() => other.check(box));
    assert(on.project.project_type === 'social-small' && on.project.accepted === off.project.accepted, 'not the same example');
    const diff = (f) => on.summary[f] - off.summary[f];
    assert(diff('approval_working_days') === effect.approval_working_days && diff('elapsed_working_days') === effect.elapsed_working_days
      && diff('applications') === effect.applications,
      `plans on − off: ${diff('approval_working_days')}/${diff('elapsed_working_days')}/${diff('applications')}, cell ${cell.text}`);
    // Does not apply: "—", as the binding says.
    const na = await cellOf('drawing-commitment', 'government');
    const naEffect = (await binding(start)).find((e) => e.measure === 'drawing-commitment' && e.project_type === 'government');
    assert(na.text === '—' && na.applies === 'false' && naEffect.applies === false, `government: ${JSON.stringify(na)}, ${JSON.stringify(naEffect)}`);
    // An edit of the text: a drawing review of 9 days makes the commitment save 4.
    await replanned(() => other.fill('#toml', DEMO.replace('limit = 7\n', 'limit = 9\n')));
    await other.waitForFunction(() => document.querySelector('#effects tr[data-measure="drawing-commitment"] td[data-type="social-small"]')
      ?.dataset.approval === '-4');
    const edited = (await binding(start)).find((e) => e.measure === 'drawing-commitment' && e.project_type === 'social-small');
    assert(edited.approval_working_days === -4, `binding after the edit: ${JSON.stringify(edited)}`);
    // A broken text: the last table stays, marked out of date; fixed, it is current again.
    await other.fill('#toml', DEMO.replace('limit = 7\n', 'limit = "seven"\n'));
    await other.waitForSelector('#effects table[data-outdated="true"]');
    assert((await other.textContent('#effects .outdated-note')) === '规则集有错误：下表是上次无误时的结果，已过时。', 'no out-of-date note');
    assert((await cellOf('drawing-commitment', 'social-small')).approval === '-4', 'the last table was not kept');
    assert(await other.isVisible('#diagnostics li.error'), 'no diagnostic for the broken text');
    await replanned(() => other.fill('#toml', DEMO));
    await other.waitForFunction(() => document.querySelector('#effects table') && !document.querySelector('#effects table[data-outdated]')
      && !document.querySelector('#effects .outdated-note'));
    assert((await cellOf('drawing-commitment', 'social-small')).approval === '-2', 'not computed again for the fixed text');
    // Another start: computed again from it.
    await replanned(() => other.fill('#start', '2026-09-28'));
    await other.waitForSelector('#effects table[data-start="2026-09-28"]');
    const later = (await binding('2026-09-28')).find((e) => e.measure === 'drawing-commitment' && e.project_type === 'social-small');
    const laterCell = await cellOf('drawing-commitment', 'social-small');
    assert(Number(laterCell.approval) === later.approval_working_days && Number(laterCell.elapsed) === later.elapsed_working_days,
      `from 2026-09-28: cell ${JSON.stringify(laterCell)}, binding ${JSON.stringify(later)}`);
    await replanned(() => other.fill('#start', start));
    await other.locator('#effects').scrollIntoViewIfNeeded();
    await other.screenshot({ path: join(artifacts, 'e2e-bureau-effects.png'), fullPage: false });
    // In English.
    await other.click('#lang');
    await other.waitForFunction(() => document.querySelector('#effects h3')?.textContent === 'What each measure changes');
    const enHead = await other.textContent('#effects thead th');
    assert(enHead === 'Measure', `English header: ${enHead}`);
    assert((await other.textContent('#effects p.muted')).startsWith('Each project type’s example, started 2026-03-02'), 'English help');
    await other.click('#lang');
  } finally {
    await other.close();
  }
});

await scenario('the bureau module is fetched on demand only (bureau mode), not on a plain load', async () => {
  await page.evaluate(() => localStorage.clear()); // a first visit: no saved state
  const { page: fresh } = await openPage();
  const fetched = [];
  fresh.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  try {
    await fresh.goto(`${origin}/`);
    await fresh.waitForSelector('body[data-ready]');
    await fresh.waitForTimeout(300); // anything loaded late would show up here
    assert(fetched.includes(`/pkg/${PLANNER_WASM}`), `the planner was not fetched: ${fetched.join(', ')}`);
    assert(!fetched.some((u) => u.includes('shenpi_bureau')), `a plain load fetched the bureau module: ${fetched.join(', ')}`);
    assert((await fresh.getAttribute('body', 'data-bureau')) === null, 'the bureau module was instantiated');
    // The planner embeds only the default built-in: the others come when one is chosen, once.
    assert(!fetched.includes('/pkg/builtins.postcard'), 'a plain load fetched the other built-ins');
    const listed = await fresh.evaluate(() => [...document.querySelectorAll('#ruleset option')].map((o) => o.value));
    assert(listed.includes('hubei-2021') && listed.includes('jiangxi-ganzhou-2021'), `the picker lacks built-ins: ${listed}`);
    const n = await fresh.evaluate(() => Number(document.body.dataset.plans));
    await fresh.selectOption('#ruleset', 'hubei-2021');
    await fresh.waitForFunction((k) => Number(document.body.dataset.plans) > k, n);
    const hubei = await fresh.evaluate(() => import('./replan.js').then((m) => m.lastPlan.ruleset.id));
    assert(hubei === 'hubei-2021', `planned with ${hubei}`);
    await fresh.selectOption('#ruleset', 'jiangxi-ganzhou-2021');
    await fresh.waitForFunction(() => import('./replan.js').then((m) => m.lastPlan?.ruleset.id === 'jiangxi-ganzhou-2021'));
    assert(fetched.filter((u) => u === '/pkg/builtins.postcard').length === 1, `the built-ins were fetched ${fetched.filter((u) => u === '/pkg/builtins.postcard').length} times`);
    await fresh.click('#mode-bureau');
    await fresh.waitForSelector('#toml', { state: 'visible' });
    await fresh.waitForFunction(() => document.querySelector('#toml').value.includes('[[item]]'));
    assert(fetched.includes(`/pkg/${BUREAU_WASM}`), `bureau mode did not fetch the bureau module: ${fetched.join(', ')}`);
    assert((await fresh.getAttribute('body', 'data-bureau')) === '1', 'the bureau module was not instantiated once');
    assert(!(await fresh.isVisible('#fatal')), `error shown: ${await fresh.textContent('#fatal')}`);
  } finally {
    await fresh.close();
  }
});

await scenario('switching a measure changes the approval days', async () => {
  await afterReplan(await plans(), () => page.selectOption('#ruleset', 'demo'));
  const on = await approvalDays();
  assert(on === 16, `demo with the commitment measure: ${on}, expected 16`);
  await afterReplan(await plans(), () => page.click('input[data-measure="drawing-commitment"]'));
  const off = await approvalDays();
  assert(off === 18, `demo without the measure: ${off}, expected 18`);
  await afterReplan(await plans(), () => page.click('input[data-measure="drawing-commitment"]'));
  assert((await approvalDays()) === 16, 'measure back on');
  const statement = await page.textContent('[data-compare="measuresCompare"] .statement');
  assert(statement === '由18个工作日压缩至16个工作日，压减11.1%', `comparison: ${statement}`);
});

await scenario('an out-of-range attribute is flagged inline, and no plan of the old value stays on screen', async () => {
  await page.fill('input[data-attr="floor_area"]', '-3');
  const msg = await page.textContent('label:has(input[data-attr="floor_area"]) .invalid');
  assert(/0.*200000/.test(msg), `inline message: ${msg}`);
  // The plan on screen would be the old floor area's: it goes, and the error says why.
  assert((await page.locator('#gantt svg').count()) === 0 && (await page.textContent('#cards')) === '', 'a stale plan stays on screen');
  assert((await page.textContent('#error')).includes(msg), `the error box: ${await page.textContent('#error')}`);
  // Another field changed meanwhile still plans nothing.
  await page.fill('#name', '改了名字');
  await page.waitForTimeout(200);
  assert((await page.locator('#gantt svg').count()) === 0, 'a plan of the old floor area came back');
  await afterReplan(await plans(), () => page.fill('input[data-attr="floor_area"]', '3000'));
  assert(await page.isHidden('#error'), 'the error stays');
  assert((await shownPlan()).project.attributes.find((a) => a.id === 'floor_area').value === 3000, 'not the new floor area');
});

await scenario('clicking an item explains it', async () => {
  await page.click('#gantt svg [data-item="drawing-review"]');
  await page.waitForSelector('[data-explain="drawing-review"]');
  const text = await page.textContent('#explain');
  assert(text.includes('施工图审查告知承诺'), `explanation lacks the measure's change: ${text}`);
  // Worded by the page in its language from the plan's trace, not the core's English sentence.
  assert(/施工图审查告知承诺：时限 \d+ → \d+ 天/.test(text), `change not worded in Chinese: ${text}`);
  const excluded = await page.textContent('#gantt');
  assert(!/condition not met|exempted by|merged into/.test(excluded), `English reasons in the Chinese page: ${excluded}`);
});

await scenario('an invalid TOML edit in bureau mode shows a diagnostic with its line', async () => {
  await page.click('#mode-bureau');
  const broken = DEMO.replace('limit = 7\n', 'limit = "seven"\n');
  const line = broken.split('\n').findIndex((l) => l.includes('"seven"')) + 1;
  await page.fill('#toml', broken);
  await page.waitForSelector('#diagnostics li.error', { timeout: 5000 });
  const first = await page.textContent('#diagnostics li.error');
  assert(first.includes(`第 ${line} 行`), `diagnostic ${JSON.stringify(first)} lacks line ${line}`);
  // In the Chinese page the diagnostic is worded in Chinese (its code's title), not the core's English.
  const code = await page.getAttribute('#diagnostics li.error', 'data-code');
  const { DIAGNOSTIC_TITLES_ZH } = await import(pathToFileURL(join(www, 'i18n.js')).href);
  assert(first.includes(DIAGNOSTIC_TITLES_ZH[code]) && !/expected|invalid type/.test(first), `diagnostic not in Chinese: ${first}`);
  assert(await page.isVisible(`#gutter [data-line="${line}"].bad`), 'line not marked in the gutter');
  // The last good plan and the form stay while the text has errors, marked outdated.
  assert(await page.isVisible('#outdated'), 'results are not marked outdated');
  assert((await page.evaluate(() => document.body.dataset.outdated)) === '1', 'body[data-outdated] not set');
  assert((await page.locator('#gantt svg [data-item]').count()) > 0, 'the last good plan left the screen');
  assert((await page.locator('#attributes [data-attr]').count()) > 0, 'the form was emptied');
  // Clicking the diagnostic selects its place in the text, though Chinese text precedes it
  // (the core counts UTF-8 bytes, the editor UTF-16 units).
  await page.click('#diagnostics li.error');
  const selected = await page.evaluate(() => { const ta = document.querySelector('#toml'); return ta.value.slice(ta.selectionStart, ta.selectionEnd); });
  assert(selected === '"seven"', `the diagnostic selected ${JSON.stringify(selected)}`);
  // A valid edit re-plans live: a shorter drawing review shortens the plan.
  const before = await plans();
  await page.fill('#toml', DEMO.replace('limit = 7\n', 'limit = 6\n').replace('limit = 5\nlegal_limit = 20\nmaterials = ["建设工程', 'limit = 4\nlegal_limit = 20\nmaterials = ["建设工程'));
  await page.waitForFunction((n) => Number(document.body.dataset.plans) > n, before);
  await page.waitForSelector('#diagnostics li.ok');
  assert(await page.isHidden('#outdated'), 'still marked outdated after a valid edit');
  assert((await page.inputValue('#ruleset')) === 'custom', 'edited ruleset not selected');
  await page.click('input[data-measure="drawing-commitment"]');
  await page.waitForFunction(() => document.querySelector('[data-card="approvalDays"] .v')?.textContent === '17');
  // Edited vs the original (the demo): per type before → after, and the limits the edit changed.
  await page.waitForSelector('#edit-diff tr[data-type]');
  const diff = await page.evaluate(() => ({
    rows: [...document.querySelectorAll('#edit-diff tr[data-type]')].map((r) => [r.dataset.type, Number(r.dataset.before), Number(r.dataset.after)]),
    retimed: document.querySelector('#edit-diff [data-diff="diffItemsRetimed"]')?.textContent ?? '',
  }));
  assert(diff.rows.length >= 2 && diff.rows.some(([, b, a]) => a < b), `edit diff rows: ${JSON.stringify(diff.rows)}`);
  assert(diff.retimed.includes('7→6'), `the changed limit is not listed: ${diff.retimed}`);
  // Revert: the demo again, its own text in the editor, no comparison.
  await afterReplan(await plans(), () => page.click('#revert'));
  assert((await page.inputValue('#ruleset')) === 'demo', `reverted to ${await page.inputValue('#ruleset')}`);
  await page.waitForFunction((d) => document.querySelector('#toml').value === d, DEMO);
  assert((await page.locator('#edit-diff tr').count()) === 0, 'the comparison stays after reverting');
  await page.click('#mode-plan');
});

await scenario('a hostile project name renders as text and no dialog fires', async () => {
  const hostile = '<img src=x onerror=alert(1)>';
  await afterReplan(await plans(), () => page.fill('#name', hostile));
  await page.waitForTimeout(300);
  const shown = await page.textContent('#plan-title');
  assert(shown.startsWith(hostile), `the name is not shown as text: ${shown}`);
  const title = await page.textContent('#gantt svg title');
  assert(title.startsWith(hostile), `the Gantt title: ${title}`);
  const imgs = await page.evaluate(() => document.querySelectorAll('img').length);
  assert(imgs === 0, `${imgs} <img> elements were created`);
  assert(dialogs.length === 0, `dialogs fired: ${dialogs.join(', ')}`);
});

await scenario('a reload restores the state, and so does a shared link', async () => {
  const before = {
    name: await page.inputValue('#name'), days: await approvalDays(), rs: await page.inputValue('#ruleset'),
    measure: await page.isChecked('input[data-measure="drawing-commitment"]'),
  };
  await page.reload();
  await ready();
  const after = {
    name: await page.inputValue('#name'), days: await approvalDays(), rs: await page.inputValue('#ruleset'),
    measure: await page.isChecked('input[data-measure="drawing-commitment"]'),
  };
  assert(JSON.stringify(before) === JSON.stringify(after), `reload: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);
  const url = page.url();
  assert(url.includes('#s='), 'state is not in the URL');
  const other = await context.newPage();
  other.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  await other.evaluate(() => localStorage.clear()).catch(() => {});
  await other.goto(`${origin}/index.html`);
  await other.evaluate(() => localStorage.clear());
  await other.goto(url);
  await other.waitForSelector('body[data-ready]');
  assert((await other.inputValue('#name')) === before.name, 'shared link lost the name');
  assert(Number(await other.textContent('[data-card="approvalDays"] .v')) === before.days, 'shared link lost the plan');
  await other.close();
});

await scenario('a panic in the module is survived: message shown, module re-instantiated', async () => {
  await page.selectOption('#ruleset', 'demo');
  await page.waitForFunction(() => document.querySelector('[data-card="approvalDays"] .v')?.textContent === '16');
  const message = await page.evaluate(() => window.__shenpiTest.panic());
  assert(message !== 'no trap', 'selftest_panic did not trap');
  assert(await page.isVisible('#fatal'), 'no message shown');
  await page.waitForSelector('body[data-generation="2"]');
  await afterReplan(await plans(), () => page.click('input[data-measure="drawing-commitment"]'));
  assert((await approvalDays()) === 18, 'planning after the re-instantiation');
  await afterReplan(await plans(), () => page.click('input[data-measure="drawing-commitment"]'));
});

await scenario('exports: CSV with BOM, JSON plan, ICS, SVG', async () => {
  const csv = await downloaded('#export-csv');
  assert(csv.startsWith('\uFEFF'), `CSV without BOM: ${csv.slice(0, 40)}`);
  assert(csv.includes('施工图审查'), 'CSV lacks an item');
  const json = JSON.parse(await downloaded('#export-json'));
  assert(json.format_version === 3 && json.summary.approval_working_days === 16, 'JSON plan');
  const ics = await downloaded('#export-ics');
  assert(ics.startsWith('BEGIN:VCALENDAR\r\n') && ics.includes('施工图审查'), 'ICS');
  const svg = await downloaded('#export-svg');
  assert(/^(<\?xml[^>]*>\s*)?<svg/.test(svg) && svg.includes('施工图审查'), `SVG: ${svg.slice(0, 80)}`);
  assert(!svg.includes('<img src=x'), 'the hostile name is not escaped in the SVG');
});

await scenario('importing a project JSON plans it', async () => {
  const project = JSON.parse(await readFile(join(www, 'demo-project.json'), 'utf8'));
  project.name = '导入的项目';
  project.type = 'government';
  project.attributes = { investment: 'government', floor_area: 20000, underground: true };
  const before = await plans();
  await page.setInputFiles('#import', { name: 'p.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await page.waitForFunction((n) => Number(document.body.dataset.plans) > n, before);
  assert((await page.inputValue('#name')) === '导入的项目', 'name not imported');
  assert(await page.isVisible('#gantt svg [data-item="air-defence"]'), 'the basement item is missing');
  // The core's failures that carry no diagnostics are worded in Chinese too (by their pattern).
  const worded = await page.evaluate(() => import('./diagnostics.js').then((m) => [
    m.failureMessage('the plan runs to 10000-01-03, past the year 9999; start earlier'),
    m.failureMessage('no project type `shop` in `demo`'),
  ]));
  assert(worded[0] === '计划延续到 10000-01-03，超出 9999 年；请把开始日期提前' && worded[1] === '规则集 demo 没有项目类型 shop',
    `failures in the Chinese page: ${JSON.stringify(worded)}`);
  // A file that is not a project: the error, and the plan on screen marked as the old project's.
  await page.setInputFiles('#import', { name: 'p.json', mimeType: 'application/json', buffer: Buffer.from('[1, 2') });
  await page.waitForSelector('#error:not([hidden])');
  assert(await page.isVisible('#outdated'), 'the old plan is not marked after a failed import');
  assert((await page.inputValue('#name')) === '导入的项目', 'a failed import changed the form');
  await afterReplan(await plans(), () => page.fill('#name', '导入的项目 2'));
  assert(await page.isHidden('#outdated'), 'still marked after a re-plan');
});

// Tracking (docs/tracking.md), on the demo ruleset counted by hand as in web-wasm/tests/api.rs:
// baseline land-review 5 → 03-09, land-permit 3 → 03-12, planning permit 5, construction permit 3
// → 16 working days (03-24). land-review decided 03-10 (6 of 5: late); land-permit accepted 03-11,
// 2 of 3 used on 03-13 (66 %: yellow under 恩施's profile); the construction permit moves to 03-26.
await scenario('tracking: a project’s progress gives lights, the status, and the re-forecast drawn against the baseline', async () => {
  const project = JSON.parse(await readFile(join(www, 'demo-project.json'), 'utf8'));
  project.progress = {
    'land-review': { accepted: '2026-03-02', decided: '2026-03-10' },
    'land-permit': { accepted: '2026-03-11' },
  };
  let n = await plans();
  await page.setInputFiles('#import', { name: 'tracked.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(project)) });
  await page.waitForFunction((k) => Number(document.body.dataset.plans) > k, n);
  assert(await page.isChecked('#track'), 'a project with progress is not tracked');
  await afterReplan(await plans(), async () => { await page.fill('#as-of', '2026-03-13'); await page.dispatchEvent('#as-of', 'change'); });
  const row = (id) => page.getAttribute(`[data-status-item="${id}"]`, 'data-state');
  assert((await row('land-review')) === 'decided_late', `land-review: ${await row('land-review')}`);
  assert((await row('land-permit')) === 'in_review', `land-permit: ${await row('land-permit')}`);
  assert(await page.isVisible('[data-status-item="land-permit"] [data-light="yellow"]'), 'land-permit is not yellow in the table');
  assert(await page.isVisible('#gantt [data-light="yellow"][data-for="land-permit"]'), 'land-permit is not yellow in the chart');
  assert(await page.isVisible('#gantt [data-light="overdue"][data-for="land-review"]'), 'land-review is not marked overdue in the chart');
  const items = await page.locator('#gantt svg [data-item]').count();
  const baselines = await page.locator('#gantt [data-baseline]').count();
  assert(baselines === items, `${baselines} baseline bars for ${items} rows`);
  assert((await page.getAttribute('#gantt [data-as-of]', 'data-as-of')) === '2026-03-13', 'no as-of line');
  const approval = await page.textContent('[data-key-date="approval_working_days"]');
  assert(approval.includes('16') && approval.includes('17') && approval.includes('+1'), `approval time: ${approval}`);
  const shown = await shownPlan();
  const permit = shown.items.find((i) => i.id === 'construction-permit');
  assert(permit.decided === '2026-03-26', `the re-forecast decides construction-permit on ${permit.decided}`);
  // Another warning profile: 榆林's yellow is at 90 %, so 66 % is green.
  await afterReplan(await plans(), () => page.selectOption('#profile', 'yulin'));
  assert(await page.isVisible('[data-status-item="land-permit"] [data-light="green"]'), 'yulin: land-permit is not green');
  // A decision before the acceptance: the error, and no plan of the old progress on screen.
  await page.fill('[data-progress="land-permit|decided"]', '2026-03-10');
  await page.dispatchEvent('[data-progress="land-permit|decided"]', 'change');
  await page.waitForSelector('#error:not([hidden])');
  assert((await page.locator('#gantt svg').count()) === 0, 'a chart stayed on screen with invalid progress');
  const diag = await page.textContent('#error-list');
  assert(diag.includes('progress-date-order') || diag.includes('进度日期先后顺序不对'), `diagnostic: ${diag}`);
  await afterReplan(await plans(), async () => {
    await page.fill('[data-progress="land-permit|decided"]', '');
    await page.dispatchEvent('[data-progress="land-permit|decided"]', 'change');
  });
  // The state survives a reload, and the exported project carries its progress.
  await page.reload();
  await ready();
  assert(await page.isChecked('#track'), 'reload lost tracking');
  assert((await page.inputValue('#as-of')) === '2026-03-13', 'reload lost the as-of date');
  assert((await page.inputValue('[data-progress="land-permit|accepted"]')) === '2026-03-11', 'reload lost the progress');
  assert(await page.isVisible('[data-status-item="land-permit"]'), 'no status after a reload');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#export-project')]);
  const exported = JSON.parse(await readFile(await dl.path(), 'utf8'));
  assert(exported.progress && exported.progress['land-review'].decided === '2026-03-10', `export: ${JSON.stringify(exported.progress)}`);
  // Tracking off: the plan from the start date again, no status.
  n = await plans();
  await page.click('#track');
  await page.waitForFunction((k) => Number(document.body.dataset.plans) > k, n);
  assert((await page.locator('#status-panel *').count()) === 0, 'the status stayed after tracking was switched off');
  assert((await page.locator('#gantt [data-baseline]').count()) === 0, 'baseline bars without tracking');
  assert((await approvalDays()) === 16, 'the plan from the start date');
});

// The forecast (docs/simulate.md): on demand, in chunks, the same numbers as natively.
// The same ruleset and golden numbers as core/tests/simulate.rs and web-wasm/tests/api.rs.
const TWO_PATHS = await readFile(join(here, '..', '..', 'tests', 'fixtures', 'simulate', 'two-paths.toml'), 'utf8');
await scenario('forecast: 2,000 iterations without freezing the page, the S-curve, the impact item by item, the native numbers in wasm', async () => {
  await afterReplan(await plans(), () => page.selectOption('#ruleset', 'cn-national-2019'));
  await page.fill('#fc-iterations', '2000');
  await page.dispatchEvent('#fc-iterations', 'change');
  await page.fill('#fc-seed', '7');
  await page.dispatchEvent('#fc-seed', 'change');
  // Long tasks while it runs: none may block the page for long.
  await page.evaluate(() => {
    window.__longTasks = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longTasks.push(e.duration); }).observe({ type: 'longtask', buffered: false });
  });
  await page.click('#forecast-run');
  await page.waitForSelector('body[data-forecast]', { timeout: 30000 });
  const longest = await page.evaluate(() => Math.max(0, ...window.__longTasks));
  assert(longest < 250, `the page was blocked for ${longest} ms`);
  assert((await page.getAttribute('[data-runs]', 'data-runs')) === '2000/7', 'iterations and seed');
  const start = await page.$$eval('#forecast [data-key="construction_start"] td[data-p]', (tds) => tds.map((td) => td.textContent));
  assert(start.length === 4 && start.every((d, k) => k === 0 || start[k - 1] <= d), `P10–P90 of 开工: ${start}`);
  assert(await page.isVisible('#forecast .scurve svg'), 'no S-curve');
  const impacts = await page.locator('#forecast [data-impact]').count();
  assert(impacts > 0, 'no impact rows');
  // The wasm module gives the native golden numbers of core/tests/simulate.rs.
  const golden = await page.evaluate((toml) => import('./wasm.js').then((m) => {
    const r = m.call('simulate', toml, JSON.stringify({ type: 'any', start: '2026-03-02' }), '2026-03-02', JSON.stringify({ iterations: 1000, seed: 2026 }));
    const finish = JSON.parse(r.json).keys.find((k) => k.id === 'finish');
    return finish.percentiles.map((p) => p.offset.toFixed(6));
  }), TWO_PATHS);
  assert(JSON.stringify(golden) === JSON.stringify(['95.690380', '104.474398', '111.013712', '113.579576']), `wasm percentiles: ${golden}`);
  // A change of the project takes the forecast away (it was for the project as it was).
  await afterReplan(await plans(), () => page.fill('#name', 'forecast changed'));
  assert((await page.locator('#forecast *').count()) === 0, 'a stale forecast stayed');
});

// The plan's per-item `critical` (total float 0 on the elapsed clock) is the one meaning of
// "critical"; `critical_path` is only the first of the critical paths. This example has four,
// and construction-permit is critical without being on the first one. (It was 望城's
// 拿地即开工 example until the construction period made all its critical items one path's.)
await scenario('critical means total float 0: the page, the plan JSON and the core SVG agree (small low-risk, 4 critical paths)', async () => {
  // examples/cn-national-2019/social-small-low-risk.toml as project JSON.
  const example = {
    name: '中华人民共和国某社会投资小型简易低风险项目（示例）',
    ruleset: 'cn-national-2019', type: 'social-small-low-risk', start: '2026-03-02',
    scenario: 'promised', attributes: { investment: 'social', kind: 'industrial', floor_area: 3000, risk: 'low' },
  };
  await afterReplan(await plans(), () => page.setInputFiles('#import',
    { name: 'wangcheng.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(example)) }));
  assert((await page.inputValue('#ruleset')) === example.ruleset, `ruleset: ${await page.inputValue('#ruleset')}`);
  const plan = JSON.parse(await downloaded('#export-json'));
  assert(plan.project.project_type === example.type, `type: ${plan.project.project_type}`);
  // The case this scenario is about: a critical item off the first critical path.
  assert(plan.critical_paths.length === 4, `${plan.critical_paths.length} critical paths, expected 4`);
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  for (const id of ['construction-permit']) {
    assert(byId.get(id)?.critical === true && !plan.critical_path.includes(id),
      `${id}: critical ${byId.get(id)?.critical}, on critical_path ${plan.critical_path.includes(id)}`);
  }
  for (const it of plan.items) {
    assert(it.critical === (it.total_float === 0), `${it.id}: critical ${it.critical} with total float ${it.total_float}`);
  }
  const critical = plan.items.filter((i) => i.critical).map((i) => i.id).sort();

  // Drawn: the bar's (or diamond's) fill is the critical colour exactly for those items.
  const { COLORS } = await page.evaluate(() => import('./gantt.js').then((m) => ({ COLORS: m.COLORS })));
  const fills = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('#gantt svg [data-item]')]
    .map((g) => [g.dataset.item, g.querySelector('rect:not(.hit), path')?.getAttribute('fill')])));
  assert(JSON.stringify(Object.keys(fills).sort()) === JSON.stringify(plan.items.map((i) => i.id).sort()),
    `Gantt rows ${Object.keys(fills).join(',')} are not the plan's items`);
  for (const [id, fill] of Object.entries(fills)) {
    const want = byId.get(id).critical ? COLORS.critical : COLORS.other;
    assert(fill === want, `${id} (critical ${byId.get(id).critical}) drawn in ${fill}, expected ${want}`);
  }

  // Explained: the explanation of each item says critical yes/no as the plan does.
  for (const it of plan.items) {
    await page.click(`#gantt svg [data-item="${it.id}"]`);
    await page.waitForSelector(`[data-explain="${it.id}"]`);
    const said = await page.textContent('#explain dd[data-key="critical"]');
    assert(said === (it.critical ? '是' : '否'), `${it.id} (critical ${it.critical}) explained as critical: ${said}`);
  }

  // Counted: the card's count is the plan's count of critical items.
  assert(plan.summary.critical_items === critical.length, `summary ${plan.summary.critical_items}, items ${critical.length}`);
  const count = await page.textContent('[data-card="applications"] .s');
  assert(count.startsWith(`${critical.length} `), `card: ${count}, expected ${critical.length} critical`);

  // The core's SVG (the page's SVG export) marks the same items critical (class "c").
  const svg = await downloaded('#export-svg');
  const core = new Map();
  for (const m of svg.matchAll(/class="([cn])(?: x)?"><title>([^<]*)<\/title>/g)) {
    const id = m[2].split('\n')[0].match(/（([a-z0-9-]+)）$/)?.[1];
    if (id) core.set(id, m[1] === 'c');
  }
  assert(core.size === plan.items.length, `the core SVG has ${core.size} item bars, the plan ${plan.items.length} items`);
  const coreCritical = [...core].filter(([, c]) => c).map(([id]) => id).sort();
  assert(JSON.stringify(coreCritical) === JSON.stringify(critical),
    `core SVG critical ${coreCritical.join(',')} ≠ plan critical ${critical.join(',')}`);
});

await scenario('English switch and phone width', async () => {
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('[data-card="approvalDays"] .k')?.textContent === 'Approval time');
  // The comparison's sentence is in the page's language too.
  const sentence = await page.textContent('[data-compare="measuresCompare"] .statement');
  assert(/^(from \d+ to \d+ working days, [\d.]+% (less|more)|\d+ working days either way, no change)$/.test(sentence), `English page, comparison: ${sentence}`);
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await page.screenshot({ path: join(artifacts, 'e2e-phone.png'), fullPage: false });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(overflow <= 1, `the page is ${overflow}px wider than a phone screen`);
    // Results first on a phone; the chart keeps readable text (scrolled sideways, not shrunk).
    const tops = await page.evaluate(() => [document.querySelector('.results').getBoundingClientRect().top,
      document.querySelector('.inputs').getBoundingClientRect().top, document.querySelector('#gantt svg').getBoundingClientRect().width]);
    assert(tops[0] < tops[1], `results at ${tops[0]} px, the form at ${tops[1]} px`);
    assert(tops[2] >= 900, `the chart is squeezed to ${tops[2]} px`);
    // Scrolled sideways, the item names stay in view (a sticky label column).
    const stuck = await page.evaluate(() => {
      const box = document.querySelector('#gantt');
      box.scrollLeft = 400;
      const labels = document.querySelector('#gantt svg.labels');
      return { box: box.getBoundingClientRect().left, labels: labels.getBoundingClientRect().left,
        shown: getComputedStyle(labels).display, names: labels.querySelectorAll('[data-label]').length };
    });
    assert(stuck.shown !== 'none' && Math.abs(stuck.labels - stuck.box) <= 2 && stuck.names > 5,
      `label column after scrolling: ${JSON.stringify(stuck)}`);
  } finally {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.click('#lang');
  }
});

// Issue #17: the visitor's entries survive a switch of type or ruleset; a link keeps its date;
// comparisons stay in the chosen scenario; the cards say what their numbers are.
await scenario('switching type or ruleset keeps the name, start and values the visitor entered', async () => {
  if ((await page.inputValue('#ruleset')) !== 'cn-national-2019') {
    await afterReplan(await plans(), () => page.selectOption('#ruleset', 'cn-national-2019'));
  }
  if ((await page.inputValue('#type')) !== 'social-general') {
    await afterReplan(await plans(), () => page.selectOption('#type', 'social-general'));
  }
  await afterReplan(await plans(), () => page.fill('#name', '我的仓库'));
  await afterReplan(await plans(), () => page.fill('#start', '2026-10-12'));
  await afterReplan(await plans(), () => page.fill('input[data-attr="floor_area"]', '12345'));
  // Another type: its deciding attributes (investment …) come from its example, the rest stays.
  await afterReplan(await plans(), () => page.selectOption('#type', 'gov-building'));
  let plan = await shownPlan();
  const value = (p, id) => p.project.attributes.find((a) => a.id === id)?.value;
  assert(plan.project.project_type === 'gov-building' && value(plan, 'investment') === 'government', 'not a government project');
  assert(plan.project.name === '我的仓库' && plan.project.start === '2026-10-12' && value(plan, 'floor_area') === 12345,
    `entries lost on a type switch: ${plan.project.name} ${plan.project.start} ${value(plan, 'floor_area')}`);
  // Another ruleset with the same type and attribute: the same.
  await afterReplan(await plans(), () => page.selectOption('#ruleset', 'hubei-2021'));
  plan = await shownPlan();
  assert(plan.ruleset.id === 'hubei-2021' && plan.project.project_type === 'gov-building', `${plan.ruleset.id}/${plan.project.project_type}`);
  assert(plan.project.name === '我的仓库' && plan.project.start === '2026-10-12' && value(plan, 'floor_area') === 12345,
    `entries lost on a ruleset switch: ${plan.project.name} ${plan.project.start} ${value(plan, 'floor_area')}`);
  // The same project under every ruleset with the type, side by side; this ruleset's row is the plan.
  await page.click('#across-run');
  const rows = await page.evaluate(() => [...document.querySelectorAll('#across tr[data-across]')]
    .map((r) => ({ id: r.dataset.across, approval: r.querySelector('[data-v="approval"]')?.textContent })));
  assert(rows.length >= 8, `only ${rows.length} rulesets compared`);
  const here = rows.find((r) => r.id === 'hubei-2021');
  assert(here && Number(here.approval) === plan.summary.approval_working_days, `hubei row ${JSON.stringify(here)} vs plan ${plan.summary.approval_working_days}`);
  assert(new Set(rows.map((r) => r.approval)).size > 1, 'every ruleset gives the same days');
  // Reset is the way back to the example.
  await afterReplan(await plans(), () => page.click('#reset'));
  assert((await shownPlan()).project.name !== '我的仓库', 'reset kept the name');
  assert((await page.locator('#across tr').count()) === 0, 'the table across rulesets outlived its project');
});

await scenario('a plan without a start date keeps the date it was made on, in the form and in the link', async () => {
  await afterReplan(await plans(), () => page.fill('#start', ''));
  const plan = await shownPlan();
  assert(/^\d{4}-\d\d-\d\d$/.test(plan.project.start), `start ${plan.project.start}`);
  assert((await page.inputValue('#start')) === plan.project.start, 'the form does not show the date planned from');
  const saved = await page.evaluate(() => {
    const s = atob(location.hash.slice(3).replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0)))).start;
  });
  assert(saved === plan.project.start, `the link stores start ${JSON.stringify(saved)}`);
});

await scenario('the measures comparison stays in the chosen scenario; the cards say what their numbers are', async () => {
  await afterReplan(await plans(), () => page.selectOption('#scenario', 'legal'));
  const plan = await shownPlan();
  const after = await page.textContent('[data-compare="measuresCompare"] .muted');
  assert(after.includes(`${plan.summary.approval_working_days} 个工作日`), `the comparison is not in the legal scenario: ${after}`);
  const total = plan.targets.find((x) => x.scope === 'total');
  const sub = await page.textContent('[data-card="approvalDays"] .s');
  const want = total.met ? `余量 ${total.margin} 个工作日` : `超出 ${-total.margin} 个工作日`;
  assert(sub.includes(want), `approval card: ${sub}, expected ${want}`);
  assert(!(await page.textContent('#status')).includes('毫秒'), 'a developer figure in the public view');
  await afterReplan(await plans(), () => page.selectOption('#scenario', 'promised'));
  assert((await page.textContent('label:has(input[data-attr="floor_area"]) .unit')) === 'm²', 'unit not spelled m²');
});

await scenario('keyboard selection keeps the focus; the target’s source is shown; print has the chart and the item table', async () => {
  const plan = await shownPlan();
  const id = plan.items[2].id;
  await page.focus(`#gantt svg [data-item="${id}"]`);
  await page.keyboard.press('Enter');
  await page.waitForSelector(`[data-explain="${id}"]`);
  const focused = await page.evaluate(() => document.activeElement?.dataset?.item);
  assert(focused === id, `focus went to ${focused}, not ${id}`);
  // The explanation opens right under its row.
  const gap = await page.evaluate((x) => document.querySelector('#explain').getBoundingClientRect().top
    - document.querySelector(`#gantt svg [data-item="${x}"] rect.hit`).getBoundingClientRect().bottom, id);
  assert(gap >= 0 && gap <= 6, `the explanation is ${gap} px below its row`);
  // Closing it gives the focus back to the row.
  await page.click('#explain [data-close]');
  assert((await page.textContent('#explain')) === '', 'the explanation stays after closing');
  assert((await page.evaluate(() => document.activeElement?.dataset?.item)) === id, 'the focus left the row');
  const total = plan.targets.find((x) => x.scope === 'total');
  if (total) {
    const shown = await page.textContent('#target-source');
    assert(shown.includes(total.source), `target source: ${shown}`);
  }
  await page.emulateMedia({ media: 'print' });
  try {
    const print = await page.evaluate(() => ({
      form: getComputedStyle(document.querySelector('.inputs')).display,
      rows: document.querySelectorAll('#items-table tbody tr').length,
      table: getComputedStyle(document.querySelector('#items-table')).display,
      chart: document.querySelector('#gantt svg').getBoundingClientRect().width,
      page: document.documentElement.clientWidth,
    }));
    assert(print.form === 'none', `the form prints (${print.form})`);
    assert(print.table !== 'none' && print.rows === plan.items.length, `item table: ${print.table}, ${print.rows} rows for ${plan.items.length} items`);
    assert(print.chart <= print.page + 1, `the chart (${print.chart} px) is cut at the page (${print.page} px)`);
    await page.pdf?.({ path: join(artifacts, 'e2e-print.pdf'), format: 'A4', landscape: true }).catch(() => {});
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
});

await scenario('axe: no serious or critical accessibility violations, in plan mode and bureau mode', async () => {
  const axeSource = await readFile(join(here, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  const audit = async () => {
    await page.evaluate(axeSource); // through the debugger protocol: the page's CSP does not apply
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}, ${v.nodes.length}): ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`);
  };
  const planMode = await audit();
  assert(planMode.length === 0, `plan mode: ${planMode.join('; ')}`);
  // With tracking on: the progress form, the status tables, the lights.
  let k = await plans();
  await page.click('#track');
  await page.waitForFunction((m) => Number(document.body.dataset.plans) > m, k);
  try {
    const tracking = await audit();
    assert(tracking.length === 0, `tracking: ${tracking.join('; ')}`);
  } finally {
    k = await plans();
    await page.click('#track');
    await page.waitForFunction((m) => Number(document.body.dataset.plans) > m, k);
  }
  await page.click('#mode-bureau');
  await page.waitForSelector('#toml', { state: 'visible' });
  try {
    const bureauMode = await audit();
    assert(bureauMode.length === 0, `bureau mode: ${bureauMode.join('; ')}`);
  } finally {
    await page.click('#mode-plan');
  }
});

await scenario('every diagnostic code the core documents has a Chinese title in the page', async () => {
  const docs = await readFile(join(here, '..', '..', 'docs', 'diagnostics.md'), 'utf8');
  const codes = [...docs.matchAll(/^### `([a-z-]+)`/gm)].map((m) => m[1]);
  const { DIAGNOSTIC_TITLES_ZH } = await import(pathToFileURL(join(www, 'i18n.js')).href);
  const missing = codes.filter((c) => !DIAGNOSTIC_TITLES_ZH[c]);
  assert(codes.length > 40 && missing.length === 0, `codes without a Chinese title: ${missing.join(', ')}`);
  const extra = Object.keys(DIAGNOSTIC_TITLES_ZH).filter((c) => !codes.includes(c));
  assert(extra.length === 0, `titles for codes the core does not have: ${extra.join(', ')}`);
});

await scenario('the page has a CSP, and the sources use no eval or innerHTML', async () => {
  const csp = await page.getAttribute('meta[http-equiv="Content-Security-Policy"]', 'content');
  assert(csp.includes("default-src 'none'") && !/https?:/.test(csp), `CSP: ${csp}`);
  for (const f of (await readdir(www)).filter((n) => n.endsWith('.js'))) {
    const src = await readFile(join(www, f), 'utf8');
    assert(!/\binnerHTML\b|\bouterHTML\b|insertAdjacentHTML|\beval\s*\(|new Function\b|document\.write/.test(src), `${f} uses an unsafe API`);
  }
  const blocked = await page.evaluate(() => {
    const s = document.createElement('script');
    s.src = 'https://example.com/x.js';
    let fired = false;
    s.addEventListener('load', () => { fired = true; });
    document.head.append(s);
    return new Promise((ok) => setTimeout(() => ok(!fired), 300));
  });
  assert(blocked, 'a remote script loaded');
  // The CSP report of that attempt is the one console error expected here.
  const i = consoleErrors.findIndex((e) => e.includes('example.com'));
  if (i >= 0) consoleErrors.splice(i, 1);
  // The blocked request must not have reached the network log as a real request.
  const j = foreign.findIndex((u) => u.includes('example.com'));
  if (j >= 0) foreign.splice(j, 1);
});

await scenario('index.html preloads every module of the page, and each is fetched once', async () => {
  const html = await readFile(join(www, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]).sort();
  const modules = (await readdir(www)).filter((n) => n.endsWith('.js') && n !== 'app.js').sort();
  assert(JSON.stringify(preloaded) === JSON.stringify(modules),
    `preloaded: ${preloaded.join(', ')}; modules: ${modules.join(', ')}`);
  const fresh = await context.newPage();
  const fetched = [];
  fresh.on('request', (r) => fetched.push(new URL(r.url()).pathname));
  try {
    await fresh.goto(`${origin}/`);
    await fresh.waitForSelector('body[data-ready]');
  } finally {
    await fresh.close();
  }
  for (const m of ['app.js', ...modules]) {
    const n = fetched.filter((u) => u === `/${m}`).length;
    assert(n === 1, `${m} fetched ${n} times`);
  }
});

await scenario('re-plan timing on input changes (50 measure switches)', async () => {
  await page.selectOption('#ruleset', 'demo');
  await page.waitForTimeout(200);
  await page.evaluate(() => { window.__shenpiPerf.plan.length = 0; window.__shenpiPerf.update.length = 0; });
  for (let i = 0; i < 50; i++) {
    await afterReplan(await plans(), () => page.click('input[data-measure="drawing-commitment"]'));
  }
  const p = await page.evaluate(() => ({ plan: window.__shenpiPerf.plan, update: window.__shenpiPerf.update }));
  perf.replanMedianMs = median(p.plan);
  perf.replanP95Ms = p95(p.plan);
  perf.updateMedianMs = median(p.update);
  perf.updateP95Ms = p95(p.update);
  assert(p.plan.length === 50, `${p.plan.length} re-plans recorded`);
});

await scenario('load → first plan, fresh page (median of 5)', async () => {
  // A first visit (no saved state): the default built-in ruleset, the planner module alone.
  const firstPlan = async (url) => {
    const fresh = await context.newPage();
    await fresh.goto(url);
    await fresh.waitForSelector('body[data-ready]');
    const ms = await fresh.evaluate(() => window.__shenpiPerf.firstPlanMs);
    const bureau = await fresh.getAttribute('body', 'data-bureau');
    await fresh.close();
    return [ms, bureau];
  };
  const times = [];
  for (let i = 0; i < 5; i++) {
    await page.evaluate(() => localStorage.clear());
    const [ms, bureau] = await firstPlan(`${origin}/`);
    assert(bureau === null, 'a first visit loaded the bureau module');
    times.push(ms);
  }
  perf.firstPlanMedianMs = median(times);
  perf.firstPlanRuns = times;
  // A shared link to the demo ruleset (TOML text): both modules before the first plan.
  await page.selectOption('#ruleset', 'demo');
  await page.waitForFunction(() => document.querySelector('[data-card="approvalDays"] .v')?.textContent === '16');
  const demoLink = page.url();
  const withBureau = [];
  for (let i = 0; i < 5; i++) {
    const [ms, bureau] = await firstPlan(demoLink);
    assert(bureau === '1', 'the demo link did not load the bureau module');
    withBureau.push(ms);
  }
  perf.firstPlanWithBureauMedianMs = median(withBureau);
  perf.firstPlanWithBureauRuns = withBureau;
});

await scenario('no request left the local server, and no console errors', async () => {
  assert(foreign.length === 0, `requests to other origins: ${foreign.join(', ')}`);
  assert(consoleErrors.length === 0, `console errors: ${consoleErrors.join(' | ')}`);
});

await page.selectOption('#ruleset', perf.defaultRuleset || 'demo');
await page.waitForTimeout(200);
await page.click('#gantt svg [data-item]');
await page.screenshot({ path: join(artifacts, 'e2e.png'), fullPage: true });
await context.close();
server.close();
await rm(profile, { recursive: true, force: true });

const fmt = (x) => (typeof x === 'number' ? Number(x.toFixed(3)) : x);
const perfOut = Object.fromEntries(Object.entries(perf).map(([k, v]) => [k, Array.isArray(v) ? v.map(fmt) : fmt(v)]));
console.log(`perf: ${JSON.stringify(perfOut)}`);
await (await import('node:fs/promises')).writeFile(join(artifacts, 'perf.json'), `${JSON.stringify(perfOut, null, 2)}\n`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
