"""The blocking client: :class:`Client` and the :class:`Collection` handle it gives out."""

from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from typing import Any, Iterable, Mapping, Sequence, TypeVar

import httpx

from . import _http, _wire
from ._retry import RETRYABLE_STATUS, Backoff
from .changes import ChangeFeed
from .errors import error_from_response
from .models import CollectionInfo, Hit, Record

T = TypeVar("T")


class Client:
    """A connection to a ProximaDB server's REST API (thread-safe; one per process is enough).

    Args:
        url: the server, such as ``"http://127.0.0.1:7700"``.
        api_key: sent as ``Authorization: Bearer <key>``; ``None`` for a server without keys.
        timeout: seconds for each request (connect, read, write); ``None`` waits forever.
        retries: how many times a request answered 429 or 503 (or whose connection was refused)
            is tried again, after exponential backoff with jitter or the server's ``Retry-After``.
    """

    def __init__(self, url: str, api_key: str | None = None, timeout: float | None = 30.0,
                 retries: int = 3, *, backoff: Backoff | None = None) -> None:
        if retries < 0:
            raise ValueError(f"retries: {retries} is negative")
        self.url = _http.base_url(url)
        self._api_key = api_key
        self._timeout = timeout
        base = backoff or Backoff()  # its delays; the count of retries is always ``retries``
        self._backoff = Backoff(retries, base.base, base.cap, base.max_retry_after)
        self._http = httpx.Client(base_url=self.url, headers=_http.headers(api_key), timeout=_http.timeout(timeout))

    def close(self) -> None:
        """Closes the connections; the client cannot be used afterwards."""
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Client({self.url!r})"

    def _send(self, call: _wire.Call[T]) -> T:
        attempt = 0
        while True:
            try:
                response = self._http.request(call.method, call.path, json=call.body)
            except httpx.TransportError as e:
                if _http.retryable_transport(e) and attempt < self._backoff.retries:
                    time.sleep(self._backoff.delay(attempt, None))
                    attempt += 1
                    continue
                raise _http.transport_error(e, call.method, call.path) from e
            if response.status_code in RETRYABLE_STATUS and attempt < self._backoff.retries:
                time.sleep(self._backoff.delay(attempt, response.headers.get("retry-after")))
                attempt += 1
                continue
            if response.status_code >= 400:
                raise error_from_response(response.status_code, response.content, response.headers)
            return call.parse(_http.body_json(response))

    # Collections

    def create_collection(self, name: str, dimension: int, metric: str, *, index: str | None = None,
                          memtable: str | None = None, wal: str | None = None,
                          options: Mapping[str, Any] | None = None) -> Collection:
        """Creates a collection (``metric``: ``l2``, ``cosine``, ``dot`` or ``manhattan``; ``index``,
        ``memtable``, ``wal`` and plugin ``options`` default to the server's settings) and returns its
        handle; raises :class:`~proximadb.AlreadyExists` if the name is taken."""
        info = self._send(_wire.create_collection(name, dimension, metric, index, memtable, wal, options))
        return Collection(self, info.name, info)

    def collection(self, name: str) -> Collection:
        """The handle of an existing collection (no request is made until it is used)."""
        return Collection(self, name)

    def list_collections(self) -> list[CollectionInfo]:
        """Every collection (of the key's tenant), sorted by name."""
        return self._send(_wire.list_collections())

    def describe_collection(self, name: str) -> CollectionInfo:
        """A collection's configuration and counts."""
        return self._send(_wire.describe_collection(name))

    def drop_collection(self, name: str) -> None:
        """Drops a collection and everything in it."""
        self._send(_wire.drop_collection(name))


