"""The REST calls, described once for :class:`~proximadb.Client` and :class:`~proximadb.AsyncClient`.

Each function returns a :class:`Call`: the method, the path, the JSON body and how to read the
answer. The two clients only differ in how they send it (blocking or as a coroutine), so the request
bodies and the parsing of answers cannot drift between them.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import islice
from typing import Any, Callable, Generic, Iterable, Iterator, Mapping, Sequence, TypeVar
from urllib.parse import quote

from . import _vectors
from .models import CollectionInfo, Hit, Record

T = TypeVar("T")

MAX_UPSERT = 10_000
MAX_BATCH_QUERIES = 1_000
INCLUDABLE = ("metadata", "vector")


@dataclass(frozen=True, slots=True)
class Call(Generic[T]):
    """One request and how to read its answer's JSON (``None`` for an answer without a body)."""

    method: str
    path: str
    body: Any
    parse: Callable[[Any], T]


def _segment(value: str) -> str:
    # Ids may hold '/', '?', '%'...: every reserved character is percent-encoded (doc%2F1 for doc/1).
    return quote(value, safe="")


def _collection_path(name: str) -> str:
    return "/v1/collections/" + _segment(name)


def create_collection(name: str, dimension: int, metric: str, index: str | None, memtable: str | None,
                      wal: str | None, options: Mapping[str, Any] | None) -> Call[CollectionInfo]:
    body: dict[str, Any] = {"name": name, "dimension": dimension, "metric": metric}
    for key, value in (("index", index), ("memtable", memtable), ("wal", wal)):
        if value is not None:
            body[key] = value
    if options is not None:
        # The API takes plugin options as strings ({"index.m": "16"}); accept numbers for convenience.
        body["options"] = {str(k): _option(v) for k, v in options.items()}
    return Call("POST", "/v1/collections", body, CollectionInfo.from_json)


