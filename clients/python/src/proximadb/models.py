"""What the server answers, as immutable dataclasses (field names as in the REST API)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class StorageStats:
    """A collection's storage figures: segments, memtables, and what flushes and merges wrote."""

    segments: int
    segment_records: int
    segment_bytes: int
    memtable_bytes: int
    frozen_memtables: int
    segment_memory_bytes: int
    flushes: int
    compactions: int
    bytes_written: int
    compaction_bytes_written: int
    wal_bytes_written: int

    @staticmethod
    def from_json(body: Mapping[str, Any]) -> StorageStats:
        # Fields a newer server adds are ignored rather than refused, so an old client keeps working.
        return StorageStats(**{name: int(body.get(name, 0)) for name in StorageStats.__dataclass_fields__})


@dataclass(frozen=True, slots=True)
class CollectionInfo:
    """A collection's configuration and counts, as ``GET /v1/collections/{name}`` describes it."""

    name: str
    dimension: int
    metric: str
    index: str
    memtable: str
    wal: str
    options: dict[str, str]
    live_records: int
    last_sequence: int
    storage: StorageStats | None

    @staticmethod
    def from_json(body: Mapping[str, Any]) -> CollectionInfo:
        storage = body.get("storage")
        return CollectionInfo(
            name=body["name"], dimension=int(body["dimension"]), metric=body["metric"],
            index=body.get("index", ""), memtable=body.get("memtable", ""), wal=body.get("wal", ""),
            options=dict(body.get("options") or {}), live_records=int(body.get("live_records", 0)),
            last_sequence=int(body.get("last_sequence", 0)),
            storage=StorageStats.from_json(storage) if storage is not None else None)


@dataclass(frozen=True, slots=True)
class Record:
    """A stored record. ``expires_at`` is an ISO-8601 instant, ``None`` if it never expires."""

    id: str
    vector: list[float]
    metadata: dict[str, Any] = field(default_factory=dict)
    expires_at: str | None = None

    @staticmethod
    def from_json(body: Mapping[str, Any]) -> Record:
        return Record(id=body["id"], vector=list(body["vector"]), metadata=dict(body.get("metadata") or {}),
                      expires_at=body.get("expires_at"))


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result. ``score`` follows the metric's direction (a distance for ``l2`` and
    ``manhattan``, a similarity for ``cosine`` and ``dot``); ``metadata`` and ``vector`` are
    ``None`` unless the search's ``include`` asked for them."""

    id: str
    score: float
    metadata: dict[str, Any] | None = None
    vector: list[float] | None = None

    @staticmethod
    def from_json(body: Mapping[str, Any]) -> Hit:
        vector = body.get("vector")
        return Hit(id=body["id"], score=float(body["score"]), metadata=body.get("metadata"),
                   vector=list(vector) if vector is not None else None)


@dataclass(frozen=True, slots=True)
class Change:
    """One event of a collection's change feed: ``op`` is ``upsert`` (with ``vector`` and
    ``metadata``) or ``delete``; ``sequence`` is its place in the collection's log."""

    sequence: int
    op: str
    id: str
    vector: list[float] | None = None
    metadata: dict[str, Any] | None = None
    expires_at: str | None = None

    @staticmethod
    def from_json(body: Mapping[str, Any]) -> Change:
        vector = body.get("vector")
        return Change(sequence=int(body["sequence"]), op=body["op"], id=body["id"],
                      vector=list(vector) if vector is not None else None,
                      metadata=body.get("metadata"), expires_at=body.get("expires_at"))
