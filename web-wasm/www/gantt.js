// The Gantt chart, drawn from the plan JSON with DOM calls only (createElementNS, text as
// textContent). Presentation attributes are set on the elements themselves, so the SVG is
// self-contained when exported.
//
// Colours say what the core's SVG says: red for an item whose `critical` flag is set (total
// float 0 on the elapsed clock), blue for the others, and pale for an item off the approval
// clock. `critical_path` is only the first of the critical paths, so it does not colour.
//
// The axis is the calendar, as in the core's SVG: weekends, 法定节假日 and 调休 workdays shaded
// (the core's Gantt layout gives them: `plan_and_layout`), each bar from its acceptance day to the
// end of its decision day, the decision date after it. The works (施工, a construction period of
// months or years) would leave the approvals a sliver of the width: when they would take more
// than WORKS_SHARE of it, they are drawn compressed to that share, between two axis breaks.
// The key dates (开工, 竣工, …) are vertical lines, named below the chart.
//
// The target measures approval time (only items on the approval clock count), not the
// elapsed axis the bars are on: it is shown on its own gauge above the chart — the approval
// time as a bar, the target as a mark on the same scale — so that "met" or "over" reads
// from the chart. Stage rows say their approval and elapsed working days (and a stage target).

const NS = 'http://www.w3.org/2000/svg';
/** Day shading, as the core's SVG: weekends grey, holidays pink, 调休 workdays green. */
const DAY_FILL = { weekend: '#eef0f3', holiday: '#fbe3e6', makeup_workday: '#e2f3e4' };
export const COLORS = {
  critical: '#c8352b', other: '#3b74c9', stage: '#eef1f6', target: '#a15c00', milestone: '#1f6f43',
  approval: '#2e8b57', stageBar: '#7d8796',
};
/** Tracking: the lights (电子监察 红黄牌), the baseline under each bar, the as-of day. */
export const LIGHT_COLORS = { green: '#2e8b57', yellow: '#d49a00', red: '#c8352b', overdue: '#6d0f0a' };
export const BASELINE_COLOR = '#5b6474';
export const AS_OF_COLOR = '#6b3fa0';
/** Fill opacity of an item off the approval clock (the core's SVG uses the same). */
export const OFF_CLOCK_OPACITY = 0.4;
/** The largest share of the time axis the works are drawn on. */
const WORKS_SHARE = 0.3;

/** The works item (施工): the one the plan flags `works`. Null when the plan has none. */
export function worksItem(plan) {
  return plan.items.find((i) => i.works) ?? null;
}

/** Calendar days from date `a` to date `b` (both YYYY-MM-DD). */
function daysBetween(a, b) {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86400000);
}

/**
 * Calendar day (from acceptance) → x, from `x0` over `w` pixels for days 0…`maxDay`: linear,
 * but for the span of the works (`[a, b)`) when that would be wider than WORKS_SHARE of `w`.
 * `segments` lists the linear pieces (from, to, pixels per day); `breaks` the days where the
 * scale changes.
 */
function timeScale(maxDay, x0, w, works) {
  const a = works ? works[0] : 0, b = works ? works[1] : 0, span = b - a;
  if (!works || span <= WORKS_SHARE * maxDay || maxDay - span < 1) {
    const k = w / maxDay;
    return { x: (d) => x0 + d * k, segments: [[0, maxDay, k]], breaks: [] };
  }
  const kIn = (WORKS_SHARE * w) / span, kOut = ((1 - WORKS_SHARE) * w) / (maxDay - span);
  const x = (d) => x0 + Math.min(d, a) * kOut + Math.min(Math.max(d - a, 0), span) * kIn + Math.max(d - b, 0) * kOut;
  return { x, segments: [[0, a, kOut], [a, b, kIn], [b, maxDay, kOut]], breaks: [a, b] };
}

