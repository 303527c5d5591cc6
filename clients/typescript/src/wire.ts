/**
 * The server's JSON (snake_case) to the client's values (camelCase) and back. Written out field by
 * field rather than by a generic key converter, so that metadata, filters and plugin options (the
 * caller's own keys) are never renamed.
 */
import type { ChangeEvent, CollectionInfo, Hit, Metadata, RecordInput, SearchQuery, StorageStats, StoredRecord, Vector } from "./types.js";

type Wire = Record<string, unknown>;

/** A vector as a JSON array: typed arrays do not serialise as arrays by themselves. */
export function vectorToWire(vector: Vector): number[] {
  if (vector instanceof Float32Array || vector instanceof Float64Array) {
    return Array.from(vector);
  }
  if (!Array.isArray(vector)) {
    throw new TypeError(`a vector must be an array of numbers or a Float32Array/Float64Array, not ${typeof vector}`);
  }
  return vector as number[];
}

export function recordToWire(record: RecordInput): Wire {
  const wire: Wire = { id: record.id, vector: vectorToWire(record.vector) };
  if (record.metadata !== undefined) {
    wire.metadata = record.metadata;
  }
  if (record.ttlSeconds !== undefined) {
    wire.ttl_seconds = record.ttlSeconds;
  }
  return wire;
}

export function queryToWire(query: SearchQuery): Wire {
  const wire: Wire = { vector: vectorToWire(query.vector) };
  for (const key of ["k", "filter", "include", "params"] as const) {
    if (query[key] !== undefined) {
      wire[key] = query[key];
    }
  }
  return wire;
}

export function collectionFromWire(wire: Wire): CollectionInfo {
  const storage = (wire.storage ?? {}) as Wire;
  const stats: StorageStats = {
    segments: storage.segments as number,
    segmentRecords: storage.segment_records as number,
    segmentBytes: storage.segment_bytes as number,
    memtableBytes: storage.memtable_bytes as number,
    frozenMemtables: storage.frozen_memtables as number,
    segmentMemoryBytes: storage.segment_memory_bytes as number,
    flushes: storage.flushes as number,
    compactions: storage.compactions as number,
    bytesWritten: storage.bytes_written as number,
    compactionBytesWritten: storage.compaction_bytes_written as number,
    walBytesWritten: storage.wal_bytes_written as number,
  };
  return {
    name: wire.name as string,
    dimension: wire.dimension as number,
    metric: wire.metric as CollectionInfo["metric"],
    index: wire.index as string,
    memtable: wire.memtable as string,
    wal: wire.wal as string,
    options: (wire.options ?? {}) as CollectionInfo["options"],
    liveRecords: wire.live_records as number,
    lastSequence: wire.last_sequence as number,
    storage: stats,
  };
}

export function recordFromWire(wire: Wire): StoredRecord {
  const record: { -readonly [K in keyof StoredRecord]: StoredRecord[K] } = {
    id: wire.id as string,
    vector: wire.vector as number[],
    metadata: (wire.metadata ?? {}) as Metadata,
  };
  if (typeof wire.expires_at === "string") {
    record.expiresAt = wire.expires_at;
  }
  return record;
}

export function hitsFromWire(wire: Wire): Hit[] {
  // Hits carry only id, score, metadata and vector: already the client's names.
  return wire.results as Hit[];
}

export function changeFromWire(wire: Wire): ChangeEvent {
  const change: { -readonly [K in keyof ChangeEvent]: ChangeEvent[K] } = {
    sequence: wire.sequence as number,
    op: wire.op as ChangeEvent["op"],
    id: wire.id as string,
  };
  if (wire.vector !== undefined) {
    change.vector = wire.vector as number[];
  }
  if (wire.metadata !== undefined) {
    change.metadata = wire.metadata as Metadata;
  }
  if (typeof wire.expires_at === "string") {
    change.expiresAt = wire.expires_at;
  }
  return change;
}
