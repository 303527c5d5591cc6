/** ProximaDB's TypeScript/JavaScript client; README.md has a quick start. */
export { Client, type ClientOptions } from "./client.js";
export { Collection } from "./collection.js";
export type { BulkUpsertOptions, BulkUpsertResult } from "./bulk.js";
export { ChangeFeed } from "./watch.js";
export {
  AlreadyExistsError,
  ChangesLostError,
  ConnectionError,
  InvalidArgumentError,
  NotFoundError,
  PermissionDeniedError,
  ProximaError,
  RateLimitedError,
  TimeoutError,
  UnauthenticatedError,
  UnavailableError,
} from "./errors.js";
export { type RetryPolicy, backoffDelayMs, parseRetryAfter } from "./retry.js";
export type {
  ChangeEvent,
  CollectionInfo,
  CreateCollectionOptions,
  DeleteSelector,
  Filter,
  Hit,
  Include,
  Json,
  Metadata,
  Metric,
  RecordInput,
  SearchOptions,
  SearchQuery,
  StorageStats,
  StoredRecord,
  Vector,
} from "./types.js";
