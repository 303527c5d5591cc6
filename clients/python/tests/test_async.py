"""AsyncClient against the real server: the same verbs as coroutines, concurrently."""

from __future__ import annotations

import asyncio

import numpy as np
import pytest

from proximadb import AlreadyExists, AsyncClient, InvalidArgument, NotFound


def test_async_verbs(url: str, unique_name: str) -> None:
    async def main() -> None:
        async with AsyncClient(url) as db:
            docs = await db.create_collection(unique_name, dimension=3, metric="cosine")
            assert docs.info is not None and docs.info.live_records == 0
            with pytest.raises(AlreadyExists):
                await db.create_collection(unique_name, dimension=3, metric="cosine")
            assert unique_name in [c.name for c in await db.list_collections()]

            assert await docs.upsert({"id": "a", "vector": [1, 0, 0], "metadata": {"lang": "en"}}) == 1
            assert await docs.upsert(ids=["b", "c"], vectors=np.array([[0, 1, 0], [0.9, 0.1, 0]])) == 2
            assert (await docs.get("a")).metadata == {"lang": "en"}

            hits = await docs.search([1, 0, 0], k=2)
            assert [h.id for h in hits] == ["a", "c"] and hits[0].score == pytest.approx(1.0)
            batch = await docs.search_batch(np.array([[0, 1, 0], [1, 0, 0]]), k=1, filter={"lang": "en"})
            assert [[h.id for h in r] for r in batch] == [["a"], ["a"]]

            # Many requests in flight on one client.
            results = await asyncio.gather(*(docs.search([1, 0, 0], k=1) for _ in range(50)))
            assert all(r[0].id == "a" for r in results)

            n = await docs.bulk_upsert(({"id": f"k{i}", "vector": [1.0, float(i), 0.0]} for i in range(3_000)),
                                       batch_size=500, concurrency=4)
            assert n == 3_000 and (await docs.describe()).live_records == 3_003

            assert await docs.delete(filter={"lang": "en"}) == 1
            with pytest.raises(NotFound):
                await docs.get("a")
            with pytest.raises(InvalidArgument, match="dimension"):
                await docs.search([1, 0], k=1)
            await docs.drop()
            with pytest.raises(NotFound):
                await docs.describe()

    asyncio.run(main())
