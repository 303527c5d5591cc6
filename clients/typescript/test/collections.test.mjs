// The collection verbs against the real server, and their errors as typed errors.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AlreadyExistsError, Client, InvalidArgumentError, NotFoundError, ProximaError } from "../dist/index.js";
import { client, uniqueName } from "./support.mjs";

test("create, list, describe, drop", async () => {
  const proxima = client();
  const name = uniqueName("coll");
  const created = await proxima.createCollection(name, { dimension: 4, metric: "l2" });
  assert.equal(created.name, name);
  assert.equal(created.dimension, 4);
  assert.equal(created.metric, "l2");
  assert.equal(created.liveRecords, 0);
  assert.equal(typeof created.index, "string");
  assert.equal(typeof created.storage.walBytesWritten, "number");

  const listed = await proxima.listCollections();
  assert.ok(listed.some((c) => c.name === name), `${name} is listed`);
  const names = listed.map((c) => c.name);
  assert.deepEqual(names, [...names].sort(), "sorted by name");

  const described = await proxima.describeCollection(name);
  assert.deepEqual(await proxima.collection(name).describe(), described);
  assert.equal(described.dimension, 4);

  await proxima.dropCollection(name);
  assert.ok(!(await proxima.listCollections()).some((c) => c.name === name));
  await assert.rejects(proxima.describeCollection(name), NotFoundError);
});

test("index, memtable, wal and plugin options are passed through", async (t) => {
  const proxima = client();
  const name = uniqueName("plugins");
  const created = await proxima.createCollection(name, {
    dimension: 2, metric: "dot", index: "hnsw", memtable: "art", wal: "avro", options: { "index.m": "8" },
  });
  t.after(() => proxima.dropCollection(name));
  assert.equal(created.index, "hnsw");
  assert.equal(created.memtable, "art");
  assert.equal(created.wal, "avro");
  assert.deepEqual(created.options, { "index.m": "8" });
});

test("a taken name is AlreadyExistsError with the server's code, status and request id", async (t) => {
  const proxima = client();
  const name = uniqueName("dup");
  await proxima.createCollection(name, { dimension: 3, metric: "cosine" });
  t.after(() => proxima.dropCollection(name));
  const error = await proxima.createCollection(name, { dimension: 3, metric: "cosine" }).catch((e) => e);
  assert.ok(error instanceof AlreadyExistsError);
  assert.ok(error instanceof ProximaError);
  assert.equal(error.code, "already_exists");
  assert.equal(error.status, 409);
  assert.match(error.message, /already exists/);
  assert.match(error.requestId, /^[A-Za-z0-9._:-]+$/);
  assert.equal(error.name, "AlreadyExistsError");
});

test("bad settings are InvalidArgumentError naming the problem", async () => {
  const proxima = client();
  const zero = await proxima.createCollection(uniqueName("bad"), { dimension: 0, metric: "cosine" }).catch((e) => e);
  assert.ok(zero instanceof InvalidArgumentError, String(zero));
  assert.equal(zero.status, 400);
  assert.match(zero.message, /dimension/);

  const metric = await proxima.createCollection(uniqueName("bad"), { dimension: 3, metric: "hamming" }).catch((e) => e);
  assert.ok(metric instanceof InvalidArgumentError, String(metric));
  assert.match(metric.message, /metric/);

  const plugin = await proxima.createCollection(uniqueName("bad"), { dimension: 3, metric: "l2", index: "nope" })
    .catch((e) => e);
  assert.ok(plugin instanceof InvalidArgumentError, String(plugin));
  assert.equal(plugin.code, "plugin_unavailable");
});

test("dropping or describing a missing collection is NotFoundError", async () => {
  const proxima = client();
  const missing = uniqueName("missing");
  const error = await proxima.dropCollection(missing).catch((e) => e);
  assert.ok(error instanceof NotFoundError, String(error));
  assert.equal(error.status, 404);
  assert.match(error.message, /does not exist/);
  await assert.rejects(proxima.collection(missing).describe(), NotFoundError);
});

test("the client refuses a URL that is not http(s) and bad options", () => {
  assert.throws(() => new Client("ftp://127.0.0.1:7700"), TypeError);
  assert.throws(() => new Client("not a url"), TypeError);
  assert.throws(() => client({ timeoutMs: 0 }), RangeError);
  assert.throws(() => client({ retries: -1 }), RangeError);
});
