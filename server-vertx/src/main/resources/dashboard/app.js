// The dashboard's entry point: finds its elements, starts the polling loops and wires the forms.
// Health and metrics every 2 s, collections every 4 s; a loop waits for its answer before the
// next round, so a slow server is never sent a pile of overlapping requests.
import { ApiError, apiEvents, apiKey, get, setApiKey } from './api.js';
import { LineChart } from './chart.js';
import { offerCollections, renderCollections } from './collections.js';
import { clock, el, millis, rate } from './format.js';
import { refreshHealth } from './health.js';
import { readSearchForm, renderResults, searchByRecord } from './search.js';
import { interval, snapshot } from './traffic.js';

const $ = (id) => document.getElementById(id);

const HEALTH_MS = 2000;
const METRICS_MS = 2000;
const COLLECTIONS_MS = 4000;

function showError(box, error) {
  if (!error) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const parts = [error instanceof ApiError ? error.describe() : error.message];
  if (error instanceof ApiError && error.requestId) {
    parts.push(' ', el('span', { className: 'request-id' }, `request ${error.requestId}`));
  }
  box.replaceChildren(...parts);
  box.hidden = false;
}

/**
 * Runs `task` now, then again `ms` after each run ends. `wake()` runs it at once, or right after
 * the run in flight, so that there is never more than one run and one timer.
 */
function every(ms, task) {
  let timer = null;
  let running = false;
  let again = false;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = true;
    try {
      await task();
    } finally {
      running = false;
      if (again) {
        again = false;
        run();
      } else {
        timer = setTimeout(run, ms);
      }
    }
  };
  run();
  return { wake: run };
}

// --- The API key and the notice shown when the server wants one. ---
const keyForm = $('key-form');
const keyInput = $('api-key');
const keyState = $('key-state');
const authNotice = $('auth-notice');

function showKeyState() {
  const set = apiKey() !== '';
  keyState.dataset.state = set ? 'set' : 'none';
  keyState.textContent = set ? 'key in use' : 'no key';
  keyInput.value = '';
  keyInput.placeholder = set ? '•••••••• (set for this tab)' : 'pxk_… (kept in this tab only)';
}

apiEvents.addEventListener('unauthenticated', (event) => {
  authNotice.textContent = apiKey()
    ? `The server refused this API key (401: ${event.detail.message}). Enter another one above.`
    : 'This server requires an API key (401 unauthenticated): enter one above. '
      + 'It is kept in this browser tab only (sessionStorage) and sent as Authorization: Bearer.';
  authNotice.hidden = false;
});

keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  if (keyInput.value.trim()) {
    setApiKey(keyInput.value);
  }
});
$('forget-key').addEventListener('click', () => setApiKey(''));

// --- Health. ---
const health = { live: $('health-live'), ready: $('health-ready'), detail: $('health-detail') };
const healthLoop = every(HEALTH_MS, () => refreshHealth(health));

// --- Collections. ---
const collectionsView = {
  table: $('collections'),
  empty: $('collections-empty'),
  total: $('stat-collections'),
  records: $('stat-records'),
};
const collectionsError = $('collections-error');
const searchCollection = $('search-collection');

async function refreshCollections() {
  try {
    const { collections } = await get('/v1/collections');
    const names = renderCollections(collections, collectionsView);
    offerCollections(searchCollection, names);
    showError(collectionsError, null);
    authNotice.hidden = true;
    $('collections-updated').textContent = `updated ${clock(new Date())}`;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      // What an earlier key showed is not for this caller.
      collectionsView.table.tBodies[0].replaceChildren();
      collectionsView.total.textContent = '–';
      collectionsView.records.textContent = '–';
      offerCollections(searchCollection, []);
    }
    showError(collectionsError, e);
  }
}
const collectionsLoop = every(COLLECTIONS_MS, refreshCollections);

// --- Charts from /metrics. ---
const rateChart = new LineChart($('rate-chart'), $('rate-legend'), {
  title: 'Request rate',
  series: [{ label: 'requests/s', color: '--series-1' }, { label: 'errors/s', color: '--series-2' }],
  format: rate,
});
const latencyChart = new LineChart($('latency-chart'), $('latency-legend'), {
  title: 'Latency',
  series: [{ label: 'API mean', color: '--series-1' }, { label: 'search p95', color: '--series-3' }],
  format: millis,
  floor: 1,
});
const metricsError = $('metrics-error');
let previous = null;

async function refreshMetrics() {
  let text;
  try {
    text = await get('/metrics');
  } catch (e) {
    previous = null;
    if (e instanceof ApiError && [401, 403, 404].includes(e.status)) {
      e.message += ' — the charts need an admin key of the default tenant while the server has API keys';
    }
    showError(metricsError, e);
    return;
  }
  showError(metricsError, null);
  const current = snapshot(text, performance.now());
  const figures = previous && interval(previous, current);
  previous = current;
  if (figures) {
    const now = Date.now();
    rateChart.push(now, [figures.requestRate, figures.errorRate]);
    latencyChart.push(now, [figures.meanLatencyMs, figures.searchP95Ms]);
    $('stat-rate').textContent = rate(figures.requestRate);
  }
}
const metricsLoop = every(METRICS_MS, refreshMetrics);

// --- Search by record. ---
const searchForm = $('search-form');
const searchError = $('search-error');
const searchView = { table: $('search-results'), summary: $('search-summary') };

searchForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const button = $('search-submit');
  showError(searchError, null);
  let input;
  try {
    input = readSearchForm(searchForm);
  } catch (e) {
    showError(searchError, e);
    return;
  }
  button.disabled = true;
  searchForm.setAttribute('aria-busy', 'true');
  const started = performance.now();
  try {
    const { results } = await searchByRecord(input);
    renderResults(searchView, input.id, results, performance.now() - started);
  } catch (e) {
    searchView.table.hidden = true;
    searchView.summary.textContent = '';
    showError(searchError, e);
  } finally {
    button.disabled = false;
    searchForm.removeAttribute('aria-busy');
  }
});

// --- Start. ---
$('server-address').textContent = location.host;
showKeyState();
apiEvents.addEventListener('keychange', () => {
  showKeyState();
  authNotice.hidden = true;
  previous = null;
  healthLoop.wake();
  collectionsLoop.wake();
  metricsLoop.wake();
});