def _option(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def list_collections() -> Call[list[CollectionInfo]]:
    return Call("GET", "/v1/collections", None,
                lambda body: [CollectionInfo.from_json(c) for c in body["collections"]])


def describe_collection(name: str) -> Call[CollectionInfo]:
    return Call("GET", _collection_path(name), None, CollectionInfo.from_json)


def drop_collection(name: str) -> Call[None]:
    return Call("DELETE", _collection_path(name), None, lambda body: None)


def upsert(name: str, records: list[dict[str, Any]]) -> Call[int]:
    return Call("PUT", _collection_path(name) + "/records", {"records": records},
                lambda body: int(body["upserted"]))


def get(name: str, record_id: str) -> Call[Record]:
    return Call("GET", _collection_path(name) + "/records/" + _segment(record_id), None, Record.from_json)


def delete(name: str, ids: str | Sequence[str] | None, filter: Mapping[str, Any] | None) -> Call[int]:
    if (ids is None) == (filter is None):
        raise ValueError("delete: give either ids or filter (one of them, not both)")
    if ids is not None:
        body: dict[str, Any] = {"ids": [ids] if isinstance(ids, str) else list(ids)}
    else:
        body = {"filter": dict(filter or {})}
    return Call("POST", _collection_path(name) + "/records/delete", body, lambda answer: int(answer["deleted"]))


def search(name: str, query: dict[str, Any]) -> Call[list[Hit]]:
    return Call("POST", _collection_path(name) + "/search", query,
                lambda body: [Hit.from_json(h) for h in body["results"]])


def search_batch(name: str, queries: list[dict[str, Any]]) -> Call[list[list[Hit]]]:
    return Call("POST", _collection_path(name) + "/search/batch", {"queries": queries},
                lambda body: [[Hit.from_json(h) for h in r["results"]] for r in body["responses"]])


def query(vector: Any, k: int | None, filter: Mapping[str, Any] | None, include: Iterable[str] | None,
          params: Mapping[str, Any] | None, ef: int | None, nprobe: int | None, where: str = "vector") -> dict[str, Any]:
    """One search query's body; ``ef`` and ``nprobe`` are shorthands merged into ``params``."""
    body: dict[str, Any] = {"vector": _vectors.vector(vector, where)}
    if k is not None:
        body["k"] = k
    if filter is not None:
        body["filter"] = dict(filter)
    if include is not None:
        wanted = [include] if isinstance(include, str) else list(include)
        unknown = [i for i in wanted if i not in INCLUDABLE]
        if unknown:
            raise ValueError(f"include: unknown {unknown}; known: {list(INCLUDABLE)}")
        body["include"] = wanted
    merged = dict(params or {})
    if ef is not None:
        merged["ef"] = ef
    if nprobe is not None:
        merged["nprobe"] = nprobe
    if merged:
        body["params"] = merged
    return body


def queries(items: Any, k: int | None, filter: Mapping[str, Any] | None, include: Iterable[str] | None,
            params: Mapping[str, Any] | None, ef: int | None, nprobe: int | None) -> list[dict[str, Any]]:
    """Batch queries from vectors (a 2-D array or a list of vectors, sharing the other arguments) or
    from query mappings (``{"vector", "k"?, "filter"?, "include"?, "params"?}``, the shared
    arguments filling what a mapping leaves out)."""
    if hasattr(items, "ndim"):
        items = _vectors.vectors(items, "queries")
    out = []
    for i, item in enumerate(items):
        if isinstance(item, Mapping):
            unknown = set(item) - {"vector", "k", "filter", "include", "params"}
            if unknown:
                raise ValueError(f"queries[{i}]: unknown fields {sorted(unknown)}; "
                                 "known: vector, k, filter, include, params")
            out.append(query(item["vector"], item.get("k", k), item.get("filter", filter),
                             item.get("include", include), item.get("params", params), ef, nprobe,
                             f"queries[{i}].vector"))
        else:
            out.append(query(item, k, filter, include, params, ef, nprobe, f"queries[{i}]"))
    return out


def record(item: Any, where: str) -> dict[str, Any]:
    """One record's body, from a mapping ``{"id", "vector", "metadata"?, "ttl_seconds"?}`` or a :class:`Record`."""
    if isinstance(item, Record):
        out: dict[str, Any] = {"id": item.id, "vector": _vectors.vector(item.vector, where + ".vector")}
        if item.metadata:
            out["metadata"] = item.metadata
        return out
    if not isinstance(item, Mapping):
        raise TypeError(f"{where}: expected a mapping with id and vector, got {type(item).__name__}")
    unknown = set(item) - {"id", "vector", "metadata", "ttl_seconds"}
    if unknown:
        raise ValueError(f"{where}: unknown fields {sorted(unknown)}; known: id, vector, metadata, ttl_seconds")
    if "id" not in item or "vector" not in item:
        raise ValueError(f"{where}: a record needs an id and a vector")
    out = {"id": item["id"], "vector": _vectors.vector(item["vector"], where + ".vector")}
    if item.get("metadata") is not None:
        out["metadata"] = item["metadata"]
    if item.get("ttl_seconds") is not None:
        out["ttl_seconds"] = item["ttl_seconds"]
    return out


def records(items: Any = None, ids: Sequence[str] | None = None, vectors: Any = None,
            metadata: Sequence[Mapping[str, Any] | None] | None = None,
            ttl_seconds: int | None = None) -> Iterator[dict[str, Any]]:
    """Record bodies, lazily: from ``items`` (one record or an iterable of them), or from parallel
    ``ids`` and ``vectors`` (a list of vectors or a 2-D numpy array) and optional ``metadata``."""
    if items is not None:
        if ids is not None or vectors is not None or metadata is not None:
            raise ValueError("give either records, or ids with vectors (and metadata), not both")
        if isinstance(items, (Mapping, Record)):
            items = [items]
        for i, item in enumerate(items):
            body = record(item, f"records[{i}]")
            if ttl_seconds is not None and "ttl_seconds" not in body:
                body["ttl_seconds"] = ttl_seconds
            yield body
        return
    if ids is None or vectors is None:
        raise ValueError("give records, or ids and vectors")
    if hasattr(vectors, "ndim") and vectors.ndim != 2:
        raise ValueError(f"vectors: expected a 2-D array (one row per id), got {vectors.ndim} dimensions")
    for size, label in ((len(vectors), "vectors"), (len(metadata) if metadata is not None else None, "metadata")):
        if size is not None and size != len(ids):
            raise ValueError(f"{label}: {size} given for {len(ids)} ids")
    for i, record_id in enumerate(ids):
        body = {"id": record_id, "vector": _vectors.vector(vectors[i], f"vectors[{i}]")}
        if metadata is not None and metadata[i] is not None:
            body["metadata"] = metadata[i]
        if ttl_seconds is not None:
            body["ttl_seconds"] = ttl_seconds
        yield body


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of at most ``size``, read lazily so that millions never sit in memory at once."""
    if not 1 <= size <= MAX_UPSERT:
        raise ValueError(f"batch_size: {size} is not between 1 and {MAX_UPSERT}")
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def size_of(items: Any, ids: Sequence[str] | None) -> int | None:
    """How many records there will be, when it can be known without reading them (for a progress bar)."""
    if ids is not None:
        return len(ids)
    if isinstance(items, (Mapping, Record)):
        return 1
    try:
        return len(items)
    except TypeError:
        return None


def progress_bar(enabled: bool, total: int | None, name: str) -> Any:
    """A tqdm bar when asked for (tqdm is imported only then), else ``None``."""
    if not enabled:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError as e:  # pragma: no cover - depends on the machine
        raise ImportError("progress=True needs tqdm (apt-get install python3-tqdm, or pip install tqdm)") from e
    return tqdm(total=total, unit="rec", desc=f"upsert {name}")
