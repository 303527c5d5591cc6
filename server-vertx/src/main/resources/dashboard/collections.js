// The collections card: every collection with its configuration and counts, from GET /v1/collections,
// and the overview's totals.
import { bytes, count, el } from './format.js';

/** Fills the table (one row per collection, data-name on each) and answers the names, sorted as served. */
export function renderCollections(collections, { table, empty, total, records }) {
  const rows = collections.map((c) => {
    const row = el('tr', {},
      el('td', { className: 'name' }, c.name),
      el('td', { className: 'num' }, count(c.dimension)),
      el('td', {}, c.metric),
      el('td', {}, c.index),
      el('td', {}, c.memtable),
      el('td', {}, c.wal),
      el('td', { className: 'config', title: JSON.stringify(c.options) }, options(c.options)),
      el('td', { className: 'num records' }, count(c.live_records)),
      el('td', { className: 'num' }, count(c.storage?.segments)),
      el('td', { className: 'num' }, bytes(c.storage?.memtable_bytes)),
      el('td', { className: 'num' }, bytes(c.storage?.segment_bytes)));
    row.dataset.name = c.name;
    return row;
  });
  table.tBodies[0].replaceChildren(...rows);
  table.hidden = collections.length === 0;
  empty.hidden = collections.length !== 0;
  total.textContent = count(collections.length);
  records.textContent = count(collections.reduce((sum, c) => sum + (c.live_records ?? 0), 0));
  return collections.map((c) => c.name);
}

function options(map) {
  const entries = Object.entries(map ?? {});
  return entries.length ? entries.map(([k, v]) => `${k}=${v}`).join(', ') : '—';
}

/** Keeps the search form's collection list in step, without losing what the user picked. */
export function offerCollections(select, names) {
  const current = select.value;
  const same = names.length === select.options.length && names.every((n, i) => select.options[i].value === n);
  if (same) {
    return;
  }
  select.replaceChildren(...names.map((n) => el('option', { value: n }, n)));
  if (names.includes(current)) {
    select.value = current;
  }
}
