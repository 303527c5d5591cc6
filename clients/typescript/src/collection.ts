/**
 * A handle on one collection: records, search and the change feed. Cheap to make (no request);
 * get one from `client.collection(name)`.
 */
import { type BulkUpsertOptions, type BulkUpsertResult, bulkUpsert } from "./bulk.js";
import type { Transport } from "./transport.js";
import type { CollectionInfo, DeleteSelector, Hit, RecordInput, SearchOptions, SearchQuery, StoredRecord, Vector } from "./types.js";
import { type ChangeFeed, openChangeFeed } from "./watch.js";
import { collectionFromWire, hitsFromWire, queryToWire, recordFromWire, recordToWire } from "./wire.js";

export class Collection {
  readonly name: string;
  readonly #transport: Transport;
  readonly #path: string;

  /** @internal Use `client.collection(name)`. */
  constructor(transport: Transport, name: string) {
    this.name = name;
    this.#transport = transport;
    this.#path = `/v1/collections/${encodeURIComponent(name)}`;
  }

  /** The collection's configuration and counts. */
  async describe(): Promise<CollectionInfo> {
    return collectionFromWire(await this.#transport.request("GET", this.#path));
  }

  /**
   * Upserts one record or a batch (at most 10,000) as one atomic write: after any crash, all of
   * them or none. Resolves with how many were upserted. For more, use {@link bulkUpsert}.
   */
  async upsert(records: RecordInput | readonly RecordInput[]): Promise<{ upserted: number }> {
    const list = Array.isArray(records) ? (records as readonly RecordInput[]) : [records as RecordInput];
    return this.#transport.request("PUT", `${this.#path}/records`, { records: list.map(recordToWire) });
  }

  /**
   * Upserts any number of records from an iterable or async iterable (a generator reading a file,
   * say) in batches of `batchSize`, up to `concurrency` batches in flight. Each batch is atomic; the
   * whole is not: if a batch fails, no further batch starts, those in flight finish, and the
   * promise rejects with the first error (its `upserted` count so far in `onProgress`).
   */
  bulkUpsert(records: Iterable<RecordInput> | AsyncIterable<RecordInput>, options: BulkUpsertOptions = {}):
    Promise<BulkUpsertResult> {
    return bulkUpsert((batch) => this.upsert(batch), records, options);
  }

  /** The record with this id; rejects with `NotFoundError` if there is none. */
  async get(id: string): Promise<StoredRecord> {
    return recordFromWire(await this.#transport.request("GET", `${this.#path}/records/${encodeURIComponent(id)}`));
  }

  /**
   * Deletes atomically the records named by `ids` (at most 10,000; absent ones count as deleted),
   * or every record matching `filter` (never the empty filter: drop the collection to empty it).
   */
  async delete(selector: DeleteSelector): Promise<{ deleted: number }> {
    const body = "ids" in selector ? { ids: selector.ids } : { filter: selector.filter };
    return this.#transport.request("POST", `${this.#path}/records/delete`, body);
  }

  /** The `k` (default 10) nearest live records to `vector`, best first, ties by id. */
  async search(vector: Vector, options: SearchOptions = {}): Promise<Hit[]> {
    return hitsFromWire(await this.#transport.request("POST", `${this.#path}/search`, queryToWire({ ...options, vector })));
  }

  /** Up to 1,000 queries in one request: one list of hits per query, in order. */
  async searchBatch(queries: readonly SearchQuery[]): Promise<Hit[][]> {
    const answer = await this.#transport.request<{ responses: Record<string, unknown>[] }>("POST",
      `${this.#path}/search/batch`, { queries: queries.map(queryToWire) });
    return answer.responses.map(hitsFromWire);
  }

  /**
   * Opens the collection's change feed; resolves once the server accepted it, so every write
   * acknowledged after that arrives. Iterate it with `for await`, and close it when done.
   */
  watch(): Promise<ChangeFeed> {
    return openChangeFeed(this.#transport, this.name);
  }
}
