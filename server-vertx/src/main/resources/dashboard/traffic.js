// What the charts plot, from two scrapes of /metrics: request and error rates and latencies over
// the interval between them. Counters only grow, so differencing two scrapes gives the interval's
// own figures; a counter that went down means the server restarted, and that interval is skipped.
import { parseExposition, quantileBetween } from './prometheus.js';

/**
 * Routes that are not API traffic: this page's files and the endpoints it polls itself. Left in,
 * the charts would mostly show the dashboard watching itself.
 */
const OWN_ROUTES = new Set(['/', '/dashboard/:asset', '/metrics', '/healthz', '/readyz', '/openapi.json']);

/** The cumulative figures of one scrape taken at `time` (ms). */
export function snapshot(text, time) {
  const shot = {
    time,
    requests: 0,
    errors: 0,
    latencySum: 0,
    latencyCount: 0,
    searchSum: 0,
    searchCount: 0,
    searchBuckets: [],
  };
  for (const { name, labels, value } of parseExposition(text)) {
    if (name.startsWith('vertx_http_server_') && OWN_ROUTES.has(labels.route)) {
      continue;
    }
    switch (name) {
      case 'vertx_http_server_requests_total':
        shot.requests += value;
        if (/^[45]/.test(labels.code ?? '')) {
          shot.errors += value;
        }
        break;
      case 'vertx_http_server_response_time_seconds_sum':
        shot.latencySum += value;
        break;
      case 'vertx_http_server_response_time_seconds_count':
        shot.latencyCount += value;
        break;
      case 'proxima_search_seconds_sum':
        shot.searchSum += value;
        break;
      case 'proxima_search_seconds_count':
        shot.searchCount += value;
        break;
      case 'proxima_search_seconds_bucket':
        shot.searchBuckets.push([Number(labels.le === '+Inf' ? Infinity : labels.le), value]);
        break;
      default:
        break;
    }
  }
  shot.searchBuckets.sort((a, b) => a[0] - b[0]);
  return shot;
}

/**
 * The interval between two snapshots: requests and errors a second, mean API latency (ms), search
 * p95 and mean (ms; NaN when there was none). Null when the counters went back (a restart).
 */
export function interval(before, after) {
  const seconds = (after.time - before.time) / 1000;
  const requests = after.requests - before.requests;
  const errors = after.errors - before.errors;
  const latencyCount = after.latencyCount - before.latencyCount;
  const searches = after.searchCount - before.searchCount;
  if (seconds <= 0 || requests < 0 || errors < 0 || latencyCount < 0 || searches < 0) {
    return null;
  }
  return {
    requestRate: requests / seconds,
    errorRate: errors / seconds,
    meanLatencyMs: latencyCount > 0 ? ((after.latencySum - before.latencySum) / latencyCount) * 1000 : NaN,
    searchMeanMs: searches > 0 ? ((after.searchSum - before.searchSum) / searches) * 1000 : NaN,
    searchP95Ms: searches > 0 ? quantileBetween(0.95, before.searchBuckets, after.searchBuckets) * 1000 : NaN,
  };
}
