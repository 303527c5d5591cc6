// The change feed against the real server: writes made while watching arrive as events, in the
// log's order; the feed closes on request and when the collection is dropped; refusals are typed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { ChangesLostError, NotFoundError } from "../dist/index.js";
import { client, freshCollection, uniqueName } from "./support.mjs";

/** Reads `count` events from `feed`, failing after `ms` rather than hanging. */
async function take(feed, count, ms = 10_000) {
  const events = [];
  const deadline = new Promise((_, reject) => setTimeout(() => reject(new Error(
    `only ${events.length} of ${count} events within ${ms} ms: ${JSON.stringify(events)}`)), ms).unref());
  const reading = (async () => {
    for await (const event of feed) {
      events.push(event);
      if (events.length === count) {
        break;
      }
    }
    return events;
  })();
  return Promise.race([reading, deadline]);
}

test("upserts and deletes made while watching arrive in order, once", async (t) => {
  const { collection } = await freshCollection(t, "watch");
  await collection.upsert({ id: "before", vector: [1, 1, 1] }); // before the feed: not in it
  const feed = await collection.watch();
  t.after(() => feed.close());

  await collection.upsert({ id: "a", vector: [1, 0, 0], metadata: { lang: "en" } });
  await collection.upsert([{ id: "b", vector: new Float32Array([0, 1, 0]) }, { id: "c", vector: [0, 0, 1], ttlSeconds: 600 }]);
  await collection.delete({ ids: ["a"] });
  await collection.delete({ filter: { lang: { $ne: "zz" } } }); // matches nothing now that "a" is gone

  const events = await take(feed, 4);
  assert.deepEqual(events.map((e) => [e.op, e.id]), [["upsert", "a"], ["upsert", "b"], ["upsert", "c"], ["delete", "a"]]);
  assert.deepEqual(events[0].vector, [1, 0, 0]);
  assert.deepEqual(events[0].metadata, { lang: "en" });
  assert.ok(Date.parse(events[2].expiresAt) > Date.now(), "a record with a TTL says when it expires");
  assert.equal(events[3].vector, undefined);
  for (let i = 1; i < events.length; i++) {
    assert.ok(events[i].sequence > events[i - 1].sequence, "sequences grow");
  }
});

test("a delete by filter arrives as one delete per record it removed", async (t) => {
  const { collection } = await freshCollection(t, "watchfilter");
  await collection.upsert([
    { id: "x", vector: [1, 0, 0], metadata: { keep: false } },
    { id: "y", vector: [0, 1, 0], metadata: { keep: false } },
    { id: "z", vector: [0, 0, 1], metadata: { keep: true } },
  ]);
  const feed = await collection.watch();
  t.after(() => feed.close());
  assert.deepEqual(await collection.delete({ filter: { keep: false } }), { deleted: 2 });
  const events = await take(feed, 2);
  assert.deepEqual(events.map((e) => [e.op, e.id]).sort(), [["delete", "x"], ["delete", "y"]]);
});

test("close() ends the iteration; a dropped collection ends it too", async (t) => {
  const { collection } = await freshCollection(t, "watchclose");
  const closed = await collection.watch();
  closed.close();
  assert.deepEqual(await closed.next(), { value: undefined, done: true });

  const proxima = client();
  const name = uniqueName("watchdrop");
  await proxima.createCollection(name, { dimension: 3, metric: "l2" });
  const feed = await proxima.collection(name).watch();
  const reading = take(feed, 1_000); // would wait for ever if the drop did not end it
  await proxima.collection(name).upsert({ id: "p", vector: [1, 2, 3] });
  await proxima.dropCollection(name);
  const events = await Promise.race([reading, new Promise((r) => setTimeout(() => r("still open"), 5_000).unref())]);
  assert.deepEqual(events.map?.((e) => e.id), ["p"], `the feed ended after the drop: ${JSON.stringify(events)}`);
});

test("watching a missing collection is NotFoundError, before any upgrade", async () => {
  const error = await client().collection(uniqueName("nowatch")).watch().catch((e) => e);
  assert.ok(error instanceof NotFoundError, String(error));
  assert.equal(error.status, 404);
  assert.ok(error.requestId);
});

test("a feed that falls behind ends with ChangesLostError, after the changes that did arrive", async (t) => {
  const { collection } = await freshCollection(t, "watchlost", { dimension: 2, metric: "l2" });
  const feed = await collection.watch();
  t.after(() => feed.close());
  // 40,000 changes at once, unread: the server's queue for this feed (16,384) overflows and the
  // server closes it with 4000 (it sends changes far slower than a bulk upsert writes them).
  function* records() {
    for (let i = 0; i < 40_000; i++) {
      yield { id: `r${i}`, vector: [i, -i] };
    }
  }
  await collection.bulkUpsert(records(), { batchSize: 10_000, concurrency: 2 });
  let read = 0;
  const error = await (async () => {
    for await (const _ of feed) {
      read++;
    }
  })().catch((e) => e);
  t.diagnostic(`read ${read} changes of 40,000 before the server dropped the feed`);
  assert.ok(error instanceof ChangesLostError, `ChangesLostError, not ${error} after ${read} changes`);
  assert.equal(error.code, "changes_lost");
  assert.ok(read < 40_000, `changes were lost: ${read}`);
});
