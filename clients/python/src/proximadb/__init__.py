"""ProximaDB's Python SDK: a client for the server's REST API and its change feed.

>>> from proximadb import Client
>>> db = Client("http://127.0.0.1:7700")
>>> docs = db.create_collection("docs", dimension=3, metric="cosine")
"""

from ._retry import Backoff
from .aio import AsyncClient, AsyncCollection
from .changes import AsyncChangeFeed, ChangeFeed
from .client import Client, Collection
from .errors import (AlreadyExists, ChangesLost, ConnectionFailed, InternalError, InvalidArgument,
                     MethodNotAllowed, NotFound, PayloadTooLarge, PermissionDenied, PluginUnavailable,
                     ProximaError, RateLimited, StorageFailure, Timeout, Unauthenticated, Unavailable,
                     UnsupportedMediaType)
from .models import Change, CollectionInfo, Hit, Record, StorageStats

__version__ = "0.1.0"

__all__ = [
    "AlreadyExists", "AsyncChangeFeed", "AsyncClient", "AsyncCollection", "Backoff", "Change", "ChangeFeed",
    "ChangesLost", "Client", "Collection", "CollectionInfo", "ConnectionFailed", "Hit", "InternalError",
    "InvalidArgument", "MethodNotAllowed", "NotFound", "PayloadTooLarge", "PermissionDenied",
    "PluginUnavailable", "ProximaError", "RateLimited", "Record", "StorageFailure", "StorageStats", "Timeout",
    "Unauthenticated", "Unavailable", "UnsupportedMediaType", "__version__",
]
