"""A collection's change feed: ``GET /v1/collections/{name}/changes``, a WebSocket that streams
every write acknowledged after the upgrade, in the order of the collection's log, one JSON message
per change (docs/server.md, *The change feed*).

:class:`AsyncChangeFeed` is the WebSocket itself (Debian's ``python3-websockets``);
:class:`ChangeFeed`, for blocking code, runs one on its own thread and hands the changes over
through a queue, so iterating it never holds up the socket.
"""

from __future__ import annotations

import asyncio
import json
import queue
import threading
from concurrent.futures import Future
from typing import Any, Awaitable, Callable
from urllib.parse import quote

from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatusCode

try:  # websockets 10 to 13 (Debian 12 has 10.4); 14 and later keep this API under legacy/.
    from websockets.legacy.client import connect as _connect
except ImportError:  # pragma: no cover - older websockets
    from websockets import connect as _connect  # type: ignore[no-redef]

from . import _http
from ._retry import RETRYABLE_STATUS, Backoff
from .errors import ChangesLost, ConnectionFailed, ProximaError, Timeout, error_from_status
from .models import Change

OVERFLOWED = 4000  # the server's close code: this reader fell behind and changes were lost


def feed_url(url: str, name: str) -> str:
    scheme, rest = url.split("://", 1)
    return ("wss" if scheme == "https" else "ws") + "://" + rest + "/v1/collections/" + quote(name, safe="") + "/changes"


class AsyncChangeFeed:
    """An async iterator of :class:`~proximadb.Change`; use it as ``async with collection.watch() as
    feed: async for change in feed``. It ends when the server closes the feed (collection dropped,
    server stopping) and raises :class:`~proximadb.ChangesLost` if this reader fell too far behind."""

    def __init__(self, url: str, name: str, api_key: str | None, timeout: float | None, backoff: Backoff,
                 describe: Callable[[], Awaitable[Any]]) -> None:
        self.name = name
        self._url = feed_url(url, name)
        self._headers = _http.headers(api_key)
        self._timeout = timeout
        self._backoff = backoff
        self._describe = describe
        self._socket: Any = None

    async def connect(self) -> AsyncChangeFeed:
        """Opens the feed; returns once the server answered the upgrade (changes from then on arrive).
        A refusal raises the typed error (``NotFound``, ``Unauthenticated``, ...)."""
        attempt = 0
        while self._socket is None:
            try:
                self._socket = await _connect(self._url, extra_headers=self._headers, open_timeout=self._timeout,
                                              max_size=None, max_queue=1024, user_agent_header=_http.USER_AGENT)
            except InvalidStatusCode as e:
                retry_after = e.headers.get("Retry-After")
                if e.status_code in RETRYABLE_STATUS and attempt < self._backoff.retries:
                    await asyncio.sleep(self._backoff.delay(attempt, retry_after))
                    attempt += 1
                    continue
                raise await self._refusal(e.status_code, e.headers.get("X-Request-Id")) from e
            except asyncio.TimeoutError as e:
                raise Timeout("timeout", f"the change feed of {self.name!r} did not open in time") from e
            except (OSError, InvalidHandshake) as e:
                if isinstance(e, ConnectionRefusedError) and attempt < self._backoff.retries:
                    await asyncio.sleep(self._backoff.delay(attempt, None))
                    attempt += 1
                    continue
                raise ConnectionFailed("connection_failed", f"the change feed of {self.name!r} could not open: {e}") from e
        return self

    async def _refusal(self, status: int, request_id: str | None) -> ProximaError:
        # A WebSocket client sees a refusal's status and headers but not its JSON body. Describing the
        # collection needs the same role and finds the same collection, so its error is the server's
        # own code and message for the same cause; otherwise the status alone names the error.
        try:
            await self._describe()
        except ProximaError as e:
            if e.status == status:
                return e
        return error_from_status(status, f"the server refused the change feed of {self.name!r} with HTTP {status}",
                                 request_id)

    async def close(self) -> None:
        """Closes the feed (close code 1000); iteration then ends."""
        if self._socket is not None:
            await self._socket.close()

    async def __aenter__(self) -> AsyncChangeFeed:
        return await self.connect()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    def __aiter__(self) -> AsyncChangeFeed:
        return self

    async def __anext__(self) -> Change:
        if self._socket is None:
            await self.connect()
        try:
            message = await self._socket.recv()
        except ConnectionClosed as e:
            if e.rcvd is not None and e.rcvd.code == OVERFLOWED:
                raise ChangesLost("changes_lost", f"the change feed of {self.name!r} was closed because this "
                                  f"reader fell behind ({e.rcvd.reason}); reconnect and read the collection again") from e
            raise StopAsyncIteration from None
        return Change.from_json(json.loads(message))


_END = object()


class ChangeFeed:
    """An iterator of :class:`~proximadb.Change` for blocking code: ``with collection.watch() as feed:
    for change in feed``. Opened when created; :meth:`next` waits with a timeout."""

    def __init__(self, url: str, name: str, api_key: str | None, timeout: float | None, backoff: Backoff,
                 describe: Callable[[], Any]) -> None:
        self.name = name
        self._changes: queue.Queue[Any] = queue.Queue()
        self._opened: Future[None] = Future()
        self._closing = asyncio.Event()  # set from close(), on the feed's loop
        self._feed = AsyncChangeFeed(url, name, api_key, timeout, backoff, lambda: asyncio.to_thread(describe))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_until_complete, args=(self._pump(),),
                                        name=f"proximadb-watch-{name}", daemon=True)
        self._thread.start()
        try:
            self._opened.result()
        except BaseException:
            self._thread.join()
            self._loop.close()
            raise

    async def _pump(self) -> None:
        try:
            await self._feed.connect()
        except BaseException as e:
            self._opened.set_exception(e)
            return
        self._opened.set_result(None)
        # The socket is closed here, on its own loop, and the loop runs until that is done: a close
        # sent from another thread could otherwise be cut off when the read ends first.
        reader = asyncio.ensure_future(self._read())
        closing = asyncio.ensure_future(self._closing.wait())
        await asyncio.wait({reader, closing}, return_when=asyncio.FIRST_COMPLETED)
        closing.cancel()
        await self._feed.close()
        await reader

    async def _read(self) -> None:
        try:
            async for change in self._feed:
                self._changes.put(change)
            self._changes.put(_END)
        except BaseException as e:
            self._changes.put(e)

    def next(self, timeout: float | None = None) -> Change:
        """The next change, waiting at most ``timeout`` seconds (``TimeoutError`` then);
        ``StopIteration`` once the feed has ended."""
        try:
            item = self._changes.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"no change on {self.name!r} within {timeout} s") from None
        if item is _END or isinstance(item, BaseException):
            self._changes.put(item)  # every later call ends the same way
            if item is _END:
                raise StopIteration
            raise item
        return item

    def __iter__(self) -> ChangeFeed:
        return self

    def __next__(self) -> Change:
        return self.next()

    def close(self) -> None:
        """Closes the feed and its thread; iteration ends after the changes already received."""
        if self._thread.is_alive():
            try:
                self._loop.call_soon_threadsafe(self._closing.set)
            except RuntimeError:
                pass  # the loop finished between the check and the call: the feed is closed already
            self._thread.join(timeout=30)
        if not self._thread.is_alive() and not self._loop.is_closed():
            self._loop.close()

    def __enter__(self) -> ChangeFeed:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
