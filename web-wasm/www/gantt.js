// The Gantt chart, drawn from the plan JSON with DOM calls only (createElementNS, text as
// textContent). Presentation attributes are set on the elements themselves, so the SVG is
// self-contained when exported.
//
// Colours say what the core's SVG says: red for an item whose `critical` flag is set (total
// float 0 on the elapsed clock), blue for the others, and pale for an item off the approval
// clock. `critical_path` is only the first of the critical paths, so it does not colour.

const NS = 'http://www.w3.org/2000/svg';
export const COLORS = {
  critical: '#c8352b', other: '#3b74c9', stage: '#eef1f6', target: '#a15c00',
};
/** Fill opacity of an item off the approval clock (the core's SVG uses the same). */
export const OFF_CLOCK_OPACITY = 0.4;

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
 * Draws `plan` and returns the <svg>. `t(key)` translates labels; `onSelect(id)` is called
 * when an item row is clicked or activated by keyboard; `selected` is the highlighted item.
 */
export function drawGantt(plan, { t, onSelect, selected }) {
  const labelW = 230, rowH = 24, top = 34, right = 20, width = 960;
  const total = plan.targets.find((x) => x.scope === 'total');
  const maxDay = Math.max(1, plan.summary.elapsed_working_days, total ? total.target : 0,
    ...plan.items.map((i) => i.ef));
  const scale = (width - labelW - right) / maxDay;
  const x = (d) => labelW + d * scale;

  const rows = [];
  for (const stage of plan.stages) {
    const items = plan.items.filter((i) => i.stage === stage.id);
    if (items.length === 0) continue;
    rows.push({ stage });
    for (const item of items) rows.push({ item });
  }
  const height = top + rows.length * rowH + 28;
  const svg = el('svg', {
    xmlns: NS, viewBox: `0 0 ${width} ${height}`, width, height, role: 'img',
    'font-family': 'system-ui, "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif',
    'font-size': 12,
  });
  svg.append(el('title', {}, `${plan.project.name} — ${plan.ruleset.name}`));
  svg.append(el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }));

  // Axis: a tick every 1, 2, 5, 10… working days, whichever keeps ticks ≥ 40 px apart.
  const step = [1, 2, 5, 10, 20, 50, 100].find((s) => s * scale >= 40) || 200;
  const axis = el('g', { 'font-size': 10, fill: '#5b6474' });
  for (let d = 0; d <= maxDay; d += step) {
    axis.append(el('line', { x1: x(d), y1: top - 6, x2: x(d), y2: height - 24, stroke: '#e6e9ee' }));
    axis.append(el('text', { x: x(d), y: top - 10, 'text-anchor': 'middle' }, String(d)));
  }
  axis.append(el('text', { x: labelW, y: 12, fill: '#5b6474' }, t('axis')));
  svg.append(axis);

  rows.forEach((row, n) => {
    const y = top + n * rowH;
    if (row.stage) {
      const s = row.stage;
      const g = el('g', { 'data-stage': s.id });
      g.append(el('rect', { x: 0, y, width, height: rowH, fill: COLORS.stage }));
      g.append(el('text', { x: 6, y: y + 16, 'font-weight': 600 }, clip(s.name, 18)));
      g.append(el('rect', {
        x: x(s.start_offset), y: y + 9, width: Math.max(2, (s.finish_offset - s.start_offset) * scale),
        height: 6, fill: '#7d8796', rx: 2,
      }));
      const st = plan.targets.find((tg) => tg.scope === s.id);
      if (st) {
        g.append(el('line', {
          x1: x(s.start_offset + st.target), x2: x(s.start_offset + st.target), y1: y + 3, y2: y + rowH - 3,
          stroke: COLORS.target, 'stroke-width': 2,
        }));
      }
      svg.append(g);
      return;
    }
    const it = row.item;
    const color = it.critical ? COLORS.critical : COLORS.other;
    const opacity = it.clock === 'approval' ? 1 : OFF_CLOCK_OPACITY;
    // A full-strength outline keeps a pale critical item recognisably red.
    const outline = it.critical ? { stroke: '#7a1a12', 'stroke-width': 1 } : { stroke: 'none', 'stroke-width': 0 };
    // Said in words too, for a reader who cannot tell the colours apart.
    const critical = it.critical ? ` · ${t('critical')}` : '';
    const g = el('g', {
      class: `row${selected === it.id ? ' selected' : ''}`, 'data-item': it.id, tabindex: 0,
      role: 'button', 'aria-label': `${it.name}${critical}`,
    });
    g.append(el('rect', { class: 'hit', x: 0, y, width, height: rowH, fill: 'transparent' }));
    g.append(el('title', {}, `${it.name} · ${it.department} · ${it.accepted} → ${it.decided}${critical}`));
    g.append(el('text', { x: 14, y: y + 16, fill: '#1d2330' }, clip(it.name, 16)));
    const w = (it.ef - it.es) * scale;
    if (w > 0) {
      g.append(el('rect', {
        x: x(it.es), y: y + 5, width: w, height: rowH - 10, rx: 3, fill: color, 'fill-opacity': opacity, ...outline,
      }));
    } else {
      const cx = x(it.es), cy = y + rowH / 2;
      g.append(el('path', {
        d: `M${cx} ${cy - 6}L${cx + 6} ${cy}L${cx} ${cy + 6}L${cx - 6} ${cy}Z`, fill: color, 'fill-opacity': opacity, ...outline,
      }));
    }
    g.append(el('text', { x: x(it.ef) + 4, y: y + 16, 'font-size': 10, fill: '#5b6474' }, String(it.working_days)));
    g.addEventListener('click', () => onSelect(it.id));
    g.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onSelect(it.id); }
    });
    svg.append(g);
  });

  if (total) {
    const tx = x(total.target);
    svg.append(el('line', {
      x1: tx, x2: tx, y1: top - 4, y2: height - 22, stroke: COLORS.target, 'stroke-width': 2, 'stroke-dasharray': '5 4',
      'data-target': total.target,
    }));
    svg.append(el('text', { x: tx, y: height - 8, 'text-anchor': 'middle', fill: COLORS.target, 'font-size': 11 },
      `${t('targetLine')} ${total.target}`));
  }
  return svg;
}
