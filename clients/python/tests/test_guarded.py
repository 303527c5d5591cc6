"""API keys and rate limits against a real server that has them: PythonSdkTest starts a second
server with two keys of the default tenant (a writer's and a reader's) and a rate limit, and gives
its URL and keys in PROXIMA_GUARDED_URL, PROXIMA_WRITER_KEY, PROXIMA_READER_KEY and the limit in
PROXIMA_GUARDED_RATE ("requests a second/burst"). By hand: ``./proxima keys create --role writer``
(and ``--role reader``) on a data directory, then ``./proxima serve --rate-limit 4 --rate-burst 4``.
Without those variables these tests are skipped, and PythonSdkTest fails on any skip."""

from __future__ import annotations

import asyncio
import os
import time
import uuid

import pytest

from proximadb import AsyncClient, Client, NotFound, PermissionDenied, RateLimited, Unauthenticated

GUARDED = os.environ.get("PROXIMA_GUARDED_URL")
WRITER = os.environ.get("PROXIMA_WRITER_KEY")
READER = os.environ.get("PROXIMA_READER_KEY")
RATE = os.environ.get("PROXIMA_GUARDED_RATE", "4/4")

pytestmark = pytest.mark.skipif(not (GUARDED and WRITER and READER),
                                reason="PROXIMA_GUARDED_URL, PROXIMA_WRITER_KEY and PROXIMA_READER_KEY are not set")


@pytest.fixture()
def guarded_collection():
    name = "python_g_" + uuid.uuid4().hex[:12]
    with Client(GUARDED, api_key=WRITER, retries=10) as writer:
        docs = writer.create_collection(name, dimension=2, metric="l2")
        docs.upsert([{"id": "a", "vector": [0, 0]}, {"id": "b", "vector": [1, 1]}])
        yield name
        try:
            writer.drop_collection(name)
        except NotFound:
            pass


def test_no_key_or_unknown_key_is_unauthenticated() -> None:
    for key in (None, "pxk_aaaaaaaaaaaa_" + "x" * 43, "garbage"):
        with Client(GUARDED, api_key=key, retries=10) as client:
            with pytest.raises(Unauthenticated) as raised:
                client.list_collections()
        assert raised.value.code == "unauthenticated" and raised.value.status == 401 and raised.value.request_id


def test_keys_are_sent_as_bearer_and_roles_are_enforced(guarded_collection: str) -> None:
    with Client(GUARDED, api_key=READER, retries=10) as reader:
        assert [h.id for h in reader.collection(guarded_collection).search([0, 0], k=2)] == ["a", "b"]
        with pytest.raises(PermissionDenied) as raised:
            reader.collection(guarded_collection).upsert({"id": "c", "vector": [2, 2]})
        assert raised.value.code == "permission_denied" and raised.value.status == 403
        assert "writer" in raised.value.message
        with pytest.raises(PermissionDenied):
            reader.create_collection("python_g_denied", dimension=2, metric="l2")


def test_change_feed_needs_a_key(guarded_collection: str) -> None:
    with Client(GUARDED, retries=10) as anonymous:
        with pytest.raises(Unauthenticated) as raised:
            anonymous.collection(guarded_collection).watch()
        assert raised.value.status == 401
    with Client(GUARDED, api_key=READER, retries=10) as reader, \
            Client(GUARDED, api_key=WRITER, retries=10) as writer:
        with reader.collection(guarded_collection).watch() as feed:
            writer.collection(guarded_collection).delete("a")
            change = feed.next(timeout=10)
        assert (change.op, change.id) == ("delete", "a")


def test_rate_limit_is_429_and_retries_wait_it_out(guarded_collection: str) -> None:
    per_second, burst = (float(x) for x in RATE.split("/"))
    requests = int(burst) * 3
    # Without retries, the bucket runs dry: the server's 429 surfaces as RateLimited.
    with Client(GUARDED, api_key=READER, retries=0) as impatient:
        with pytest.raises(RateLimited) as raised:
            for _ in range(requests):
                impatient.describe_collection(guarded_collection)
        assert raised.value.code == "rate_limited" and raised.value.status == 429
    time.sleep(burst / per_second)  # let the bucket fill again
    # With retries, the same burst succeeds, paced by the server's Retry-After.
    with Client(GUARDED, api_key=READER, retries=20) as patient:
        started = time.monotonic()
        for _ in range(requests):
            assert patient.describe_collection(guarded_collection).live_records == 2
        took = time.monotonic() - started
    assert took >= (requests - burst) / per_second * 0.8, f"{requests} requests took only {took:.2f} s"


def test_async_client_waits_out_the_rate_limit(guarded_collection: str) -> None:
    async def main() -> int:
        async with AsyncClient(GUARDED, api_key=READER, retries=20) as reader:
            docs = reader.collection(guarded_collection)
            results = await asyncio.gather(*(docs.search([0, 0], k=1, include=()) for _ in range(10)))
            return sum(len(r) for r in results)

    assert asyncio.run(main()) == 10