class Collection:
    """One collection's records, search and change feed. ``info`` is its description when the
    handle came from :meth:`Client.create_collection`, else ``None`` until :meth:`describe`."""

    def __init__(self, client: Client, name: str, info: CollectionInfo | None = None) -> None:
        self.client = client
        self.name = name
        self.info = info

    def __repr__(self) -> str:
        return f"Collection({self.name!r})"

    def describe(self) -> CollectionInfo:
        """The collection's configuration and counts now (also kept in ``info``)."""
        self.info = self.client.describe_collection(self.name)
        return self.info

    def drop(self) -> None:
        """Drops the collection and everything in it."""
        self.client.drop_collection(self.name)

    def upsert(self, records: Any = None, *, ids: Sequence[str] | None = None, vectors: Any = None,
               metadata: Sequence[Mapping[str, Any] | None] | None = None, ttl_seconds: int | None = None) -> int:
        """Upserts one record or a batch (at most 10,000) atomically: all of them or none.

        ``records`` is a mapping ``{"id", "vector", "metadata"?, "ttl_seconds"?}`` or a list of them;
        or give ``ids`` with ``vectors`` (a list of vectors or a 2-D numpy array) and optional
        ``metadata``. Returns how many were upserted. :meth:`bulk_upsert` is for more."""
        return self.client._send(_wire.upsert(self.name, list(_wire.records(records, ids, vectors, metadata, ttl_seconds))))

    def bulk_upsert(self, records: Iterable[Any] | None = None, *, ids: Sequence[str] | None = None,
                    vectors: Any = None, metadata: Sequence[Mapping[str, Any] | None] | None = None,
                    ttl_seconds: int | None = None, batch_size: int = 1000, concurrency: int = 4,
                    progress: bool = False, total: int | None = None) -> int:
        """Upserts any number of records (an iterable, read lazily, or ``ids`` with ``vectors``) in
        batches of ``batch_size``, with up to ``concurrency`` requests in flight, and a tqdm progress
        bar if ``progress``. Each batch is atomic, the whole is not: if a batch fails, its error is
        raised, batches already answered stay written and the rest are not sent. Returns the count."""
        if concurrency < 1:
            raise ValueError(f"concurrency: {concurrency} is less than 1")
        batches = _wire.chunks(_wire.records(records, ids, vectors, metadata, ttl_seconds), batch_size)
        bar = _wire.progress_bar(progress, total if total is not None else _wire.size_of(records, ids), self.name)
        done_count = 0
        pending: set[Future[int]] = set()

        def collect(finished: set[Future[int]]) -> None:
            nonlocal done_count
            for future in finished:
                n = future.result()  # raises the batch's error
                done_count += n
                if bar is not None:
                    bar.update(n)

        try:
            with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="proximadb-bulk") as pool:
                try:
                    for batch in batches:
                        if len(pending) >= concurrency:
                            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                            collect(finished)
                        pending.add(pool.submit(self.client._send, _wire.upsert(self.name, batch)))
                    finished, pending = wait(pending)
                    collect(finished)
                except BaseException:
                    for future in pending:
                        future.cancel()
                    raise
        finally:
            if bar is not None:
                bar.close()
        return done_count

    def get(self, id: str) -> Record:
        """The record with this id; raises :class:`~proximadb.NotFound` if there is none."""
        return self.client._send(_wire.get(self.name, id))

    def delete(self, ids: str | Sequence[str] | None = None, *, filter: Mapping[str, Any] | None = None) -> int:
        """Deletes atomically the records with these ids (absent ones are no-ops, and counted), or
        every record matching ``filter``; returns the count the server reports."""
        return self.client._send(_wire.delete(self.name, ids, filter))

    def search(self, vector: Any, k: int = 10, *, filter: Mapping[str, Any] | None = None,
               include: Iterable[str] | None = ("metadata",), params: Mapping[str, Any] | None = None,
               ef: int | None = None, nprobe: int | None = None) -> list[Hit]:
        """The ``k`` nearest live records to ``vector`` (a list or 1-D numpy array), best first.

        ``filter`` is the engine's JSON filter language; ``include`` picks ``metadata`` (the default)
        and ``vector`` (``()`` for neither); ``params`` (or the shorthands ``ef``, ``nprobe``) go to
        the collection's index."""
        return self.client._send(_wire.search(self.name, _wire.query(vector, k, filter, include, params, ef, nprobe)))

    def search_batch(self, queries: Any, k: int = 10, *, filter: Mapping[str, Any] | None = None,
                     include: Iterable[str] | None = ("metadata",), params: Mapping[str, Any] | None = None,
                     ef: int | None = None, nprobe: int | None = None) -> list[list[Hit]]:
        """Many searches: ``queries`` is a 2-D numpy array or a list of vectors (sharing ``k``,
        ``filter``...) or of query mappings ``{"vector", "k"?, "filter"?, "include"?, "params"?}``.
        Returns one list of hits per query, in order; more than 1,000 go in several requests."""
        bodies = _wire.queries(queries, k, filter, include, params, ef, nprobe)
        out: list[list[Hit]] = []
        for chunk in _wire.chunks(bodies, _wire.MAX_BATCH_QUERIES):
            out.extend(self.client._send(_wire.search_batch(self.name, chunk)))
        return out

    def watch(self, timeout: float | None = None) -> ChangeFeed:
        """Subscribes to the collection's change feed and returns once the server has answered:
        every write acknowledged from then on arrives, in order. Iterate it for
        :class:`~proximadb.Change` events; close it (or use ``with``) when done."""
        client = self.client
        return ChangeFeed(client.url, self.name, client._api_key,
                          timeout if timeout is not None else client._timeout, client._backoff,
                          lambda: client.describe_collection(self.name))
