"""Retries, backoff and timeouts. The shared test server cannot be told to rate-limit, so these few
tests talk to a tiny HTTP server of their own that answers as a rate-limited or unavailable
ProximaDB would (429/503 with the error body and Retry-After, then 200): a fake of the network
for the retry logic only; every other test runs against the real server."""

from __future__ import annotations

import asyncio
import json
import random
import threading
import time
from email.utils import format_datetime
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Iterator

import pytest

from proximadb import AsyncClient, Backoff, Client, RateLimited, Timeout, Unavailable
from proximadb._retry import parse_retry_after

OK = {"collections": []}


class Script:
    """The answers to give, in order (the last one repeats), and what was asked."""

    def __init__(self) -> None:
        self.answers: list[tuple[int, dict[str, str], float]] = []  # status, headers, delay before answering
        self.seen: list[tuple[float, str, str | None]] = []  # time, path, Authorization header


@pytest.fixture()
def fake() -> Iterator[tuple[str, Script]]:
    script = Script()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            script.seen.append((time.monotonic(), self.path, self.headers.get("Authorization")))
            status, headers, delay = script.answers[min(len(script.seen), len(script.answers)) - 1]
            time.sleep(delay)
            if status == 200:
                body = json.dumps(OK).encode()
            else:
                code = {429: "rate_limited", 503: "unavailable"}[status]
                body = json.dumps({"error": {"code": code, "message": f"try later ({len(script.seen)})",
                                             "request_id": f"req-{len(script.seen)}"}}).encode()
            try:
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up first (the timeout test)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", script
    server.shutdown()
    server.server_close()


def gaps(script: Script) -> list[float]:
    times = [t for t, _, _ in script.seen]
    return [b - a for a, b in zip(times, times[1:])]


def test_429_waits_retry_after_then_succeeds(fake) -> None:
    url, script = fake
    script.answers = [(429, {"Retry-After": "1"}, 0), (200, {}, 0)]
    with Client(url, api_key="pxk_abc_def", retries=3) as client:
        assert client.list_collections() == []
    assert len(script.seen) == 2
    assert 0.95 <= gaps(script)[0] < 2.0
    assert all(auth == "Bearer pxk_abc_def" for _, _, auth in script.seen)


def test_503_without_retry_after_backs_off_exponentially(fake) -> None:
    url, script = fake
    script.answers = [(503, {}, 0), (503, {}, 0), (503, {}, 0), (200, {}, 0)]
    with Client(url, retries=3, backoff=Backoff(base=0.1)) as client:
        assert client.list_collections() == []
    waits = gaps(script)
    assert len(waits) == 3
    # attempt n waits between half and all of 0.1 * 2**n
    for n, waited in enumerate(waits):
        assert 0.05 * 2 ** n - 0.01 <= waited <= 0.1 * 2 ** n + 0.25


def test_retries_used_up_raise_the_typed_error(fake) -> None:
    url, script = fake
    script.answers = [(429, {"Retry-After": "0"}, 0)]
    with Client(url, retries=2) as client:
        with pytest.raises(RateLimited) as raised:
            client.list_collections()
    assert len(script.seen) == 3
    assert raised.value.status == 429 and raised.value.request_id == "req-3" and "try later" in raised.value.message


def test_no_retries_when_told(fake) -> None:
    url, script = fake
    script.answers = [(503, {"Retry-After": "0"}, 0)]
    with Client(url, retries=0) as client:
        with pytest.raises(Unavailable):
            client.list_collections()
    assert len(script.seen) == 1


def test_timeout(fake) -> None:
    url, script = fake
    script.answers = [(200, {}, 2.0)]
    with Client(url, timeout=0.3) as client:
        started = time.monotonic()
        with pytest.raises(Timeout) as raised:
            client.list_collections()
    assert time.monotonic() - started < 1.5
    assert raised.value.code == "timeout" and raised.value.status is None
    assert len(script.seen) == 1  # a timeout is not retried: the request may have been carried out


def test_async_client_retries_too(fake) -> None:
    url, script = fake
    script.answers = [(429, {"Retry-After": "1"}, 0), (503, {"Retry-After": "0"}, 0), (200, {}, 0)]

    async def main() -> list:
        async with AsyncClient(url, retries=3) as client:
            return await client.list_collections()

    assert asyncio.run(main()) == []
    assert len(script.seen) == 3 and gaps(script)[0] >= 0.95


def test_backoff_delays() -> None:
    backoff = Backoff(retries=5, base=0.5, cap=3.0, max_retry_after=10.0)
    rng = random.Random(1)
    for attempt, ceiling in enumerate([0.5, 1.0, 2.0, 3.0, 3.0]):
        delays = [backoff.delay(attempt, None, rng) for _ in range(200)]
        assert min(delays) >= ceiling / 2 and max(delays) <= ceiling
        assert max(delays) - min(delays) > ceiling / 4  # jittered, not fixed
    assert backoff.delay(0, "2") == 2.0
    assert backoff.delay(0, "120") == 10.0  # capped


def test_retry_after_forms() -> None:
    assert parse_retry_after("3") == 3.0 and parse_retry_after(" 0 ") == 0.0
    later = format_datetime(datetime.now(timezone.utc) + timedelta(seconds=30), usegmt=True)
    assert 28 <= parse_retry_after(later) <= 30  # type: ignore[operator]
    assert parse_retry_after(None) is None and parse_retry_after("soon") is None
