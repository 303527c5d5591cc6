// Retries, backoff and timeouts. The real server cannot be made to answer 429 then 200 on cue, so
// this file alone uses a tiny local http server that scripts its answers; every other test runs
// against the real server.
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { test } from "node:test";
import {
  Client, ConnectionError, NotFoundError, ProximaError, RateLimitedError, TimeoutError, UnavailableError,
  backoffDelayMs, parseRetryAfter,
} from "../dist/index.js";

const EMPTY_LIST = JSON.stringify({ collections: [] });

function envelope(code, message, requestId = "req-1") {
  return JSON.stringify({ error: { code, message, request_id: requestId } });
}

/** A server answering each request with the next of `answers` ({status, headers?, body?}, or "hang"). */
async function scripted(t, answers) {
  const seen = [];
  const server = createServer((request, response) => {
    seen.push({ at: Date.now(), method: request.method, url: request.url, authorization: request.headers.authorization });
    const answer = answers[Math.min(seen.length - 1, answers.length - 1)];
    if (answer === "hang") {
      return; // never answers: for the timeout
    }
    response.writeHead(answer.status, { "Content-Type": "application/json", ...answer.headers });
    response.end(answer.body ?? "");
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://127.0.0.1:${server.address().port}`, seen };
}

test("429 with Retry-After: 1 then 200: waits at least a second, then succeeds", async (t) => {
  const { url, seen } = await scripted(t, [
    { status: 429, headers: { "Retry-After": "1" }, body: envelope("rate_limited", "slow down") },
    { status: 200, body: EMPTY_LIST },
  ]);
  const started = Date.now();
  const listed = await new Client(url, { apiKey: "pxk_test", retries: 3 }).listCollections();
  assert.deepEqual(listed, []);
  assert.equal(seen.length, 2);
  const waited = seen[1].at - seen[0].at;
  assert.ok(waited >= 1000, `honoured Retry-After: waited ${waited} ms`);
  assert.ok(Date.now() - started < 3000, "and not much longer");
  assert.deepEqual(seen.map((s) => s.authorization), ["Bearer pxk_test", "Bearer pxk_test"]);
});

test("503 without Retry-After is retried with exponential backoff, POST bodies included", async (t) => {
  const unavailable = { status: 503, body: envelope("unavailable", "opening") };
  const { url, seen } = await scripted(t, [unavailable, unavailable, unavailable,
    { status: 200, body: JSON.stringify({ results: [{ id: "a", score: 1 }] }) }]);
  const proxima = new Client(url, { retries: 3, retryBaseDelayMs: 50 });
  const hits = await proxima.collection("docs").search([1, 2, 3], { k: 1 });
  assert.deepEqual(hits, [{ id: "a", score: 1 }]);
  assert.equal(seen.length, 4);
  // Full jitter under ceilings of 50, 100, 200 ms (plus scheduling slack).
  [50, 100, 200].forEach((ceiling, i) => {
    const gap = seen[i + 1].at - seen[i].at;
    assert.ok(gap <= ceiling + 100, `retry ${i + 1} waited ${gap} ms, its ceiling is ${ceiling}`);
  });
  assert.ok(seen.every((s) => s.method === "POST" && s.url === "/v1/collections/docs/search"));
});

test("once retries run out, the last answer is the typed error, with its Retry-After", async (t) => {
  const { url, seen } = await scripted(t, [
    { status: 429, headers: { "Retry-After": "0" }, body: envelope("rate_limited", "slow down", "req-429") },
  ]);
  const error = await new Client(url, { retries: 2 }).listCollections().catch((e) => e);
  assert.ok(error instanceof RateLimitedError, String(error));
  assert.ok(error instanceof ProximaError);
  assert.equal(error.status, 429);
  assert.equal(error.code, "rate_limited");
  assert.equal(error.requestId, "req-429");
  assert.equal(error.retryAfterMs, 0);
  assert.equal(seen.length, 3, "the first attempt and two retries");
});

test("retries: 0 and a Retry-After beyond retryMaxDelayMs fail at once", async (t) => {
  const { url, seen } = await scripted(t, [
    { status: 503, headers: { "Retry-After": "120" }, body: envelope("unavailable", "shutting down") },
  ]);
  const none = await new Client(url, { retries: 0 }).listCollections().catch((e) => e);
  assert.ok(none instanceof UnavailableError, String(none));
  assert.equal(seen.length, 1);
  const started = Date.now();
  const tooLong = await new Client(url, { retries: 5, retryMaxDelayMs: 10_000 }).listCollections().catch((e) => e);
  assert.ok(tooLong instanceof UnavailableError, String(tooLong));
  assert.equal(tooLong.retryAfterMs, 120_000);
  assert.equal(seen.length, 2, "no retry when the server asks for longer than the client may wait");
  assert.ok(Date.now() - started < 1000);
});

test("other errors are not retried", async (t) => {
  const { url, seen } = await scripted(t, [{ status: 404, body: envelope("not_found", "collection x does not exist") }]);
  await assert.rejects(new Client(url, { retries: 3 }).describeCollection("x"), NotFoundError);
  assert.equal(seen.length, 1);
});

test("an answer without the server's envelope still becomes a typed error", async (t) => {
  const { url } = await scripted(t, [{ status: 503, headers: { "X-Request-Id": "proxy-1" }, body: "<html>bad gateway</html>" }]);
  const error = await new Client(url, { retries: 0 }).listCollections().catch((e) => e);
  assert.ok(error instanceof UnavailableError, String(error));
  assert.equal(error.requestId, "proxy-1");
  assert.match(error.message, /bad gateway/);
});

test("timeoutMs aborts an attempt that gets no answer", async (t) => {
  const { url } = await scripted(t, ["hang"]);
  const started = Date.now();
  const error = await new Client(url, { timeoutMs: 300 }).listCollections().catch((e) => e);
  assert.ok(error instanceof TimeoutError, String(error));
  assert.equal(error.code, "timeout");
  assert.equal(error.status, 0);
  assert.ok(Date.now() - started >= 290 && Date.now() - started < 2000);
});

test("a server that is not there is ConnectionError", async (t) => {
  const { url } = await scripted(t, [{ status: 200, body: EMPTY_LIST }]);
  const closedPort = url.replace(/:\d+$/, ":1");
  const error = await new Client(closedPort).listCollections().catch((e) => e);
  assert.ok(error instanceof ConnectionError, String(error));
  assert.equal(error.code, "connection_failed");
});

test("backoff: full jitter under a doubling ceiling, Retry-After as a floor", () => {
  const policy = { retries: 5, baseDelayMs: 100, maxDelayMs: 1000 };
  assert.equal(backoffDelayMs(0, policy, undefined, () => 0.999), 99.9);
  assert.equal(backoffDelayMs(1, policy, undefined, () => 0.5), 100);
  assert.equal(backoffDelayMs(3, policy, undefined, () => 1), 800);
  assert.equal(backoffDelayMs(10, policy, undefined, () => 1), 1000, "capped at maxDelayMs");
  assert.equal(backoffDelayMs(0, policy, undefined, () => 0), 0);
  assert.equal(backoffDelayMs(0, policy, 500, () => 0), 500, "never less than Retry-After");
  assert.equal(backoffDelayMs(2, policy, 500, () => 0.5), 700);
  assert.equal(backoffDelayMs(9, policy, 900, () => 1), 1000, "still capped");
  assert.equal(backoffDelayMs(0, policy, 5000, () => 0), undefined, "Retry-After beyond the cap: give up");
  const draws = new Set(Array.from({ length: 50 }, () => backoffDelayMs(4, policy, undefined)));
  assert.ok(draws.size > 40, "jitter spreads the delays");
});

test("Retry-After: seconds or an HTTP date", () => {
  assert.equal(parseRetryAfter("3"), 3000);
  assert.equal(parseRetryAfter(null), undefined);
  assert.equal(parseRetryAfter("soon"), undefined);
  const now = Date.parse("2026-11-25T10:00:00Z");
  assert.equal(parseRetryAfter("Wed, 25 Nov 2026 10:00:05 GMT", now), 5000);
  assert.equal(parseRetryAfter("Wed, 25 Nov 2026 09:00:00 GMT", now), 0);
});
