// Exports built from the plan JSON in the page (the core's CSV/ICS renderers are not on
// main yet). Downloads go through blob: URLs; nothing leaves the browser.

const CSV_COLUMNS = [
  'id', 'name', 'department', 'stage', 'kind', 'duration', 'unit', 'clock', 'working_days',
  'accepted', 'decided', 'es', 'ef', 'total_float', 'critical', 'bundle', 'predecessors',
];

function csvCell(value) {
  let s = Array.isArray(value) ? value.join(' ') : value === null || value === undefined ? '' : String(value);
  // A cell a spreadsheet would read as a formula is prefixed with an apostrophe.
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

/** CSV of the planned items, UTF-8 with a BOM so spreadsheet programs read the Chinese. */
export function planCsv(plan) {
  const lines = [CSV_COLUMNS.join(',')];
  for (const item of plan.items) lines.push(CSV_COLUMNS.map((c) => csvCell(item[c])).join(','));
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

function icsText(s) {
  return String(s).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 §3.1) without splitting a character. */
function fold(line) {
  const enc = new TextEncoder();
  const out = [];
  let cur = '', bytes = 0, limit = 75;
  for (const ch of line) {
    const n = enc.encode(ch).length;
    if (bytes + n > limit) { out.push(cur); cur = ' '; bytes = 1; limit = 75; }
    cur += ch; bytes += n;
  }
  out.push(cur);
  return out.join('\r\n');
}

const compact = (d) => d.replaceAll('-', '');
function nextDay(d) {
  const t = new Date(`${d}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + 1);
  return t.toISOString().slice(0, 10);
}

/** iCalendar: one all-day event per item, from acceptance to decision. */
export function planIcs(plan, now = new Date()) {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//shenpi//web//ZH', 'CALSCALE:GREGORIAN'];
  for (const it of plan.items) {
    lines.push('BEGIN:VEVENT',
      `UID:${it.id}.${plan.ruleset.content_hash.slice(0, 12)}@shenpi.invalid`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compact(it.accepted)}`,
      `DTEND;VALUE=DATE:${compact(nextDay(it.decided))}`,
      `SUMMARY:${icsText(it.name)}`,
      `DESCRIPTION:${icsText(`${it.department} · ${it.working_days} · ${plan.project.name}`)}`,
      'END:VEVENT');
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

/** Offers `text` as a file download. */
export function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
