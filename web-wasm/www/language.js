// The page's language: `t` words a UI string in the language the visitor chose (the strings
// are in i18n.js); ruleset content (item names, departments) is shown as the ruleset writes it.

import { translate } from './i18n.js';
import { $ } from './dom.js';
import { state } from './state.js';

export const t = (key, vars) => translate(state.lang, key, vars);

/** Rewords the static parts of the page (elements with `data-t`); the rest is redrawn. */
export function applyLanguage() {
  document.documentElement.lang = state.lang === 'en' ? 'en' : 'zh-CN';
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
  const lang = $('lang');
  lang.textContent = state.lang === 'en' ? '中文' : 'English';
  lang.lang = state.lang === 'en' ? 'zh-CN' : 'en';
  document.title = `${t('title')} · shenpi`;
}
