// How the page says what went wrong: the core's diagnostics (where, message, help), the
// results' error box for a ruleset or project that cannot be planned, and the banner for
// failures outside the form (a module that trapped or would not load).

import { $, h } from './dom.js';
import { t } from './language.js';
import { state } from './state.js';
import { DIAGNOSTIC_TITLES_ZH } from './i18n.js';

/** The names and values a core message quotes between backticks: its arguments. */
function argumentsOf(text) {
  return [...(text || '').matchAll(/`([^`]*)`/g)].map((m) => m[1]);
}

/**
 * A diagnostic's message in the page's language: in Chinese, its code's title and the
 * message's arguments (`未声明的属性：floor_areaa`); in English, the core's sentence.
 */
export function diagnosticMessage(d) {
  const title = state.lang !== 'en' && DIAGNOSTIC_TITLES_ZH[d.code];
  if (!title) return d.message;
  const args = argumentsOf(d.message);
  return args.length ? `${title}：${args.join('、')}` : title;
}

// The core's few failures that carry no diagnostics, worded in Chinese by their pattern.
const PLAIN_ZH = [
  [/^the plan runs to (\S+), past the year 9999; start earlier$/, (m) => `计划延续到 ${m[1]}，超出 9999 年；请把开始日期提前`],
  [/^no project type `([^`]*)` in `([^`]*)`$/, (m) => `规则集 ${m[2]} 没有项目类型 ${m[1]}`],
  [/^no built-in ruleset `([^`]*)`$/, (m) => `没有内置规则集 ${m[1]}`],
  [/^the built-in ruleset `([^`]*)` is not loaded yet/, (m) => `内置规则集 ${m[1]} 尚未载入`],
  [/^a ruleset given as TOML text needs the bureau module$/, () => 'TOML 文本的规则集需要规则编辑模块'],
  [/^the project is not JSON/, () => '项目文件不是 JSON'],
  [/^`([^`]*)` is not a date/, (m) => `${m[1]} 不是日期（应为 YYYY-MM-DD）`],
  [/^the ruleset has errors$/, () => '规则集有错误'],
  [/^the project is invalid$/, () => '项目有错误'],
];

/** A core failure's message in the page's language (the English one when no pattern fits). */
export function failureMessage(message) {
  if (state.lang === 'en') return message;
  for (const [re, zh] of PLAIN_ZH) {
    const m = re.exec(message);
    if (m) return zh(m);
  }
  return message;
}

/** The help in the page's language: in Chinese, only a suggestion it names (`是否想写 x？`). */
function diagnosticHelp(d) {
  if (state.lang === 'en' || !DIAGNOSTIC_TITLES_ZH[d.code]) return d.help;
  const m = /did you mean `([^`]*)`/.exec(d.help || '');
  return m ? t('didYouMean', { s: m[1] }) : null;
}

function where(d) {
  const l = d.labels.find((x) => x.primary) || d.labels[0];
  return l ? `${l.file} · ${t('line', { l: l.line, c: l.column })}` : '';
}

/** One diagnostic as a list item; `onClick(label)`, when given, jumps to its first label. */
export function diagnosticItem(d, onClick) {
  const li = h('li', { class: d.severity, 'data-code': d.code },
    h('span', { class: 'where' }, where(d)), ' ', diagnosticMessage(d), ` [${d.code}]`);
  // The labels' and the help's English sentences are for the English page.
  if (state.lang === 'en' || !DIAGNOSTIC_TITLES_ZH[d.code]) {
    for (const l of d.labels) if (l.message && l.message !== d.message) li.append(h('span', { class: 'help' }, `→ ${l.message}`));
  }
  const help = diagnosticHelp(d);
  if (help) li.append(h('span', { class: 'help' }, help));
  if (onClick && d.labels.length) {
    li.addEventListener('click', () => onClick(d.labels.find((x) => x.primary) || d.labels[0]));
    li.style.cursor = 'pointer';
  }
  return li;
}

/** Shows why there is no plan: `title`, the error's message and its diagnostics. */
export function showError(title, e) {
  const box = $('error');
  // A core failure with diagnostics is worded by them (in the page's language) in the list.
  const message = e.diagnostics && e.diagnostics.length && state.lang !== 'en' ? '' : failureMessage(e.message);
  box.textContent = `${title} ${message}`;
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