/**
 * The approval-time gauge: the plan's approval working days as a bar and the target as a mark,
 * on one scale (the longer of the two fills the width), both labelled; green when met.
 */
function approvalGauge(plan, total, { x0, w, y, t }) {
  const days = plan.summary.approval_working_days;
  const g = el('g', { 'data-gauge': days, 'data-target': total ? total.target : '' });
  g.append(el('text', { x: 6, y: y + 13, 'font-size': 11, fill: '#1d2330', 'font-weight': 600 }, t('approvalGauge')));
  const span = Math.max(days, total ? total.target : 0, 1) * 1.08; // room for the labels
  const k = w / span;
  const met = !total || total.met;
  g.append(el('rect', { x: x0, y: y + 3, width: Math.max(2, days * k), height: 12, rx: 2,
    fill: met ? COLORS.approval : COLORS.critical }));
  const dx = x0 + days * k;
  g.append(el('text', { x: dx + 4, y: y + 13, 'font-size': 10, fill: '#1d2330' }, t('gaugeDays', { n: days })));
  if (total) {
    const tx = x0 + total.target * k;
    g.append(el('line', { x1: tx, x2: tx, y1: y, y2: y + 18, stroke: COLORS.target, 'stroke-width': 2 }));
    // Under the bar, inside the chart: never clipped at either edge.
    const label = `${t('targetLine')} ${total.target}`;
    const toLeft = tx > x0 + w - 80;
    g.append(el('text', { x: toLeft ? tx - 4 : tx + 4, y: y + 24, 'font-size': 10, fill: COLORS.target,
      'text-anchor': toLeft ? 'end' : 'start' }, label));
  }
  return g;
}

