// How the page says what went wrong: the core's diagnostics (where, message, help), the
// results' error box for a ruleset or project that cannot be planned, and the banner for
// failures outside the form (a module that trapped or would not load).

import { $, h } from './dom.js';
import { t } from './language.js';

function where(d) {
  const l = d.labels.find((x) => x.primary) || d.labels[0];
  return l ? `${l.file} · ${t('line', { l: l.line, c: l.column })}` : '';
}

/** One diagnostic as a list item; `onClick(label)`, when given, jumps to its first label. */
export function diagnosticItem(d, onClick) {
  const li = h('li', { class: d.severity, 'data-code': d.code },
    h('span', { class: 'where' }, where(d)), ' ', d.message, ` [${d.code}]`);
  for (const l of d.labels) if (l.message && l.message !== d.message) li.append(h('span', { class: 'help' }, `→ ${l.message}`));
  if (d.help) li.append(h('span', { class: 'help' }, d.help));
  if (onClick && d.labels.length) {
    li.addEventListener('click', () => onClick(d.labels.find((x) => x.primary) || d.labels[0]));
    li.style.cursor = 'pointer';
  }
  return li;
}

/** Shows why there is no plan: `title`, the error's message and its diagnostics. */
export function showError(title, e) {
  const box = $('error');
  box.textContent = `${title} ${e.message}`;
  box.hidden = false;
  const list = $('error-list');
  list.replaceChildren(...(e.diagnostics || []).map((d) => diagnosticItem(d)));
}

export function clearError() {
  $('error').hidden = true;
  $('error-list').replaceChildren();
}

export function showFatal(text) {
  const fatal = $('fatal');
  fatal.textContent = text;
  fatal.hidden = false;
}

export function hideFatal() {
  $('fatal').hidden = true;
}

/** Reports a failure outside the form's own error display (e.g. a module that won't load). */
export function fatalError(e) {
  showFatal(String(e && e.message ? e.message : e));
}
