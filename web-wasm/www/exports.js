// Downloads of exports. The files themselves come from the core renderers (the wasm
// `render` binding); they are offered through blob: URLs, so nothing leaves the browser.

import { $ } from './dom.js';
import { t } from './language.js';
import { call, Crashed } from './wasm.js';
import { rulesetRef } from './ruleset.js';
import { projectObject, today } from './project.js';
import { showError } from './diagnostics.js';
import { lastPlan, lastPlanText } from './replan.js';

/** Offers `text` as a file download. */
function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * Wires the export buttons: the plan JSON as the core returned it, CSV, ICS and SVG rendered
 * by the core from the same project, and the project itself as JSON (to import later).
 */
export function wireExports() {
  const base = () => (lastPlan ? `${lastPlan.ruleset.id}-${lastPlan.project.project_type}` : 'plan');
  $('export-json').addEventListener('click', () => lastPlan && download(`${base()}.json`, 'application/json', lastPlanText));
  const rendered = (format, type) => () => {
    if (!lastPlan) return;
    try {
      download(`${base()}.${format}`, type, call('render', rulesetRef(), JSON.stringify(projectObject()), today(), format));
    } catch (e) {
      if (!(e instanceof Crashed)) showError(t('projectErrors'), e);
    }
  };
  $('export-csv').addEventListener('click', rendered('csv', 'text/csv;charset=utf-8'));
  $('export-ics').addEventListener('click', rendered('ics', 'text/calendar;charset=utf-8'));
  $('export-svg').addEventListener('click', rendered('svg', 'image/svg+xml'));
  $('export-project').addEventListener('click', () => download(`${base()}-project.json`, 'application/json',
    `${JSON.stringify(projectObject(), null, 2)}\n`));
}