function el(name, attrs = {}, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

function clip(name, max) {
  const chars = Array.from(name);
  return chars.length > max ? chars.slice(0, max - 1).join('') + '…' : name;
}

/**
 * Draws `plan` from its `layout` (the core's `plan_and_layout`: the rows in order, each bar's
 * days, where each key date sits, the days off — what the core's SVG is drawn from too) and
 * returns the <svg>. `t(key)` translates labels; `onSelect(id)` is called when an item row is
 * clicked or activated by keyboard; `selected` is the highlighted item.
 */
export function drawGantt(plan, { t, onSelect, selected, layout, gap = 0, tracking = null }) {
  const labelW = 230, rowH = 24, right = 20, width = 960;
  const total = plan.targets.find((x) => x.scope === 'total');
  const gaugeH = 26; // the approval-time gauge above the axis
  const top = 36 + gaugeH; // the date axis
  const origin = layout.first;
  const day = (date) => daysBetween(origin, date);
  // The rows as the layout orders them, with the plan's stage spans and items.
  const rows = layout.rows.map((r) => (r.row === 'stage'
    ? { stage: plan.stages.find((s) => s.id === r.id) ?? { id: r.id, name: r.name } }
    : { item: plan.items.find((i) => i.id === r.id), bar: r })).filter((r) => r.stage || r.item);
  // An item's bar: from the start of its acceptance day to the end of its decision day.
  const barOf = new Map(rows.filter((r) => r.item).map((r) => [r.item.id, r.bar]));
  const span = (i) => { const b = barOf.get(i.id); return b ? [day(b.from), day(b.to) + 1] : [0, 0]; };
  const instantOf = (i) => barOf.get(i.id)?.instant ?? false;
  const maxDay = Math.max(1, day(layout.last) + 1);
  const days = layout.days;
  const works = worksItem(plan);
  const scale = timeScale(maxDay, labelW, width - labelW - right, works && barOf.has(works.id) ? span(works) : null);
  const x = scale.x;
  // `gap`: room left under the selected row, where the page shows its explanation.
  const selectedRow = rows.findIndex((r) => r.item && r.item.id === selected);
  const rowY = (n) => top + n * rowH + (selectedRow >= 0 && n > selectedRow ? gap : 0);
  const bottom = rowY(rows.length - 1) + rowH; // the last row's lower edge
  const keyDates = [...layout.key_dates].sort((p, q) => (p.date < q.date ? -1 : p.date > q.date ? 1 : 0));
  // Tracking: each item's status, its bar in the baseline plan, the as-of day.
  const statusOf = new Map(tracking ? tracking.status.items.map((i) => [i.id, i]) : []);
  const baselineOf = new Map(tracking ? tracking.baseline.rows.filter((r) => r.row !== 'stage').map((r) => [r.id, r]) : []);
  const asOf = tracking ? tracking.status.as_of : null;
  const asOfShown = asOf !== null && day(asOf) >= 0 && day(asOf) <= maxDay;
  const keyTop = bottom + 18 + (asOfShown ? 14 : 0); // the key dates' names, one line each
  const height = keyTop + keyDates.length * 15 + (keyDates.length ? 4 : 10);
  const svg = el('svg', {
    // A group of focusable rows, not an image: an image may not contain controls.
    xmlns: NS, viewBox: `0 0 ${width} ${height}`, width, height, role: 'group',
    'aria-label': `${plan.project.name} — ${plan.ruleset.name}`,
    'font-family': 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
    'font-size': 12,
  });
  svg.append(el('title', {}, `${plan.project.name} — ${plan.ruleset.name}`));
  svg.append(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));
  const defs = el('defs');
  const head = el('marker', { id: 'arrow', viewBox: '0 0 6 6', refX: 6, refY: 3, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
  head.append(el('path', { d: 'M0 0L6 3L0 6Z', fill: '#7a1a12' }));
  defs.append(head);
  svg.append(defs);
  svg.append(approvalGauge(plan, total, { x0: labelW, w: width - labelW - right, y: 6, t }));

  // Days off and 调休 workdays, as the core's calendar has them: shaded behind the rows.
  const shade = el('g', { 'data-days': days.length });
  for (const run of days) {
    const x0 = x(day(run.from)), x1 = x(day(run.to) + 1);
    if (x1 <= x0) continue;
    const r = el('rect', { x: x0, y: top - 2, width: Math.max(0.5, x1 - x0), height: bottom - top + 2,
      fill: DAY_FILL[run.kind] || '#f2f3f5', 'data-kind': run.kind });
    if (run.name) r.append(el('title', {}, `${run.name} ${run.from}${run.to === run.from ? '' : ` – ${run.to}`}`));
    shade.append(r);
  }
  svg.append(shade);

  // Date axis: a tick on the first of each month and on Mondays, at least 44 px apart; a
  // date shows its year where the year changes.
  const axis = el('g', { 'font-size': 10, fill: '#5b6474', 'data-axis': 'dates' });
  let lastTick = -Infinity, lastYear = '';
  // One date stepped a day at a time (a plan spans hundreds of days; no parsing per day).
  const cursor = new Date(`${origin}T00:00:00Z`);
  for (let d = 0; d <= maxDay; d += 1, cursor.setUTCDate(cursor.getUTCDate() + 1)) {
    if (d !== 0 && cursor.getUTCDate() !== 1 && cursor.getUTCDay() !== 1) continue;
    if (x(d) - lastTick < 44) continue;
    const date = cursor.toISOString().slice(0, 10);
    lastTick = x(d);
    const [y, m, dd] = date.split('-');
    const shown = y === lastYear ? `${Number(m)}/${Number(dd)}` : `${y}/${Number(m)}/${Number(dd)}`;
    lastYear = y;
    axis.append(el('line', { x1: x(d), y1: top - 4, x2: x(d), y2: bottom + 4, stroke: '#e6e9ee' }));
    axis.append(el('text', { x: x(d), y: top - 6, 'text-anchor': 'middle', 'data-date': date }, shown));
  }
  axis.append(el('text', { x: 6, y: top - 6, fill: '#5b6474', 'data-caption': '' }, t('axisDates')));
  if (scale.breaks.length) {
    // A break on the axis at either end of the compressed works, and what it means.
    const g = el('g', { 'data-axis-break': scale.breaks.join(' '), stroke: '#5b6474', 'stroke-width': 1.2 });
    for (const d of scale.breaks) {
      for (const dx of [-2, 2]) g.append(el('line', { x1: x(d) + dx - 3, y1: top - 1, x2: x(d) + dx + 3, y2: top - 9 }));
    }
    axis.append(g);
    const mid = (x(scale.breaks[0]) + x(scale.breaks[1])) / 2;
    axis.append(el('text', { x: mid, y: top - 20, 'text-anchor': 'middle', 'font-style': 'italic' }, t('worksCompressed')));
  }
  svg.append(axis);

  const after = []; // texts drawn over a row, outside its button
  rows.forEach((row, n) => {
    const y = rowY(n);
    if (row.stage) {
      const s = row.stage;
      const g = el('g', { 'data-stage': s.id });
      g.append(el('rect', { x: 0, y, width, height: rowH, fill: COLORS.stage }));
      g.append(el('text', { x: 6, y: y + 16, 'font-weight': 600, 'data-stage-name': s.id }, clip(s.name, 14)));
      const bx = s.start ? x(day(s.start)) : 0, bw = s.finish ? Math.max(2, x(day(s.finish) + 1) - bx) : 0;
      g.append(el('rect', { x: bx, y: y + 9, width: bw, height: 6, fill: COLORS.stageBar, rx: 2 }));
      // Its span in working days, and its target when it has one (approval time too).
      const st = plan.targets.find((tg) => tg.scope === s.id);
      const span = t('stageSpan', { a: s.approval_working_days, e: s.elapsed_working_days })
        + (st ? ` · ${t('stageTarget', { n: st.target })}${st.met ? '' : ' ✗'}` : '');
      const after = bx + bw + 6;
      const fits = after + 7 * Array.from(span).length < width - 4;
      g.append(el('text', {
        x: fits ? after : width - 6, y: y + 16, 'font-size': 10, fill: st && !st.met ? COLORS.critical : '#5b6474',
        'text-anchor': fits ? 'start' : 'end', 'data-stage-span': `${s.approval_working_days}/${s.elapsed_working_days}`,
      }, span));
      svg.append(g);
      return;
    }
    const it = row.item;
    const color = it.critical ? COLORS.critical : COLORS.other;
    const opacity = it.clock === 'approval' ? 1 : OFF_CLOCK_OPACITY;
    // A full-strength outline keeps a pale critical item recognisably red.
    const outline = it.critical ? { stroke: '#7a1a12', 'stroke-width': 1 } : { stroke: 'none', 'stroke-width': 0 };
    // Said in words too, for a reader who cannot tell the colours apart.
    const st = statusOf.get(it.id);
    const critical = (it.critical ? ` · ${t('critical')}` : '')
      + (st ? ` · ${t(`state_${st.state}`)}${st.colour ? ` · ${t(`light_${st.colour}`)}` : ''}` : '');
    // The row is a button named by the item's whole name; the (clipped) name drawn in the
    // label column is outside it, so what a screen reader says and what is shown never
    // disagree (a clipped name is not part of the whole one). A click on it selects too.
    const label = el('text', { x: 14, y: y + 16, fill: '#1d2330', 'aria-hidden': 'true', 'data-label': it.id }, clip(it.name, 16));
    label.addEventListener('click', () => onSelect(it.id));
    svg.append(label);
    const g = el('g', {
      class: `row${selected === it.id ? ' selected' : ''}`, 'data-item': it.id, tabindex: 0,
      role: 'button', 'aria-label': `${it.name}${critical}`,
    });
    g.append(el('rect', { class: 'hit', x: labelW - 4, y, width: width - labelW + 4, height: rowH, fill: 'transparent' }));
    g.append(el('title', {}, `${it.name} · ${it.department} · ${it.accepted} → ${it.decided}${critical}`));
    const [from, to] = span(it);
    const instant = instantOf(it); // decided on its acceptance day: a diamond on that day
    const w = Math.max(0, x(to) - x(from)); // never negative, even for a plan edited by hand
    if (!instant) {
      g.append(el('rect', {
        x: x(from), y: y + 5, width: w, height: rowH - 10, rx: 3, fill: color, 'fill-opacity': opacity, ...outline,
      }));
    } else {
      const cx = (x(from) + x(to)) / 2, cy = y + rowH / 2;
      g.append(el('path', {
        d: `M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z`, fill: color, 'fill-opacity': opacity, ...outline,
      }));
    }
    const base = baselineOf.get(it.id);
    if (base) {
      // The baseline plan's bar, thin under this one: how far the item has moved.
      const b0 = x(Math.max(0, day(base.from))), b1 = x(Math.min(maxDay, day(base.to) + 1));
      after.push(el('rect', {
        x: b0, y: y + rowH - 5, width: Math.max(2, b1 - b0), height: 3, fill: BASELINE_COLOR, 'fill-opacity': 0.7,
        'data-baseline': it.id, 'aria-hidden': 'true', 'pointer-events': 'none',
      }));
    }
    if (st && st.colour) {
      // The light, at the end of the label column.
      after.push(el('circle', {
        cx: labelW - 12, cy: y + rowH / 2, r: 5, fill: LIGHT_COLORS[st.colour], stroke: '#ffffff', 'stroke-width': 1,
        'data-light': st.colour, 'data-for': it.id, 'aria-hidden': 'true', 'pointer-events': 'none',
      }));
    }
    if (it === works) {
      // The works say their period in calendar days, as a contract does: inside the bar when
      // it is wide enough, else after it.
      const period = t('worksPeriod', { n: it.duration });
      const inside = w >= 16 + 10 * Array.from(period).length; // 10 px a character at most
      // Drawn after the row (on top of the bar) and outside the button (see the label).
      after.push(el('text', {
        x: inside ? x(from) + w / 2 : x(to) + 4, y: y + 16, 'font-size': 10, fill: '#1d2330',
        'text-anchor': inside ? 'middle' : 'start', 'data-works': it.duration, 'data-for': it.id, 'aria-hidden': 'true',
        'pointer-events': 'none',
      }, period));
    } else {
      // The decision date after the bar, as the core's SVG writes it.
      const [, mm, dd] = it.decided.split('-');
      after.push(el('text', {
        x: x(to) + (instant ? 8 : 4), y: y + 16, 'font-size': 10, fill: '#5b6474', 'aria-hidden': 'true', 'pointer-events': 'none',
        'data-decided': it.decided,
      }, `${mm}-${dd}`));
    }
    g.addEventListener('click', () => onSelect(it.id));
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(it.id, { keyboard: true }); }
    });
    svg.append(g, ...after.splice(0));
  });

  // The order along the critical path that is drawn first: an arrow from each item's end to
  // the next one's start.
  const rowOf = new Map(rows.map((r, n) => [r.item ? r.item.id : null, n]));
  const byId = new Map(plan.items.map((i) => [i.id, i]));
  const arrows = el('g', { 'data-arrows': 'critical', stroke: '#7a1a12', 'stroke-width': 1, fill: 'none' });
  for (let k = 1; k < plan.critical_path.length; k++) {
    const a = byId.get(plan.critical_path[k - 1]), b = byId.get(plan.critical_path[k]);
    if (!a || !b || !rowOf.has(a.id) || !rowOf.has(b.id)) continue;
    const ya = rowY(rowOf.get(a.id)) + rowH / 2, yb = rowY(rowOf.get(b.id)) + rowH / 2;
    const end = (i) => (instantOf(i) ? (x(span(i)[0]) + x(span(i)[1])) / 2 : x(span(i)[1]));
    const begin = (i) => (instantOf(i) ? (x(span(i)[0]) + x(span(i)[1])) / 2 : x(span(i)[0]));
    const xa = end(a), xb = begin(b);
    const mid = Math.max(xa, xb - 4);
    arrows.append(el('path', {
      d: `M${xa} ${ya}H${mid}V${yb + (yb > ya ? -6 : 6)}`, 'marker-end': 'url(#arrow)', 'data-from': a.id, 'data-to': b.id,
    }));
  }
  svg.append(arrows);

  if (asOfShown) {
    // The as-of day: what lies left of its line has happened (the day itself is not over).
    const ax = x(day(asOf));
    const g = el('g', { 'data-as-of': asOf });
    g.append(el('line', { x1: ax, x2: ax, y1: top - 4, y2: bottom + 6, stroke: AS_OF_COLOR, 'stroke-width': 1.5, 'stroke-dasharray': '6 3' }));
    const toLeft = ax > width - 160;
    g.append(el('text', { x: toLeft ? ax - 4 : ax + 4, y: bottom + 18, 'text-anchor': toLeft ? 'end' : 'start', fill: AS_OF_COLOR, 'font-size': 11 },
      `${t('asOfLine')} ${asOf}`));
    svg.append(g);
  }

  // Key dates: a start at the start of its item's bar, a finish at its end (the offset says
  // which); named below the chart in date order, one line each, beside a tick under the line.
  keyDates.forEach((m, k) => {
    // At the start or the end of its day, as the layout anchors it (the SVG's rule).
    const mx = m.at === 'start' ? x(day(m.date)) : x(day(m.date) + 1);
    const ly = keyTop + k * 15;
    const g = el('g', { 'data-milestone': m.id, 'data-date': m.date, 'data-at': m.at });
    g.append(el('title', {}, `${m.name} ${m.date}`));
    g.append(el('line', {
      x1: mx, x2: mx, y1: top - 4, y2: bottom + 6, stroke: COLORS.milestone, 'stroke-width': 1.5, 'stroke-dasharray': '3 2',
    }));
    g.append(el('line', { x1: mx, x2: mx, y1: ly - 9, y2: ly + 2, stroke: COLORS.milestone, 'stroke-width': 1.5 }));
    const toLeft = mx > width - 160; // near the right edge the name goes to the left of its line
    g.append(el('text', {
      x: toLeft ? mx - 4 : mx + 4, y: ly, 'text-anchor': toLeft ? 'end' : 'start', fill: COLORS.milestone, 'font-size': 11,
    }, `${m.name} ${m.date}`));
    svg.append(g);
  });
  return svg;
}

/**
 * The chart's label column as a second, narrow SVG (stage names, item names, the axis
 * captions) for phones: laid over the chart and kept in view while the chart scrolls
 * sideways (CSS: position: sticky). Hidden from assistive technology, which has the rows.
 */
export function labelColumn(chart, onSelect) {
  const labelW = 226;
  const height = chart.getAttribute('height');
  const svg = el('svg', {
    xmlns: NS, viewBox: `0 0 ${labelW} ${height}`, width: labelW, height, class: 'labels', 'aria-hidden': 'true',
    'font-family': chart.getAttribute('font-family'), 'font-size': 12,
  });
  svg.append(el('rect', { x: 0, y: 0, width: labelW, height, fill: '#ffffff' }));
  for (const stage of chart.querySelectorAll('[data-stage] > rect:first-child')) {
    svg.append(el('rect', { x: 0, y: stage.getAttribute('y'), width: labelW, height: stage.getAttribute('height'), fill: COLORS.stage }));
  }
  for (const text of chart.querySelectorAll('[data-label], [data-stage-name], [data-caption]')) {
    const copy = text.cloneNode(true);
    if (text.dataset.label) copy.addEventListener('click', () => onSelect(text.dataset.label));
    svg.append(copy);
  }
  return svg;
}
