// Records and search against the real server: upsert (one, a batch, typed arrays), get, delete by
// ids and by filter, search with filter/include/params, searchBatch, and their errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { InvalidArgumentError, NotFoundError } from "../dist/index.js";
import { freshCollection } from "./support.mjs";

const RECORDS = [
  { id: "a", vector: [1, 0, 0], metadata: { lang: "en", year: 2020 } },
  { id: "b", vector: [0, 1, 0], metadata: { lang: "de", year: 2021 } },
  { id: "c", vector: [0.9, 0.1, 0], metadata: { lang: "en", year: 2022 } },
  { id: "d", vector: [0, 0, 1], metadata: { lang: "fr", year: 2020 } },
];

test("upsert one record, then a batch, and get them back", async (t) => {
  const { collection } = await freshCollection(t, "records");
  assert.deepEqual(await collection.upsert({ id: "one", vector: [0.1, 0.2, 0.3], metadata: { n: 1 } }), { upserted: 1 });
  assert.deepEqual(await collection.upsert(RECORDS), { upserted: 4 });
  const one = await collection.get("one");
  assert.equal(one.id, "one");
  assert.deepEqual(one.metadata, { n: 1 });
  assert.equal(one.vector.length, 3);
  assert.ok(Math.abs(one.vector[1] - 0.2) < 1e-6);
  assert.equal(one.expiresAt, undefined);
  assert.deepEqual(await collection.get("a"), { id: "a", vector: [1, 0, 0], metadata: { lang: "en", year: 2020 } });
  assert.equal((await collection.describe()).liveRecords, 5);
});

test("Float32Array and Float64Array vectors, for records and queries", async (t) => {
  const { collection } = await freshCollection(t, "typed", { dimension: 3, metric: "l2" });
  await collection.upsert([
    { id: "f32", vector: new Float32Array([0.5, 0.25, 0.125]) },
    { id: "f64", vector: Float64Array.of(1, 2, 3) },
  ]);
  assert.deepEqual((await collection.get("f32")).vector, [0.5, 0.25, 0.125]);
  assert.deepEqual((await collection.get("f64")).vector, [1, 2, 3]);
  const hits = await collection.search(new Float32Array([0.5, 0.25, 0.125]), { k: 2 });
  assert.deepEqual(hits.map((h) => h.id), ["f32", "f64"]);
  assert.equal(hits[0].score, 0);
  const batch = await collection.searchBatch([{ vector: Float64Array.of(1, 2, 3), k: 1 }]);
  assert.deepEqual(batch.map((hs) => hs.map((h) => h.id)), [["f64"]]);
  await assert.rejects(collection.upsert({ id: "x", vector: "1,2,3" }), TypeError);
});

test("ttlSeconds gives the record an expiresAt", async (t) => {
  const { collection } = await freshCollection(t, "ttl");
  await collection.upsert({ id: "t", vector: [1, 1, 1], ttlSeconds: 3600 });
  const record = await collection.get("t");
  const expires = Date.parse(record.expiresAt);
  assert.ok(expires > Date.now() + 3500_000 && expires < Date.now() + 3700_000, record.expiresAt);
});

test("ids are percent-encoded in paths", async (t) => {
  const { collection } = await freshCollection(t, "ids");
  await collection.upsert({ id: "doc/1 ?#%", vector: [1, 2, 3] });
  assert.equal((await collection.get("doc/1 ?#%")).id, "doc/1 ?#%");
});

test("search: k, filter, include metadata and vector, index params", async (t) => {
  const { collection } = await freshCollection(t, "search", { dimension: 3, metric: "cosine", index: "hnsw" });
  await collection.upsert(RECORDS);
  const plain = await collection.search([1, 0, 0], { k: 3 });
  assert.deepEqual(plain.map((h) => h.id), ["a", "c", "b"]);
  assert.ok(Math.abs(plain[0].score - 1) < 1e-5);
  assert.equal(plain[0].metadata, undefined);
  assert.equal(plain[0].vector, undefined);

  const filtered = await collection.search([1, 0, 0], { k: 10, filter: { lang: "en" }, include: ["metadata", "vector"],
    params: { ef: 32 } });
  assert.deepEqual(filtered.map((h) => h.id), ["a", "c"]);
  assert.deepEqual(filtered[1].metadata, { lang: "en", year: 2022 });
  assert.equal(filtered[0].vector.length, 3);

  const range = await collection.search([0, 0, 1], { k: 2, filter: { year: { $gte: 2021 } } });
  assert.deepEqual(range.map((h) => h.id), ["b", "c"]);

  const defaultK = await collection.search([1, 0, 0]);
  assert.equal(defaultK.length, 4);
});

test("searchBatch answers one list per query, in order", async (t) => {
  const { collection } = await freshCollection(t, "batch");
  await collection.upsert(RECORDS);
  const answers = await collection.searchBatch([
    { vector: [0, 1, 0], k: 1 },
    { vector: [0, 0, 1], k: 1 },
    { vector: [1, 0, 0], k: 2, filter: { lang: "en" }, include: ["metadata"] },
  ]);
  assert.deepEqual(answers.map((hits) => hits.map((h) => h.id)), [["b"], ["d"], ["a", "c"]]);
  assert.deepEqual(answers[2][0].metadata, { lang: "en", year: 2020 });
  const bad = await collection.searchBatch([{ vector: [1, 0, 0] }, { vector: [1, 0] }]).catch((e) => e);
  assert.ok(bad instanceof InvalidArgumentError, String(bad));
  assert.match(bad.message, /queries\[1\]/);
});

test("delete by ids and by filter", async (t) => {
  const { collection } = await freshCollection(t, "delete");
  await collection.upsert(RECORDS);
  assert.deepEqual(await collection.delete({ filter: { lang: "en" } }), { deleted: 2 });
  assert.deepEqual(await collection.delete({ ids: ["b", "absent"] }), { deleted: 2 });
  assert.deepEqual((await collection.search([1, 1, 1], { k: 10 })).map((h) => h.id), ["d"]);
  await assert.rejects(collection.get("a"), NotFoundError);
  const empty = await collection.delete({ filter: {} }).catch((e) => e);
  assert.ok(empty instanceof InvalidArgumentError, String(empty));
  assert.equal((await collection.describe()).liveRecords, 1);
});

test("record errors are typed and name the problem", async (t) => {
  const { collection, proxima } = await freshCollection(t, "errors");
  const missing = await collection.get("nope").catch((e) => e);
  assert.ok(missing instanceof NotFoundError, String(missing));
  assert.equal(missing.status, 404);
  assert.ok(missing.requestId);

  const dimension = await collection.upsert({ id: "e", vector: [1, 2] }).catch((e) => e);
  assert.ok(dimension instanceof InvalidArgumentError, String(dimension));
  assert.match(dimension.message, /dimension/);

  const nan = await collection.upsert({ id: "e", vector: [1, 2, NaN] }).catch((e) => e);
  assert.ok(nan instanceof InvalidArgumentError, String(nan));

  const k = await collection.search([1, 0, 0], { k: 0 }).catch((e) => e);
  assert.ok(k instanceof InvalidArgumentError, String(k));
  assert.match(k.message, /k/);

  await assert.rejects(proxima.collection("ts_nope_never").search([1, 0, 0]), NotFoundError);
});
