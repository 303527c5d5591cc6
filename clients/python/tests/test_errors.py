"""The server's errors become typed exceptions carrying its code, message, request id and status."""

from __future__ import annotations

import pytest

from proximadb import (Client, ConnectionFailed, InvalidArgument, NotFound, PermissionDenied, ProximaError,
                       RateLimited, Unauthenticated, Unavailable)
from proximadb.errors import error_from_response


def test_not_found_carries_code_message_request_id_status(db: Client) -> None:
    with pytest.raises(NotFound) as raised:
        db.describe_collection("python_no_such_collection")
    error = raised.value
    assert isinstance(error, ProximaError)
    assert error.code == "not_found" and error.status == 404
    assert "python_no_such_collection" in error.message and "does not exist" in error.message
    assert error.request_id and len(error.request_id) >= 8
    assert str(error).startswith("not_found: ") and error.request_id in str(error)


def test_invalid_argument_names_the_field(db: Client, unique_name: str) -> None:
    docs = db.create_collection(unique_name, dimension=3, metric="l2")
    with pytest.raises(InvalidArgument) as raised:
        docs.upsert([{"id": "a", "vector": [1.0, 2.0, 3.0]}, {"id": "b", "vector": [1.0, 2.0]}])
    assert raised.value.code == "invalid_argument" and raised.value.status == 400
    assert "'b' has dimension 2" in raised.value.message and "expects 3" in raised.value.message
    with pytest.raises(ValueError, match=r"records\[0\].vector\[1\]: nan is not a finite number"):
        docs.upsert({"id": "a", "vector": [1.0, float("nan"), 3.0]})  # JSON cannot carry it: refused here


def test_unreachable_server_is_connection_failed() -> None:
    with Client("http://127.0.0.1:9", retries=1, timeout=2) as client:
        with pytest.raises(ConnectionFailed) as raised:
            client.list_collections()
    assert raised.value.code == "connection_failed" and raised.value.status is None


@pytest.mark.parametrize("code,status,kind", [
    ("permission_denied", 403, PermissionDenied), ("rate_limited", 429, RateLimited),
    ("unavailable", 503, Unavailable), ("unauthenticated", 401, Unauthenticated)])
def test_every_code_has_its_class(code: str, status: int, kind: type) -> None:
    body = ('{"error": {"code": "%s", "message": "m", "request_id": "r1"}}' % code).encode()
    error = error_from_response(status, body, {"x-request-id": "r1"})
    assert type(error) is kind and (error.code, error.message, error.request_id, error.status) == (code, "m", "r1", status)


def test_an_answer_without_error_body_is_typed_by_status() -> None:
    error = error_from_response(503, b"<html>bad gateway</html>", {"x-request-id": "r2"})
    assert type(error) is Unavailable and error.code == "unavailable" and "bad gateway" in error.message
