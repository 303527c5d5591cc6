// The shared conformance scenario (clients/conformance/scenario.json, given as PROXIMA_SCENARIO):
// every step run with this SDK's verbs against the real server, its `expect`/`expect_error`
// checked as the scenario's `checks` say. Collection names get this SDK's prefix, `ts_`, so the
// suites of other SDKs may share the server. Each step prints what it got, so the three SDKs'
// outputs can be compared line by line.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { before, test } from "node:test";
import {
  AlreadyExistsError, InvalidArgumentError, NotFoundError, PermissionDeniedError, ProximaError, RateLimitedError,
  UnauthenticatedError, UnavailableError,
} from "../dist/index.js";
import { client } from "./support.mjs";

const PREFIX = "ts_";
const scenarioPath = process.env.PROXIMA_SCENARIO;
if (!scenarioPath) {
  throw new Error("PROXIMA_SCENARIO is not set: point it at clients/conformance/scenario.json");
}
const scenario = JSON.parse(readFileSync(scenarioPath, "utf8"));
const proxima = client();

/** The error class each server code must arrive as. */
const ERROR_TYPES = {
  already_exists: AlreadyExistsError,
  invalid_argument: InvalidArgumentError,
  not_found: NotFoundError,
  permission_denied: PermissionDeniedError,
  rate_limited: RateLimitedError,
  unauthenticated: UnauthenticatedError,
  unavailable: UnavailableError,
};

/** The scenario's snake_case vocabulary, to the SDK's camelCase. */
function camel(name) {
  return name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase());
}

function hitsOf(hits) {
  return hits.map((hit) => ({ id: hit.id, score: hit.score, ...(hit.metadata && { metadata: hit.metadata }) }));
}

/** Runs one step with the SDK's verbs; returns the result in a form the checks read. */
async function run(step) {
  const args = step.args ?? {};
  const collection = step.collection === undefined ? undefined : proxima.collection(PREFIX + step.collection);
  switch (step.op) {
    case "create_collection": {
      const { name, ...options } = args;
      return proxima.createCollection(PREFIX + name, options);
    }
    case "list_collections":
      return (await proxima.listCollections()).map((c) => c.name);
    case "describe_collection":
      return collection.describe();
    case "drop_collection":
      return proxima.dropCollection(PREFIX + step.collection);
    case "upsert":
      return collection.upsert(args.records.map(({ ttl_seconds: ttlSeconds, ...record }) =>
        (ttlSeconds === undefined ? record : { ...record, ttlSeconds })));
    case "get":
      return collection.get(args.id);
    case "delete":
      return collection.delete(args);
    case "search": {
      const { vector, ...options } = args;
      return hitsOf(await collection.search(vector, options));
    }
    case "search_batch":
      return (await collection.searchBatch(args.queries)).map(hitsOf);
    default:
      throw new Error(`the scenario names an operation this runner does not know: ${step.op}`);
  }
}

/** Checks `result` against the step's `expect`, one named check at a time. */
function check(result, expect) {
  for (const [kind, wanted] of Object.entries(expect)) {
    switch (kind) {
      case "ids":
        assert.deepEqual(nested(result, (hit) => hit.id), wanted, "ids");
        break;
      case "scores": {
        const scores = result.map((hit) => hit.score);
        assert.equal(scores.length, wanted.length, `scores ${JSON.stringify(scores)} vs ${JSON.stringify(wanted)}`);
        wanted.forEach((score, i) => assert.ok(Math.abs(scores[i] - score) <= 1e-5,
          `score ${i}: got ${scores[i]}, expected ${score} within 1e-5`));
        break;
      }
      case "metadata":
        assert.deepEqual(result.map((hit) => hit.metadata), wanted, "metadata");
        break;
      case "fields":
        for (const [field, value] of Object.entries(wanted)) {
          const actual = field === "name" && typeof result.name === "string" ? unprefixed(result.name) : result[camel(field)];
          assert.deepEqual(actual, value, `field ${field}`);
        }
        break;
      case "names_include":
        for (const name of wanted) {
          assert.ok(result.includes(PREFIX + name), `${PREFIX + name} is listed in ${JSON.stringify(result)}`);
        }
        break;
      case "names_exclude":
        for (const name of wanted) {
          assert.ok(!result.includes(PREFIX + name), `${PREFIX + name} is not listed in ${JSON.stringify(result)}`);
        }
        break;
      default:
        throw new Error(`the scenario names a check this runner does not know: ${kind}`);
    }
  }
}

// A batch's ids are one list per query; a search's, one list.
function nested(result, pick) {
  return result.map((item) => (Array.isArray(item) ? item.map(pick) : pick(item)));
}

function unprefixed(name) {
  assert.ok(name.startsWith(PREFIX), `${name} carries the prefix ${PREFIX}`);
  return name.slice(PREFIX.length);
}

// A leftover of an interrupted run on a long-lived development server; the suite's own server is fresh.
before(async () => {
  const names = new Set(scenario.steps.filter((s) => s.op === "create_collection").map((s) => PREFIX + s.args.name));
  for (const name of names) {
    await proxima.dropCollection(name).catch((error) => {
      if (!(error instanceof NotFoundError)) {
        throw error;
      }
    });
  }
});

test("the conformance scenario", async (t) => {
  assert.ok(scenario.steps.length > 0, "the scenario has steps");
  for (const [index, step] of scenario.steps.entries()) {
    const label = `step ${index + 1} ${step.op}${step.collection ? ` ${step.collection}` : ""}`;
    await t.test(label, async () => {
      let result;
      let error;
      try {
        result = await run(step);
      } catch (e) {
        error = e;
      }
      if (step.expect_error) {
        const wanted = step.expect_error;
        assert.ok(error !== undefined, `expected ${wanted.code}, got ${JSON.stringify(result)}`);
        assert.ok(error instanceof ProximaError, `a ProximaError, not ${error}`);
        assert.ok(error instanceof (ERROR_TYPES[wanted.code] ?? ProximaError), `${error.name} for ${wanted.code}`);
        assert.equal(error.code, wanted.code);
        assert.equal(error.status, wanted.status);
        assert.ok(error.message.includes(wanted.message), `"${error.message}" includes "${wanted.message}"`);
        assert.ok(error.requestId, "the error carries the request id");
        console.log(`${label}: ${error.name} ${error.status} ${error.code}: ${error.message}`);
        return;
      }
      if (error !== undefined) {
        throw error;
      }
      console.log(`${label}: ${JSON.stringify(summary(result))}`);
      if (step.expect) {
        check(result, step.expect);
      }
    });
  }
});

// What is printed per step: the results the scenario checks, without the storage byte counts
// that legitimately differ from run to run.
function summary(result) {
  if (result === undefined || Array.isArray(result)) {
    return result;
  }
  const { storage: _storage, lastSequence: _sequence, ...rest } = result;
  return rest;
}
