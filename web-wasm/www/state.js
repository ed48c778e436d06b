// What the visitor chose: the only state the page keeps. It lives in the URL hash, so that a
// shared link reproduces the page, and in localStorage, so that a reload does; everything else
// (the ruleset's description, the plan) is derived from it again.

const STORAGE_KEY = 'shenpi-web-state';

export const state = {
  rs: '', // a built-in ruleset id, 'demo' or 'custom' (the edited TOML below)
  toml: '', // the edited ruleset's text, once bureau mode has changed one
  type: '', name: '', start: '', scenario: 'promised',
  construction: '', // the construction period (工期) as typed, calendar days; '' is the type's own
  attrs: {}, measures: {}, lang: 'zh', mode: 'plan',
  sel: '', // the item whose explanation is shown
  origin: '', // the ruleset an edit started from (bureau mode's "edited vs original")
  track: false, // tracking a project under way (进度跟踪)
  asOf: '', // the day the status is taken on; '' is today
  profile: '', // the warning profile; '' is the ruleset's default
  progress: {}, // what happened, per item: the project's `progress` (docs/tracking.md)
  fcIterations: '', fcSeed: '', fcBy: '', fcKey: '', // the forecast's iterations, seed, date and key date ('' = defaults)
};

// URL-safe base64 of the UTF-8 JSON: a link with it survives being pasted anywhere.
function encodeState() {
  const bytes = new TextEncoder().encode(JSON.stringify(state));
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decodeState(text) {
  const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(s, (c) => c.charCodeAt(0))));
}

export function saveState() {
  const encoded = encodeState();
  history.replaceState(null, '', `#s=${encoded}`);
  try { localStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch { /* storage full or off */ }
}

/** Whether the URL hash holds the state as it is (so a hash change is not a new link). */
export function hashIsCurrent() {
  return location.hash === `#s=${encodeState()}`;
}

/**
 * Takes the state from the URL hash, else from localStorage; returns whether either had one.
 * Only known keys with a value of the expected type are taken: a link may be old or hand-made.
 */
export function restoreState() {
  let saved = null;
  const m = location.hash.match(/^#s=([A-Za-z0-9_-]+)$/);
  try {
    if (m) saved = decodeState(m[1]);
    else saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || 'null');
  } catch { saved = null; }
  if (!saved || typeof saved !== 'object') return false;
  for (const k of Object.keys(state)) {
    if (saved[k] !== undefined && typeof saved[k] === typeof state[k]) state[k] = saved[k];
  }
  return true;
}
