// The page's two DOM helpers. Every string goes in as a text node, never as markup, so text
// that a ruleset, a project or a shared link carries cannot inject HTML.

/** The element with this id. */
export const $ = (id) => document.getElementById(id);

/**
 * Creates `<tag>`: attributes from `attrs` (`on…` keys add listeners; undefined, null and false
 * leave the attribute out), children appended in order (strings become text nodes).
 */
export function h(tag, attrs = {}, ...children) {
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
