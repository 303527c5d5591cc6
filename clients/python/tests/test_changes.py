"""The change feed (the WebSocket) against the real server: writes made while watching arrive, in order."""

from __future__ import annotations

import asyncio

import pytest

from proximadb import AsyncClient, Change, Client, NotFound


def test_watch_sees_upserts_and_deletes_in_order(db: Client, unique_name: str) -> None:
    docs = db.create_collection(unique_name, dimension=2, metric="l2")
    docs.upsert({"id": "before", "vector": [0, 0]})  # written before the watch: not in the feed
    with docs.watch() as feed:
        docs.upsert([{"id": "a", "vector": [1.0, 2.0], "metadata": {"lang": "en"}},
                     {"id": "b", "vector": [3.0, 4.0], "metadata": {"lang": "de"}}])
        docs.delete(["a"])
        docs.delete(filter={"lang": "de"})
        changes = [feed.next(timeout=10) for _ in range(4)]
        with pytest.raises(TimeoutError):
            feed.next(timeout=0.3)  # nothing else happened
    assert [(c.op, c.id) for c in changes] == [("upsert", "a"), ("upsert", "b"), ("delete", "a"), ("delete", "b")]
    assert changes[0] == Change(sequence=changes[0].sequence, op="upsert", id="a", vector=[1.0, 2.0],
                                metadata={"lang": "en"})
    assert changes[2].vector is None and changes[2].metadata is None
    sequences = [c.sequence for c in changes]
    assert sequences == sorted(sequences) and len(set(sequences[:2])) == 2


def test_feed_ends_when_the_collection_is_dropped(db: Client, unique_name: str) -> None:
    docs = db.create_collection(unique_name, dimension=2, metric="l2")
    feed = docs.watch()
    docs.upsert({"id": "x", "vector": [1, 1], "ttl_seconds": 60})
    first = feed.next(timeout=10)
    assert first.id == "x" and first.expires_at is not None
    docs.drop()
    assert list(feed) == []  # closed by the server (1001): iteration ends
    feed.close()


def test_watching_an_unknown_collection_is_not_found(db: Client) -> None:
    with pytest.raises(NotFound) as raised:
        db.collection("python_no_such_feed").watch()
    assert raised.value.status == 404 and "does not exist" in raised.value.message


def test_async_watch(url: str, unique_name: str) -> None:
    async def main() -> list[Change]:
        async with AsyncClient(url) as db:
            docs = await db.create_collection(unique_name, dimension=2, metric="cosine")
            async with docs.watch() as feed:
                await docs.upsert([{"id": f"r{i}", "vector": [1.0, float(i)]} for i in range(3)])
                await docs.delete("r1")
                seen = []
                async for change in feed:
                    seen.append(change)
                    if len(seen) == 4:
                        break
                return seen

    changes = asyncio.run(main())
    assert [(c.op, c.id) for c in changes] == [("upsert", "r0"), ("upsert", "r1"), ("upsert", "r2"), ("delete", "r1")]
