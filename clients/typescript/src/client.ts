/**
 * The entry point: `new Client(url, {apiKey, timeoutMs, retries})`, the collection verbs, and
 * handles on collections for records, search and the change feed.
 */
import { Collection } from "./collection.js";
import { DEFAULT_RETRY_POLICY } from "./retry.js";
import { Transport } from "./transport.js";
import type { CollectionInfo, CreateCollectionOptions } from "./types.js";
import { collectionFromWire } from "./wire.js";

/** How a {@link Client} talks to the server. */
export interface ClientOptions {
  /** Sent as `Authorization: Bearer <apiKey>`; leave out for a server without keys. */
  readonly apiKey?: string;
  /** How long one attempt may take, headers and body, before it fails with `TimeoutError`; default 30,000. */
  readonly timeoutMs?: number;
  /** Further attempts after a 429 or 503, with exponential backoff and jitter, honouring Retry-After; default 3. */
  readonly retries?: number;
  /** The first backoff's ceiling in ms (doubling each retry); default 100. */
  readonly retryBaseDelayMs?: number;
  /** The longest wait between attempts in ms; a longer Retry-After fails at once; default 30,000. */
  readonly retryMaxDelayMs?: number;
}

export class Client {
  readonly #transport: Transport;

  /** A client of the server at `url`, such as `http://127.0.0.1:7700`. Makes no request. */
  constructor(url: string, options: ClientOptions = {}) {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
      throw new TypeError(`the server URL must be http or https, not ${url}`);
    }
    const timeoutMs = options.timeoutMs ?? 30_000;
    const retries = options.retries ?? DEFAULT_RETRY_POLICY.retries;
    if (!(timeoutMs > 0)) {
      throw new RangeError(`timeoutMs must be positive, not ${timeoutMs}`);
    }
    if (!Number.isInteger(retries) || retries < 0) {
      throw new RangeError(`retries must be a whole number, not ${retries}`);
    }
    this.#transport = new Transport(url.replace(/\/+$/, ""), {
      apiKey: options.apiKey,
      timeoutMs,
      retry: {
        retries,
        baseDelayMs: options.retryBaseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
        maxDelayMs: options.retryMaxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
      },
    });
  }

  /** Creates a collection and resolves with its description; `AlreadyExistsError` if the name is taken. */
  async createCollection(name: string, options: CreateCollectionOptions): Promise<CollectionInfo> {
    const body: Record<string, unknown> = { name, dimension: options.dimension, metric: options.metric };
    for (const key of ["index", "memtable", "wal", "options"] as const) {
      if (options[key] !== undefined) {
        body[key] = options[key];
      }
    }
    return collectionFromWire(await this.#transport.request("POST", "/v1/collections", body));
  }

  /** Every collection of the caller's tenant, sorted by name. */
  async listCollections(): Promise<CollectionInfo[]> {
    const answer = await this.#transport.request<{ collections: Record<string, unknown>[] }>("GET", "/v1/collections");
    return answer.collections.map(collectionFromWire);
  }

  /** One collection's configuration and counts; `NotFoundError` if there is none. */
  describeCollection(name: string): Promise<CollectionInfo> {
    return this.collection(name).describe();
  }

  /** Drops a collection and everything in it; `NotFoundError` if there is none. */
  async dropCollection(name: string): Promise<void> {
    await this.#transport.request("DELETE", `/v1/collections/${encodeURIComponent(name)}`);
  }

  /** A handle on collection `name` (no request is made until it is used). */
  collection(name: string): Collection {
    return new Collection(this.#transport, name);
  }
}
