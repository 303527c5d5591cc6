// bulkUpsert against the real server: many records from sync and async iterables, progress, the
// bound on requests in flight, and how a failing batch stops it.
import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidArgumentError } from "../dist/index.js";
import { freshCollection } from "./support.mjs";

function* generate(count, dimension = 8) {
  for (let i = 0; i < count; i++) {
    const vector = new Float32Array(dimension);
    for (let j = 0; j < dimension; j++) {
      vector[j] = Math.sin(i * 31 + j);
    }
    yield { id: `r${i}`, vector, metadata: { i, even: i % 2 === 0 } };
  }
}

test("20,000 records from a generator, in batches of 1,000, 4 in flight", async (t) => {
  const { collection } = await freshCollection(t, "bulk", { dimension: 8, metric: "l2" });
  const progress = [];
  const started = Date.now();
  const result = await collection.bulkUpsert(generate(20_000), {
    batchSize: 1000, concurrency: 4, onProgress: (p) => progress.push(p),
  });
  t.diagnostic(`bulkUpsert of 20,000 8-d records took ${Date.now() - started} ms`);
  assert.deepEqual(result, { upserted: 20_000, batches: 20 });
  assert.equal(progress.length, 20);
  assert.deepEqual(progress.at(-1), result);
  for (let i = 1; i < progress.length; i++) {
    assert.ok(progress[i].upserted > progress[i - 1].upserted, "progress only grows");
  }
  assert.equal((await collection.describe()).liveRecords, 20_000);
  const hit = await collection.search([...generate(12_346, 8)].at(-1).vector, { k: 1 });
  assert.equal(hit[0].id, "r12345");
  assert.deepEqual((await collection.get("r19999")).metadata, { i: 19999, even: false });
});

test("an async iterable with a partial last batch, never more than `concurrency` requests in flight", async (t) => {
  const { collection } = await freshCollection(t, "bulkasync", { dimension: 8, metric: "l2" });
  // The bound is observed through the Collection's own upsert, which bulkUpsert calls per batch.
  const upsert = collection.upsert.bind(collection);
  let inFlight = 0;
  let most = 0;
  collection.upsert = async (batch) => {
    inFlight++;
    most = Math.max(most, inFlight);
    try {
      return await upsert(batch);
    } finally {
      inFlight--;
    }
  };
  async function* slowly() {
    for (const record of generate(2_500)) {
      yield record;
    }
  }
  const result = await collection.bulkUpsert(slowly(), { batchSize: 300, concurrency: 2 });
  assert.deepEqual(result, { upserted: 2_500, batches: 9 });
  assert.equal(most, 2, "two batches in flight at once, never more");
  assert.equal((await collection.describe()).liveRecords, 2_500);
});

test("a bad record stops the bulk upsert with the server's error; earlier batches stay", async (t) => {
  const { collection } = await freshCollection(t, "bulkfail", { dimension: 8, metric: "l2" });
  function* withBadRecord() {
    let n = 0;
    for (const record of generate(5_000)) {
      yield n++ === 2_100 ? { id: "bad", vector: [1, 2, 3] } : record;
    }
  }
  const progress = [];
  const error = await collection.bulkUpsert(withBadRecord(), { batchSize: 500, concurrency: 1,
    onProgress: (p) => progress.push(p) }).catch((e) => e);
  assert.ok(error instanceof InvalidArgumentError, String(error));
  assert.match(error.message, /dimension/);
  // Batches are atomic: the first four (2,000 records) landed, the fifth (with the bad one) did not,
  // and with one in flight none after it was sent.
  assert.deepEqual(progress.at(-1), { upserted: 2_000, batches: 4 });
  assert.equal((await collection.describe()).liveRecords, 2_000);
});

test("batchSize and concurrency are checked", async (t) => {
  const { collection } = await freshCollection(t, "bulkargs");
  await assert.rejects(collection.bulkUpsert([], { batchSize: 0 }), RangeError);
  await assert.rejects(collection.bulkUpsert([], { batchSize: 10_001 }), RangeError);
  await assert.rejects(collection.bulkUpsert([], { concurrency: 0 }), RangeError);
  assert.deepEqual(await collection.bulkUpsert([]), { upserted: 0, batches: 0 });
});
