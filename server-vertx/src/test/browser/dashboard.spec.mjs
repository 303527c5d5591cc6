// The dashboard in a real browser: Debian's chromium, headless, driven by playwright-core.
// DashboardBrowserTest starts the servers and the data, runs `node dashboard.spec.mjs <plan.json>`,
// and reads the exit status and the lines printed here. Every wait is for something on the page,
// bounded; there is no fixed sleep.
//
// The plan: {"open": {"url", "collection", "record", "k", "filter", "filtered"}, "secured": {"url", "key",
// "collection"}, "screenshot": path, "chromium": path}.
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const plan = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const WAIT = { timeout: 20_000 };
let checks = 0;

function check(condition, what, detail = '') {
  if (!condition) {
    throw new Error(`FAILED: ${what}${detail ? ` (${detail})` : ''}`);
  }
  checks++;
  console.log(`ok ${checks} - ${what}`);
}

/** Page errors, failed requests and CSP violations (reported as console errors) fail the run. */
function watch(page, problems, expected = () => false) {
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected(m.text())) {
      problems.push(`console error: ${m.text()}`);
    }
  });
  page.on('requestfailed', (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText}`));
}

async function openServer(browser) {
  const { url, collection, record, k, filter, filtered } = plan.open;
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, deviceScaleFactor: 1 });
  const page = await context.newPage();
  const problems = [];
  // The page's own failed calls (the unknown record below) are logged by the browser as errors.
  watch(page, problems, (text) => text.includes('404 (Not Found)'));
  const foreign = [];
  page.on('request', (r) => {
    if (!r.url().startsWith(url)) {
      foreign.push(r.url());
    }
  });

  const response = await page.goto(`${url}/`);
  check(response.status() === 200, 'GET / answers the page');
  check((response.headers()['content-security-policy'] ?? '').startsWith("default-src 'self'"),
    'the page carries the dashboard policy');

  await page.locator('#health-live[data-state="ok"]').waitFor(WAIT);
  await page.locator('#health-ready[data-state="ok"]').waitFor(WAIT);
  check(await page.locator('#health-ready').textContent() === 'ready', 'health shows alive and ready');

  const row = page.locator(`#collections tbody tr[data-name="${collection}"]`);
  await row.waitFor(WAIT);
  const liveRecords = (await row.locator('td.records').textContent()).trim();
  check(liveRecords === String(plan.open.records), `the collection "${collection}" is listed with its count`,
    `shows ${liveRecords}`);

  // Search by record: the record itself is its own nearest neighbour.
  await page.locator(`#search-collection option[value="${collection}"]`).waitFor({ ...WAIT, state: 'attached' });
  await page.selectOption('#search-collection', collection);
  await page.fill('#search-id', record);
  await page.fill('#search-k', String(k));
  await page.click('#search-submit');
  await page.locator('#search-results:not([hidden]) tbody tr').first().waitFor(WAIT);
  const ids = await page.locator('#search-results tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));
  check(ids.length === k, `the search shows k=${k} neighbours`, ids.join(','));
  check(ids[0] === record, 'the record itself comes first', ids.join(','));
  check(await page.locator('#search-results tbody tr.is-query .tag').count() === 1, 'the query row is marked');
  const metadata = await page.locator('#search-results tbody tr td.metadata').first().textContent();
  check(metadata.startsWith('{'), 'neighbours show their metadata', metadata);

  // The same with a filter: only records that match it.
  await page.fill('#search-filter', JSON.stringify(filter));
  await page.click('#search-submit');
  await page.waitForFunction((n) => document.querySelectorAll('#search-results tbody tr').length === n,
    filtered.length, WAIT);
  const filteredIds = await page.locator('#search-results tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.id));
  check(JSON.stringify([...filteredIds].sort()) === JSON.stringify([...filtered].sort()),
    'a filtered search shows only the matching records', filteredIds.join(','));

  // An error is shown with the server's own message.
  await page.fill('#search-filter', '');
  await page.fill('#search-id', 'no-such-record');
  await page.click('#search-submit');
  await page.locator('#search-error:not([hidden])').waitFor(WAIT);
  const error = await page.locator('#search-error').textContent();
  check(error.includes('404 not_found') && error.includes('no-such-record'), 'a missing record shows the server\'s 404', error);
  await page.fill('#search-filter', '{"lang": ');
  await page.fill('#search-id', record);
  await page.click('#search-submit');
  await page.waitForFunction(() => document.querySelector('#search-error').textContent.includes('not valid JSON'), null, WAIT);
  check(true, 'a malformed filter is refused before it is sent');

  // Put the page back to a good search for the screenshot.
  await page.fill('#search-filter', '');
  await page.click('#search-submit');
  await page.locator('#search-results:not([hidden]) tbody tr').first().waitFor(WAIT);

  // Charts: each point is the difference of two scrapes of /metrics; wait for three points. The
  // latency line has no point for an interval without API requests, so the page keeps some coming:
  // with only the searches above, it could be a few dots rather than a line.
  await page.evaluate(() => {
    window.steadyTraffic = setInterval(() => fetch('/v1/collections').catch(() => {}), 150);
  });
  await page.waitForFunction(() => ['rate-chart', 'latency-chart'].every((id) => {
    const canvas = document.getElementById(id);
    return Number(canvas.dataset.points) >= 3 && canvas.dataset.drawn === 'true';
  }), null, { timeout: 30_000 });
  for (const id of ['rate-chart', 'latency-chart']) {
    // Grid and labels alone would ink the canvas too: count the pixels of the first series' own colour.
    const line = await page.evaluate((canvasId) => {
      const canvas = document.getElementById(canvasId);
      const hex = getComputedStyle(canvas).getPropertyValue('--series-1').trim();
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
      let pixels = 0;
      for (let i = 0; i < data.length; i += 4) {
        const near = Math.abs(data[i] - r) + Math.abs(data[i + 1] - g) + Math.abs(data[i + 2] - b) < 40;
        pixels += near && data[i + 3] > 200 ? 1 : 0;
      }
      return pixels;
    }, id);
    check(line >= 20, `the ${id} canvas is drawn`, `${line} pixels of its first line`);
  }
  await page.evaluate(() => clearInterval(window.steadyTraffic));
  const rate = await page.locator('#rate-legend').textContent();
  check(/requests\/s\s*\d/.test(rate), 'the rate chart\'s legend shows a figure', rate);

  // The page's own parsing, on the edge cases a live server rarely shows.
  const parsing = await page.evaluate(async () => {
    const { parseExposition, quantileBetween } = await import('/dashboard/prometheus.js');
    const { interval, snapshot } = await import('/dashboard/traffic.js');
    const samples = parseExposition('# HELP x y\nm{a="q\\"u,o}te",b="2"} 3.5 1700000000\ninf +Inf\nbroken{ 1\n');
    const before = snapshot('vertx_http_server_requests_total{code="200",route="/v1/x"} 10\n'
      + 'vertx_http_server_requests_total{code="500",route="/v1/x"} 1\n'
      + 'vertx_http_server_requests_total{code="200",route="/metrics"} 50\n', 0);
    const after = snapshot('vertx_http_server_requests_total{code="200",route="/v1/x"} 16\n'
      + 'vertx_http_server_requests_total{code="500",route="/v1/x"} 3\n'
      + 'vertx_http_server_requests_total{code="200",route="/metrics"} 90\n', 2000);
    const restarted = snapshot('vertx_http_server_requests_total{code="200",route="/v1/x"} 2\n', 4000);
    return {
      samples: JSON.stringify(samples.map((x) => [x.name, x.labels, String(x.value)])),
      rates: interval(before, after),
      restart: interval(after, restarted),
      p50: quantileBetween(0.5, [[1, 0], [2, 0], [Infinity, 0]], [[1, 1], [2, 3], [Infinity, 4]]),
    };
  });
  check(parsing.samples === JSON.stringify([['m', { a: 'q"u,o}te', b: '2' }, '3.5'], ['inf', {}, 'Infinity']]),
    'the exposition parser reads escaped labels and +Inf and skips what is not a sample', parsing.samples);
  check(parsing.rates.requestRate === 4 && parsing.rates.errorRate === 1 && parsing.restart === null,
    'rates leave out the dashboard\'s own routes and skip a counter reset', JSON.stringify(parsing));
  check(parsing.p50 === 1.5, 'a quantile is interpolated within its bucket', String(parsing.p50));

  await page.screenshot({ path: plan.screenshot, fullPage: true });
  check(foreign.length === 0, 'nothing was fetched from another origin', foreign.join(' '));
  check(problems.length === 0, 'no page error, console error, CSP violation or failed request', problems.join(' | '));

  // And the policy is really in force: an injected inline script does not run.
  const blocked = await page.evaluate(() => new Promise((resolve) => {
    document.addEventListener('securitypolicyviolation', (e) => resolve({ directive: e.violatedDirective, ran: window.injected === true }));
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.append(script);
  }));
  check(blocked.directive.startsWith('script-src') && !blocked.ran, 'the policy blocks an inline script',
    JSON.stringify(blocked));
  await context.close();
}

async function securedServer(browser) {
  const { url, key, collection } = plan.secured;
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  // 401 without a key; 403 from /metrics, which needs an admin key, not the writer key used here.
  watch(page, problems, (text) => /40[13] \((Unauthorized|Forbidden)\)/.test(text));
  await page.goto(`${url}/`);
  await page.locator('#auth-notice:not([hidden])').waitFor(WAIT);
  const notice = await page.locator('#auth-notice').textContent();
  check(notice.includes('requires an API key'), 'a server with keys: the page asks for one on 401', notice);
  check(await page.locator('#collections tbody tr').count() === 0, 'and shows no collection without it');

  await page.fill('#api-key', key);
  await page.click('#key-form button[type="submit"]');
  await page.locator(`#collections tbody tr[data-name="${collection}"]`).waitFor(WAIT);
  check(await page.locator('#auth-notice').isHidden(), 'with the key, the collections appear and the notice goes');
  await page.waitForFunction(() => document.querySelector('#metrics-error').textContent.includes('admin key'), null, WAIT);
  check(true, 'a key that may not read /metrics: the page says the charts need an admin key');
  check(await page.evaluate(() => sessionStorage.length === 1 && localStorage.length === 0),
    'the key is kept in sessionStorage only');
  await page.reload();
  await page.locator(`#collections tbody tr[data-name="${collection}"]`).waitFor(WAIT);
  check(await page.locator('#key-state').textContent() === 'key in use', 'the key survives a reload of the tab');
  await page.click('#forget-key');
  await page.locator('#auth-notice:not([hidden])').waitFor(WAIT);
  await page.locator('#collections tbody tr').first().waitFor({ ...WAIT, state: 'detached' });
  check(true, 'forgetting the key brings the 401 notice back and clears the collections');
  check(problems.length === 0, 'no page error on the secured server', problems.join(' | '));
  await context.close();
}

const started = Date.now();
const browser = await chromium.launch({
  executablePath: plan.chromium,
  // Root in a container needs --no-sandbox; the rest keep chromium off a network it cannot reach.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  await openServer(browser);
  await securedServer(browser);
  console.log(`dashboard spec: ${checks} checks passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.log(e.stack ?? String(e));
  process.exitCode = 1;
} finally {
  await browser.close();
}
