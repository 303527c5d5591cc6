"""Fixtures for the SDK's tests, which run against a real ProximaDB server: its URL is in
PROXIMA_URL (PythonSdkTest starts one; by hand, ``./proxima serve --port 7781`` and
``PROXIMA_URL=http://127.0.0.1:7781``). Collection names start with ``python_`` and a random part so
that suites and runs can share a server."""

from __future__ import annotations

import os
import sys
import uuid
from pathlib import Path
from typing import Iterator

import pytest

# Tests import the package from the source tree unless it is installed.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from proximadb import Client, NotFound  # noqa: E402


@pytest.fixture(scope="session")
def url() -> str:
    value = os.environ.get("PROXIMA_URL")
    if not value:
        pytest.fail("PROXIMA_URL is not set: start a server (./proxima serve --port 7781) and "
                    "export PROXIMA_URL=http://127.0.0.1:7781", pytrace=False)
    return value.rstrip("/")


@pytest.fixture()
def db(url: str) -> Iterator[Client]:
    with Client(url, timeout=30) as client:
        yield client


@pytest.fixture()
def unique_name(db: Client) -> Iterator[str]:
    """A fresh collection name, dropped after the test if it exists then."""
    name = "python_t_" + uuid.uuid4().hex[:12]
    yield name
    try:
        db.drop_collection(name)
    except NotFound:
        pass
