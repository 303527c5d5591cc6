"""The asyncio client: :class:`AsyncClient` and :class:`AsyncCollection`, the same verbs as
:mod:`proximadb.client` as coroutines, over the same request descriptions (:mod:`proximadb._wire`)."""

from __future__ import annotations

import asyncio
from typing import Any, Iterable, Mapping, Sequence, TypeVar

import httpx

from . import _http, _wire
from ._retry import RETRYABLE_STATUS, Backoff
from .changes import AsyncChangeFeed
from .errors import error_from_response
from .models import CollectionInfo, Hit, Record

T = TypeVar("T")


class AsyncClient:
    """A connection to a ProximaDB server for asyncio code; arguments as for :class:`~proximadb.Client`.
    Use ``async with AsyncClient(url) as db`` or ``await db.close()``."""

    def __init__(self, url: str, api_key: str | None = None, timeout: float | None = 30.0,
                 retries: int = 3, *, backoff: Backoff | None = None) -> None:
        if retries < 0:
            raise ValueError(f"retries: {retries} is negative")
        self.url = _http.base_url(url)
        self._api_key = api_key
        self._timeout = timeout
        base = backoff or Backoff()
        self._backoff = Backoff(retries, base.base, base.cap, base.max_retry_after)
        self._http = httpx.AsyncClient(base_url=self.url, headers=_http.headers(api_key),
                                       timeout=_http.timeout(timeout))

    async def close(self) -> None:
        await self._http.aclose()

    async def __aenter__(self) -> AsyncClient:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __repr__(self) -> str:
        return f"AsyncClient({self.url!r})"

    async def _send(self, call: _wire.Call[T]) -> T:
        attempt = 0
        while True:
            try:
                response = await self._http.request(call.method, call.path, json=call.body)
            except httpx.TransportError as e:
                if _http.retryable_transport(e) and attempt < self._backoff.retries:
                    await asyncio.sleep(self._backoff.delay(attempt, None))
                    attempt += 1
                    continue
                raise _http.transport_error(e, call.method, call.path) from e
            if response.status_code in RETRYABLE_STATUS and attempt < self._backoff.retries:
                await asyncio.sleep(self._backoff.delay(attempt, response.headers.get("retry-after")))
                attempt += 1
                continue
            if response.status_code >= 400:
                raise error_from_response(response.status_code, response.content, response.headers)
            return call.parse(_http.body_json(response))

    async def create_collection(self, name: str, dimension: int, metric: str, *, index: str | None = None,
                                memtable: str | None = None, wal: str | None = None,
                                options: Mapping[str, Any] | None = None) -> AsyncCollection:
        """See :meth:`proximadb.Client.create_collection`."""
        info = await self._send(_wire.create_collection(name, dimension, metric, index, memtable, wal, options))
        return AsyncCollection(self, info.name, info)

    def collection(self, name: str) -> AsyncCollection:
        """The handle of an existing collection (no request is made until it is used)."""
        return AsyncCollection(self, name)

    async def list_collections(self) -> list[CollectionInfo]:
        return await self._send(_wire.list_collections())

    async def describe_collection(self, name: str) -> CollectionInfo:
        return await self._send(_wire.describe_collection(name))

    async def drop_collection(self, name: str) -> None:
        await self._send(_wire.drop_collection(name))


class AsyncCollection:
    """One collection's verbs as coroutines; see :class:`proximadb.Collection` for each one's meaning."""

    def __init__(self, client: AsyncClient, name: str, info: CollectionInfo | None = None) -> None:
        self.client = client
        self.name = name
        self.info = info

    def __repr__(self) -> str:
        return f"AsyncCollection({self.name!r})"

    async def describe(self) -> CollectionInfo:
        self.info = await self.client.describe_collection(self.name)
        return self.info

    async def drop(self) -> None:
        await self.client.drop_collection(self.name)

    async def upsert(self, records: Any = None, *, ids: Sequence[str] | None = None, vectors: Any = None,
                     metadata: Sequence[Mapping[str, Any] | None] | None = None, ttl_seconds: int | None = None) -> int:
        body = list(_wire.records(records, ids, vectors, metadata, ttl_seconds))
        return await self.client._send(_wire.upsert(self.name, body))

    async def bulk_upsert(self, records: Iterable[Any] | None = None, *, ids: Sequence[str] | None = None,
                          vectors: Any = None, metadata: Sequence[Mapping[str, Any] | None] | None = None,
                          ttl_seconds: int | None = None, batch_size: int = 1000, concurrency: int = 4,
                          progress: bool = False, total: int | None = None) -> int:
        if concurrency < 1:
            raise ValueError(f"concurrency: {concurrency} is less than 1")
        batches = _wire.chunks(_wire.records(records, ids, vectors, metadata, ttl_seconds), batch_size)
        bar = _wire.progress_bar(progress, total if total is not None else _wire.size_of(records, ids), self.name)
        done_count = 0
        pending: set[asyncio.Task[int]] = set()

        def collect(finished: set[asyncio.Task[int]]) -> None:
            nonlocal done_count
            for task in finished:
                n = task.result()  # raises the batch's error
                done_count += n
                if bar is not None:
                    bar.update(n)

        try:
            for batch in batches:
                if len(pending) >= concurrency:
                    finished, pending = await asyncio.wait(pending, return_when=asyncio.FIRST_COMPLETED)
                    collect(finished)
                pending.add(asyncio.ensure_future(self.client._send(_wire.upsert(self.name, batch))))
            if pending:
                finished, pending = await asyncio.wait(pending)
                collect(finished)
        finally:
            for task in pending:
                task.cancel()
            if pending:
                await asyncio.gather(*pending, return_exceptions=True)
            if bar is not None:
                bar.close()
        return done_count

    async def get(self, id: str) -> Record:
        return await self.client._send(_wire.get(self.name, id))

    async def delete(self, ids: str | Sequence[str] | None = None, *,
                     filter: Mapping[str, Any] | None = None) -> int:
        return await self.client._send(_wire.delete(self.name, ids, filter))

    async def search(self, vector: Any, k: int = 10, *, filter: Mapping[str, Any] | None = None,
                     include: Iterable[str] | None = ("metadata",), params: Mapping[str, Any] | None = None,
                     ef: int | None = None, nprobe: int | None = None) -> list[Hit]:
        query = _wire.query(vector, k, filter, include, params, ef, nprobe)
        return await self.client._send(_wire.search(self.name, query))

    async def search_batch(self, queries: Any, k: int = 10, *, filter: Mapping[str, Any] | None = None,
                           include: Iterable[str] | None = ("metadata",), params: Mapping[str, Any] | None = None,
                           ef: int | None = None, nprobe: int | None = None) -> list[list[Hit]]:
        bodies = _wire.queries(queries, k, filter, include, params, ef, nprobe)
        out: list[list[Hit]] = []
        for chunk in _wire.chunks(bodies, _wire.MAX_BATCH_QUERIES):
            out.extend(await self.client._send(_wire.search_batch(self.name, chunk)))
        return out

    def watch(self, timeout: float | None = None) -> AsyncChangeFeed:
        """The change feed, opened by ``async with`` (or ``await feed.connect()``), then iterated with
        ``async for``; see :class:`proximadb.AsyncChangeFeed`."""
        client = self.client
        return AsyncChangeFeed(client.url, self.name, client._api_key,
                               timeout if timeout is not None else client._timeout, client._backoff,
                               lambda: client.describe_collection(self.name))
