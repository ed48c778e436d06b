// The explanation of the selected item (state.sel): its department, stage, limit, dates,
// float, why it applies, what it needs, what the law requires before it (and whether that held
// it or a measure waived it), and what the measures changed.

import { $, h } from './dom.js';
import { state } from './state.js';
import { t } from './language.js';
import { itemName, prerequisiteText, traceText, provenanceText } from './wording.js';

/**
 * Draws the selected item's explanation right under its row, laid over the rows below (wide
 * screens; on phones it follows the chart); `onClose` clears the selection.
 */
export function renderExplain(plan, onClose = () => {}) {
  const box = $('explain');
  box.replaceChildren();
  box.style.top = '';
  const it = plan.items.find((i) => i.id === state.sel);
  if (!it) return;
  const close = h('button', { type: 'button', class: 'close', 'aria-label': t('close'), 'data-close': '' }, '×');
  close.addEventListener('click', onClose);
  box.append(close);
  const name = (id) => plan.items.find((i) => i.id === id)?.name ?? id;
  const stage = plan.stages.find((s) => s.id === it.stage);
  const rows = [
    ['department', it.department],
    ['stage', stage ? stage.name : it.stage],
    ['duration', `${it.duration} ${it.unit === 'natural' ? t('unitNatural') : t('unitWorking')} · ${t(`clock_${it.clock}`)}`],
    ['accepted', it.accepted], ['decided', it.decided],
    // The item's own flag (total float 0), as in the chart and the core's exports.
    ['critical', it.critical ? t('yes') : t('no')],
    ['float', `${it.total_float} ${t('workdays')}`],
    ['predecessors', it.predecessors.length ? it.predecessors.map(name).join('、') : t('none')],
    ['because', it.applies_because || t('none')],
    ['materials', it.materials.length ? it.materials.join('、') : t('none')],
    ['provenance', provenanceText(it.provenance)],
  ];
  if (it.bundle) rows.push(['bundle', it.bundle]);
  const dl = h('dl');
  for (const [k, v] of rows) dl.append(h('dt', {}, t(k)), h('dd', { 'data-key': k }, v));
  box.append(h('h3', { 'data-explain': it.id }, it.name, it.kind === 'merged' ? `（${t('kind_merged')}）` : ''), dl);
  if (it.prerequisites.length) {
    box.append(h('h4', {}, t('prerequisites')), h('ul', { class: 'prerequisites' }, it.prerequisites.map((p) => {
      const { state: st, text } = prerequisiteText(plan, p);
      return h('li', { 'data-prerequisite': p.item, 'data-state': st },
        h('span', { class: 'name' }, itemName(plan, p.item)), t('colon'), text,
        p.source ? h('small', { class: 'source' }, p.source) : null);
    })));
  }
  if (it.trace.length) box.append(h('h4', {}, t('changes')), h('ul', {}, it.trace.map((c) => h('li', {}, traceText(plan, c)))));
}

/** Whether the explanation is laid into the chart (wide screens) rather than after it. */
export function explainInChart() {
  const box = $('explain');
  return box.childElementCount > 0 && getComputedStyle(box).position === 'absolute';
}

/** Puts the explanation right under the selected row (the chart left room for it there). */
export function placeExplain() {
  const box = $('explain');
  if (!explainInChart()) return;
  const row = $('gantt').querySelector(`svg [data-item="${CSS.escape(state.sel)}"] rect.hit`);
  const wrap = box.parentElement;
  if (row && wrap) box.style.top = `${row.getBoundingClientRect().bottom - wrap.getBoundingClientRect().top + 2}px`;
}
