// The project form, built from the ruleset's description: the ruleset picker, the ruleset's
// types, one field per attribute and one switch per measure. A change goes into the state and
// re-plans at once; a number out of range is flagged beside its field and not planned (an
// invalid construction period also takes the plan off the screen: see replan.js).

import { $, h } from './dom.js';
import { state } from './state.js';
import { t } from './language.js';
import { builtins } from './wasm.js';
import { desc } from './ruleset.js';
import { constructionDaysError, invalidFields } from './project.js';
import { replan } from './replan.js';

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

/** A unit as the page spells it: square and cubic metres with superscripts (rulesets write `m2`). */
export function unitText(unit) {
  return unit.replace(/\bm2\b/g, 'm²').replace(/\bm3\b/g, 'm³');
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
    box.addEventListener('change', () => { state.attrs[a.id] = box.checked; replan(); });
    return h('label', { class: 'field check' }, box, label, help);
  }
  if (a.kind === 'enum') {
    const sel = h('select', { 'data-attr': a.id });
    if (!a.required || value === undefined) sel.append(h('option', { value: '' }, '—'));
    for (const v of a.values) sel.append(h('option', { value: v.id }, v.label));
    sel.value = value ?? '';
    sel.addEventListener('change', () => {
      if (sel.value === '') delete state.attrs[a.id]; else state.attrs[a.id] = sel.value;
      replan();
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
    invalidFields.delete(a.id);
    if (input.value.trim() === '') {
      delete state.attrs[a.id];
      msg.textContent = a.required ? t('required') : '';
    } else if (numeric) {
      const n = Number(input.value);
      msg.textContent = rangeMessage(a, n);
      if (msg.textContent) {
        // No plan while the field says something else than the plan would use.
        input.setAttribute('aria-invalid', 'true');
        invalidFields.set(a.id, `${a.label}：${msg.textContent}`);
        replan();
        return;
      }
      state.attrs[a.id] = n;
    } else {
      state.attrs[a.id] = input.value;
    }
    input.removeAttribute('aria-invalid');
    replan();
  });
  const row = h('span', { class: 'row' }, input, a.unit ? h('span', { class: 'unit' }, unitText(a.unit)) : null);
  return h('label', { class: 'field' }, label, row, msg, help);
}

/** Flags an invalid construction period beside its field (the field shows what was typed). */
export function checkConstructionDays() {
  const input = $('construction-days');
  const msg = constructionDaysError();
  $('construction-days-msg').textContent = msg;
  if (msg) input.setAttribute('aria-invalid', 'true'); else input.removeAttribute('aria-invalid');
}

/** Rebuilds the form from the description and the state (a ruleset with errors leaves it empty). */
export function fillForm() {
  invalidFields.clear(); // the fields are drawn again from the state
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
  $('construction-days').value = state.construction;
  checkConstructionDays();
  for (const a of desc.attributes) attrs.append(attributeField(a));
  if (desc.measures.length === 0) measures.append(h('p', { class: 'muted' }, t('noMeasures')));
  for (const m of desc.measures) {
    const box = h('input', { type: 'checkbox', 'data-measure': m.id });
    box.checked = state.measures[m.id] ?? m.default;
    box.addEventListener('change', () => { state.measures[m.id] = box.checked; replan(); });
    measures.append(h('label', { class: 'field check measure', 'data-measure-label': m.id }, box,
      h('span', {}, m.name, m.default ? '' : `（${t('measureDefaultOff')}）`),
      m.description ? h('small', {}, m.description) : null,
      h('small', { class: 'na-note', hidden: '' })));
  }
}
