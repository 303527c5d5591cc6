/**
 * The values the client takes and returns, in camelCase; {@link ./wire.ts} maps them to and from
 * the server's snake_case JSON. Metadata and filters are the caller's own JSON and pass untouched.
 */

/** How scores are computed: distances for `l2` and `manhattan`, similarities for `cosine` and `dot`. */
export type Metric = "l2" | "cosine" | "dot" | "manhattan";

/** A vector: a plain array or a typed array (sent as JSON numbers; the server stores float32). */
export type Vector = readonly number[] | Float32Array | Float64Array;

/** A JSON value, as metadata and filters hold. */
export type Json = string | number | boolean | null | readonly Json[] | { readonly [key: string]: Json };

/** A record's metadata: a JSON object (docs/filters.md says what it may hold). */
export type Metadata = { readonly [key: string]: Json };

/** A filter in the engine's JSON filter language (docs/filters.md), such as `{lang: "en", year: {$gte: 2021}}`. */
export type Filter = { readonly [key: string]: Json };

/** The settings of a new collection; what is left out defaults to the server's settings. */
export interface CreateCollectionOptions {
  readonly dimension: number;
  readonly metric: Metric;
  /** A vector index plugin, such as `flat`, `hnsw` or `ivf`. */
  readonly index?: string;
  /** A memtable plugin, such as `skiplist`. */
  readonly memtable?: string;
  /** A WAL codec plugin, such as `bincode`. */
  readonly wal?: string;
  /** Plugin parameters, string to string, such as `{"index.m": "16"}`. */
  readonly options?: { readonly [key: string]: string };
}

/** What a collection's storage holds and has written. */
export interface StorageStats {
  readonly segments: number;
  readonly segmentRecords: number;
  readonly segmentBytes: number;
  readonly memtableBytes: number;
  readonly frozenMemtables: number;
  readonly segmentMemoryBytes: number;
  readonly flushes: number;
  readonly compactions: number;
  readonly bytesWritten: number;
  readonly compactionBytesWritten: number;
  readonly walBytesWritten: number;
}

/** A collection's configuration and counts, as `describe` answers. */
export interface CollectionInfo {
  readonly name: string;
  readonly dimension: number;
  readonly metric: Metric;
  readonly index: string;
  readonly memtable: string;
  readonly wal: string;
  readonly options: { readonly [key: string]: string };
  /** Records stored, not deleted and not expired. */
  readonly liveRecords: number;
  readonly lastSequence: number;
  readonly storage: StorageStats;
}

/** A record to upsert. */
export interface RecordInput {
  readonly id: string;
  readonly vector: Vector;
  readonly metadata?: Metadata;
  /** Seconds until the record expires; never when absent. */
  readonly ttlSeconds?: number;
}

/** A stored record, as `get` answers. */
export interface StoredRecord {
  readonly id: string;
  readonly vector: number[];
  readonly metadata: Metadata;
  /** When the record expires (ISO-8601), if it does. */
  readonly expiresAt?: string;
}

/** What a search may return besides ids and scores. */
export type Include = "metadata" | "vector";

/** How to search; all optional. */
export interface SearchOptions {
  /** How many hits, 1 to 10,000 (default 10). */
  readonly k?: number;
  readonly filter?: Filter;
  readonly include?: readonly Include[];
  /** Parameters for the collection's index, such as `{ef: 64}` (hnsw) or `{nprobe: 8}` (ivf). */
  readonly params?: { readonly [key: string]: string | number | boolean };
}

/** One query of a batch. */
export interface SearchQuery extends SearchOptions {
  readonly vector: Vector;
}

/** One search result, best first. */
export interface Hit {
  readonly id: string;
  /** A distance for `l2` and `manhattan`, a similarity for `cosine` and `dot`. */
  readonly score: number;
  /** Present when `include` has `metadata`. */
  readonly metadata?: Metadata;
  /** Present when `include` has `vector`. */
  readonly vector?: number[];
}

/** Which records `delete` removes: these ids, or every record matching a (non-empty) filter. */
export type DeleteSelector = { readonly ids: readonly string[] } | { readonly filter: Filter };

/** One change of the collection's feed, in the order of its log. */
export interface ChangeEvent {
  readonly sequence: number;
  readonly op: "upsert" | "delete";
  readonly id: string;
  /** For an upsert: the record's vector. */
  readonly vector?: number[];
  /** For an upsert: the record's metadata. */
  readonly metadata?: Metadata;
  /** For an upsert of a record that expires: when (ISO-8601). */
  readonly expiresAt?: string;
}
