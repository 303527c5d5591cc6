// Search by record: fetch the record's vector, then ask for its k nearest neighbours (with their
// metadata) under an optional filter, and show them best first. Server errors are shown as sent.
import { ApiError, get, post, segment } from './api.js';
import { count, el, score } from './format.js';

/** Reads the form; throws an Error with a message for people when an input is wrong. */
export function readSearchForm(form) {
  const collection = form.elements.collection.value;
  const id = form.elements.id.value;
  const k = Number(form.elements.k.value);
  const filterText = form.elements.filter.value.trim();
  if (!collection) {
    throw new Error('Pick a collection first (there is none yet?).');
  }
  if (id === '') {
    throw new Error('Type the id of a record whose vector is the query.');
  }
  if (!Number.isInteger(k) || k < 1 || k > 10000) {
    throw new Error('k must be a whole number from 1 to 10,000.');
  }
  let filter;
  if (filterText) {
    try {
      filter = JSON.parse(filterText);
    } catch (e) {
      throw new Error(`The filter is not valid JSON: ${e.message}`);
    }
    if (filter === null || typeof filter !== 'object' || Array.isArray(filter)) {
      throw new Error('The filter must be a JSON object, such as {"lang": "en"}.');
    }
  }
  return { collection, id, k, filter };
}

/** Runs the two calls; answers {record, results}. Throws ApiError with the server's message. */
export async function searchByRecord({ collection, id, k, filter }) {
  const base = `/v1/collections/${segment(collection)}`;
  let record;
  try {
    record = await get(`${base}/records/${segment(id)}`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 404 && e.code === 'not_found') {
      e.message = `${e.message} (looking up record "${id}" for its vector)`;
    }
    throw e;
  }
  const query = { vector: record.vector, k, include: ['metadata'] };
  if (filter !== undefined) {
    query.filter = filter;
  }
  const answer = await post(`${base}/search`, query);
  return { record, results: answer.results };
}

export function renderResults({ table, summary }, queryId, results, millis) {
  const rows = results.map((r, i) => {
    const isQuery = r.id === queryId;
    const row = el('tr', { className: isQuery ? 'is-query' : '' },
      el('td', { className: 'num' }, i + 1),
      el('td', { className: 'id' }, r.id, ...(isQuery ? [el('span', { className: 'tag' }, 'query')] : [])),
      el('td', { className: 'num score' }, score(r.score)),
      el('td', { className: 'metadata' }, r.metadata && Object.keys(r.metadata).length ? JSON.stringify(r.metadata) : '—'));
    row.dataset.id = r.id;
    return row;
  });
  table.tBodies[0].replaceChildren(...rows);
  table.hidden = false;
  summary.textContent = `${count(results.length)} neighbour${results.length === 1 ? '' : 's'} of "${queryId}" `
    + `in ${Math.round(millis)} ms (record lookup and search).`;
}
