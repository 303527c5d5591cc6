// Shared by the tests: the real server they run against (PROXIMA_URL, never a mock) and names that
// do not collide with other suites or other runs on the same server.
import { randomBytes } from "node:crypto";
import { Client } from "../dist/index.js";

/** The server under test; the tests refuse to run without one rather than pass vacuously. */
export function proximaUrl() {
  const url = process.env.PROXIMA_URL;
  if (!url) {
    throw new Error("PROXIMA_URL is not set: start a server (./proxima serve --port 7782 --data-dir /tmp/ts-data) "
      + "and run PROXIMA_URL=http://127.0.0.1:7782 npm test");
  }
  return url;
}

/** A client of the server under test. */
export function client(options = {}) {
  return new Client(proximaUrl(), options);
}

/** A collection name of this SDK (`ts_`) that no other test or run uses. */
export function uniqueName(what) {
  return `ts_${what}_${randomBytes(4).toString("hex")}`;
}

/** A fresh collection; `t.after` drops it. */
export async function freshCollection(t, what, options = { dimension: 3, metric: "cosine" }) {
  const proxima = client();
  const name = uniqueName(what);
  await proxima.createCollection(name, options);
  t.after(() => proxima.dropCollection(name).catch(() => {}));
  return { proxima, name, collection: proxima.collection(name) };
}
