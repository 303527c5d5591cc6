"""What both clients share about talking HTTP: headers, URLs and mapping transport failures."""

from __future__ import annotations

from typing import Any

import httpx

from .errors import ConnectionFailed, ProximaError, Timeout

USER_AGENT = "proximadb-python/0.1.0"


def headers(api_key: str | None) -> dict[str, str]:
    out = {"User-Agent": USER_AGENT, "Accept": "application/json"}
    if api_key is not None:
        if not api_key or any(c.isspace() for c in api_key):
            raise ValueError("api_key: must be a non-empty key without spaces (pxk_<id>_<secret>)")
        out["Authorization"] = "Bearer " + api_key
    return out


def base_url(url: str) -> str:
    url = url.rstrip("/")
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"url: expected http://host:port or https://..., got {url!r}")
    return url


def timeout(value: float | None) -> httpx.Timeout:
    if value is not None and value <= 0:
        raise ValueError(f"timeout: {value} is not a positive number of seconds (None waits forever)")
    return httpx.Timeout(value)


def transport_error(error: httpx.TransportError, method: str, path: str) -> ProximaError:
    if isinstance(error, httpx.TimeoutException):
        return Timeout("timeout", f"{method} {path} did not complete in time: {error}")
    return ConnectionFailed("connection_failed", f"{method} {path} could not reach the server: {error}")


def retryable_transport(error: httpx.TransportError) -> bool:
    # Only a refused connection is certain to have sent nothing; a read timeout may follow a write.
    return isinstance(error, httpx.ConnectError)


def body_json(response: httpx.Response) -> Any:
    return response.json() if response.content else None
