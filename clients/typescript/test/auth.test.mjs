// API keys against a real server that has them (PROXIMA_AUTH_URL, with an admin key in
// PROXIMA_ADMIN_KEY; TypeScriptSdkTest starts one): the key sent as `Authorization: Bearer` on REST
// and on the change feed's upgrade, and the server's refusals as UnauthenticatedError and
// PermissionDeniedError. The main server (PROXIMA_URL) runs open, and must stay so for the others.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Client, PermissionDeniedError, UnauthenticatedError } from "../dist/index.js";
import { uniqueName } from "./support.mjs";

const url = process.env.PROXIMA_AUTH_URL;
const adminKey = process.env.PROXIMA_ADMIN_KEY;
const skip = !url || !adminKey
  ? "PROXIMA_AUTH_URL and PROXIMA_ADMIN_KEY are not set (a server with keys: ./proxima keys create --role admin)"
  : false;

/** Creates a key over REST with the admin key (the SDK has no key verbs). */
async function createKey(role) {
  const response = await fetch(`${url.replace(/\/+$/, "")}/v1/keys`, {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({ role, description: `typescript sdk test (${role})` }),
  });
  const body = await response.json();
  assert.equal(response.status, 201, JSON.stringify(body));
  return body.key;
}

test("keys: Bearer on REST and the change feed; refusals are typed", { skip }, async (t) => {
  const reader = await createKey("reader");
  const asAdmin = new Client(url, { apiKey: adminKey });
  const asReader = new Client(url, { apiKey: reader });
  const name = uniqueName("auth");
  await asAdmin.createCollection(name, { dimension: 2, metric: "l2" });
  t.after(() => asAdmin.dropCollection(name));

  const anonymous = await new Client(url).listCollections().catch((e) => e);
  assert.ok(anonymous instanceof UnauthenticatedError, String(anonymous));
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.code, "unauthenticated");
  assert.ok(anonymous.requestId);

  const forged = await new Client(url, { apiKey: "pxk_aaaaaaaaaaaa_not-a-real-secret" }).listCollections().catch((e) => e);
  assert.ok(forged instanceof UnauthenticatedError, String(forged));

  assert.ok((await asReader.listCollections()).some((c) => c.name === name), "a reader may list");
  const denied = await asReader.collection(name).upsert({ id: "x", vector: [1, 2] }).catch((e) => e);
  assert.ok(denied instanceof PermissionDeniedError, String(denied));
  assert.equal(denied.status, 403);
  assert.equal(denied.code, "permission_denied");
  assert.match(denied.message, /writer/);

  const refusedFeed = await new Client(url).collection(name).watch().catch((e) => e);
  assert.ok(refusedFeed instanceof UnauthenticatedError, String(refusedFeed));

  const feed = await asReader.collection(name).watch(); // the key goes on the upgrade's headers
  t.after(() => feed.close());
  await asAdmin.collection(name).upsert({ id: "k", vector: [3, 4] });
  const { value } = await feed.next();
  assert.equal(value.op, "upsert");
  assert.equal(value.id, "k");
  assert.deepEqual(value.vector, [3, 4]);
});
