// The plan's explanations come as data (docs/plan-format.md); they are worded here so that
// they follow the page's language.

import { t } from './language.js';

function measureName(plan, id) {
  return plan.measures.find((m) => m.id === id)?.name ?? id;
}

/** One entry of an item's `trace`: what a measure (or the statutory scenario) changed. */
export function traceText(plan, c) {
  const vars = { ...c, m: c.measure ? measureName(plan, c.measure) : '' };
  if (c.kind === 'clock') Object.assign(vars, { from: t(`clock_${c.from}`), to: t(`clock_${c.to}`) });
  if (c.kind === 'unit') vars.to = c.to === 'natural' ? t('unitNatural') : t('unitWorking');
  return t(`trace_${c.kind}`, vars);
}

/**
 * A comparison's one-line statement in the page's language (the core words it in Chinese, as
 * the reform reports do): `由18个工作日压缩至16个工作日，压减11.1%` / `from 18 to 16 working days, 11.1% less`.
 */
export function compareStatement(c) {
  const b = c.before.approval_working_days, a = c.after.approval_working_days;
  const pct = Math.abs(c.saved_percent).toFixed(1);
  if (a < b) return t('compareShorter', { b, a, pct });
  if (a > b) return t('compareLonger', { b, a, pct });
  return t('compareSame', { b });
}

/** Why an item is not in the plan: its condition, or the measure that exempted or merged it. */
export function excludedText(plan, x) {
  if (x.by === 'condition') return t('excludedCondition', { cond: x.condition ?? '' });
  return t(x.by === 'exempted' ? 'excludedExempted' : 'excludedMerged', { m: measureName(plan, x.measure) });
}

/**
 * Why a measure that is on did not apply (`not_applied`): its condition does not hold, or too
 * few of its items are in the plan for it to act on (a merge of two, say, with one or none).
 */
export function notAppliedText(m) {
  if (m.not_applied === 'too_few_items') return t('notAppliedFewItems');
  if (m.condition) return t('notApplicable', { cond: m.condition });
  return t('notAppliedBare');
}

/** An item's name in this plan: planned, or left out; else its id. */
export function itemName(plan, id) {
  return (plan.items.find((i) => i.id === id) ?? plan.excluded.find((x) => x.id === id))?.name ?? id;
}

/**
 * What became of one of an item's statutory prerequisites (法定前置), as `{ state, text }`:
 * `held` (decided the same day as the item, which waited for it), `waived` (a measure waived
 * it), `before` (decided earlier, so it held nothing) or `absent` (not in the plan; why).
 */
export function prerequisiteText(plan, p) {
  if (p.waived_by) {
    const m = measureName(plan, p.waived_by);
    return p.decided
      ? { state: 'waived', text: t('prereqWaived', { date: p.decided, m }) }
      : { state: 'waived', text: t('prereqWaivedAbsent', { m }) };
  }
  if (!p.decided) {
    const x = plan.excluded.find((e) => e.id === p.item);
    return { state: 'absent', text: x ? t('prereqAbsentBecause', { why: excludedText(plan, x) }) : t('prereqAbsent') };
  }
  return p.held
    ? { state: 'held', text: t('prereqHeld', { date: p.decided }) }
    : { state: 'before', text: t('prereqBefore', { date: p.decided }) };
}

/** An item's basis, `{kind, text}`: a document, an estimate with its reason, or a
 *  calibration (back-solved to reproduce a published total). */
export function provenanceText(p) {
  if (!p) return t('none');
  if (p.kind === 'estimate') return t('estimate', { why: p.text });
  if (p.kind === 'calibrated') return t('calibrated', { why: p.text });
  return p.text;
}
