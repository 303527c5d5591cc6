"""The server's errors as typed exceptions.

Every non-2xx answer of the server has the body ``{"error": {"code", "message", "request_id"}}``
(docs/server.md, *Errors*); :func:`error_from_response` turns it into the subclass of
:class:`ProximaError` that its ``code`` names, so callers can ``except NotFound`` rather than compare
strings. Failures that never reached the server (a timeout, a refused connection) are
:class:`ProximaError` subclasses too, with ``status`` ``None``.
"""

from __future__ import annotations

import json
from typing import Mapping


class ProximaError(Exception):
    """An error answered by the server, or a request that could not be completed.

    Attributes:
        code: the server's error code (``not_found``, ``invalid_argument``...), or ``timeout`` /
            ``connection_failed`` / ``unknown`` for failures the server did not describe.
        message: the server's message, which names the field or the thing that was wrong.
        request_id: the request's id (``X-Request-Id``), the key to the server's access log.
        status: the HTTP status, ``None`` if no answer came.
    """

    code: str
    message: str
    request_id: str | None
    status: int | None

    def __init__(self, code: str, message: str, request_id: str | None = None,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.request_id = request_id
        self.status = status

    def __str__(self) -> str:
        where = f"HTTP {self.status}" if self.status is not None else "no answer"
        rid = f", request {self.request_id}" if self.request_id else ""
        return f"{self.code}: {self.message} ({where}{rid})"

    def __repr__(self) -> str:
        return (f"{type(self).__name__}(code={self.code!r}, message={self.message!r}, "
                f"request_id={self.request_id!r}, status={self.status})")


class InvalidArgument(ProximaError):
    """400 ``invalid_argument``: the request was malformed; nothing was changed."""


class PluginUnavailable(InvalidArgument):
    """400 ``plugin_unavailable``: the collection names a plugin this server does not have."""


class Unauthenticated(ProximaError):
    """401 ``unauthenticated``: no API key, or a malformed, unknown or revoked one."""


class PermissionDenied(ProximaError):
    """403 ``permission_denied``: the key's role may not do this."""


class NotFound(ProximaError):
    """404 ``not_found``: unknown collection, record or endpoint."""


class MethodNotAllowed(ProximaError):
    """405 ``method_not_allowed``."""


class AlreadyExists(ProximaError):
    """409 ``already_exists``: a collection of that name exists."""


class PayloadTooLarge(ProximaError):
    """413 ``payload_too_large``: the body is over the server's ``--max-body-bytes``."""


class UnsupportedMediaType(ProximaError):
    """415 ``unsupported_media_type``."""


class RateLimited(ProximaError):
    """429 ``rate_limited``, raised once the client's retries are used up."""


class StorageFailure(ProximaError):
    """500 ``storage_failure``: an I/O failure in the engine; the operation may not have happened."""


class InternalError(ProximaError):
    """500 ``internal``: a bug in the server; its log has the details under the request id."""


class Unavailable(ProximaError):
    """503 ``unavailable`` (database opening or server stopping), raised once retries are used up."""


class Timeout(ProximaError):
    """The request did not complete within the client's timeout (``code`` ``timeout``)."""


class ConnectionFailed(ProximaError):
    """The server could not be reached (``code`` ``connection_failed``)."""


class ChangesLost(ProximaError):
    """The change feed was closed with code 4000: this reader fell too far behind and changes were
    lost; reconnect and read the collection again."""


_BY_CODE: Mapping[str, type[ProximaError]] = {
    "invalid_argument": InvalidArgument,
    "plugin_unavailable": PluginUnavailable,
    "unauthenticated": Unauthenticated,
    "permission_denied": PermissionDenied,
    "not_found": NotFound,
    "method_not_allowed": MethodNotAllowed,
    "already_exists": AlreadyExists,
    "payload_too_large": PayloadTooLarge,
    "unsupported_media_type": UnsupportedMediaType,
    "rate_limited": RateLimited,
    "storage_failure": StorageFailure,
    "internal": InternalError,
    "unavailable": Unavailable,
}

# Used when an answer has no error body the client can read (a proxy's page, a WebSocket refusal).
_CODE_BY_STATUS: Mapping[int, str] = {
    400: "invalid_argument", 401: "unauthenticated", 403: "permission_denied", 404: "not_found",
    405: "method_not_allowed", 409: "already_exists", 413: "payload_too_large",
    415: "unsupported_media_type", 429: "rate_limited", 500: "internal", 503: "unavailable",
}


def error_for(code: str, message: str, request_id: str | None, status: int | None) -> ProximaError:
    """The exception of the class that ``code`` names (the base class for a code not known here)."""
    return _BY_CODE.get(code, ProximaError)(code, message, request_id, status)


def error_from_response(status: int, body: bytes, headers: Mapping[str, str]) -> ProximaError:
    """The typed exception for a non-2xx answer, from its JSON error body when it has one."""
    request_id = headers.get("x-request-id")
    try:
        error = json.loads(body)["error"]
        return error_for(str(error["code"]), str(error["message"]),
                         error.get("request_id") or request_id, status)
    except (ValueError, KeyError, TypeError):
        text = body.decode("utf-8", "replace").strip()[:200] or "no error body"
        return error_from_status(status, f"HTTP {status}: {text}", request_id)


def error_from_status(status: int, message: str, request_id: str | None) -> ProximaError:
    """The typed exception for a status whose answer carried no readable error body."""
    return error_for(_CODE_BY_STATUS.get(status, "unknown"), message, request_id, status)
