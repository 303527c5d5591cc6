"""Collections against the real server: create (with plugins and options), list, describe, drop."""

from __future__ import annotations

import pytest

from proximadb import AlreadyExists, Client, CollectionInfo, InvalidArgument, NotFound, PluginUnavailable


def test_create_describe_list_drop(db: Client, unique_name: str) -> None:
    docs = db.create_collection(unique_name, dimension=4, metric="l2")
    assert docs.name == unique_name
    assert isinstance(docs.info, CollectionInfo)
    assert (docs.info.dimension, docs.info.metric, docs.info.live_records) == (4, "l2", 0)
    assert docs.info.index and docs.info.memtable and docs.info.wal
    assert docs.info.storage is not None and docs.info.storage.segments == 0

    assert unique_name in [c.name for c in db.list_collections()]
    described = db.describe_collection(unique_name)
    assert described.name == unique_name and described.dimension == 4

    docs.drop()
    assert unique_name not in [c.name for c in db.list_collections()]
    with pytest.raises(NotFound):
        db.describe_collection(unique_name)


def test_create_with_index_and_options(db: Client, unique_name: str) -> None:
    info = db.create_collection(unique_name, dimension=8, metric="dot", index="hnsw",
                                options={"index.m": 12, "index.ef_construction": "100"}).info
    assert info is not None
    assert info.index == "hnsw"
    assert info.options == {"index.m": "12", "index.ef_construction": "100"}


def test_list_is_sorted_by_name(db: Client, unique_name: str) -> None:
    for suffix in ("b", "a"):
        db.create_collection(unique_name + suffix, dimension=2, metric="l2")
    try:
        names = [c.name for c in db.list_collections()]
        assert names == sorted(names)
    finally:
        for suffix in ("a", "b"):
            db.drop_collection(unique_name + suffix)


def test_create_twice_is_already_exists(db: Client, unique_name: str) -> None:
    db.create_collection(unique_name, dimension=3, metric="cosine")
    with pytest.raises(AlreadyExists) as raised:
        db.create_collection(unique_name, dimension=3, metric="cosine")
    assert raised.value.code == "already_exists" and raised.value.status == 409
    assert "already exists" in raised.value.message and raised.value.request_id


def test_bad_arguments_are_invalid_argument(db: Client, unique_name: str) -> None:
    with pytest.raises(InvalidArgument, match="metric"):
        db.create_collection(unique_name, dimension=3, metric="hamming")
    with pytest.raises(InvalidArgument):
        db.create_collection("bad name!", dimension=3, metric="l2")
    with pytest.raises(InvalidArgument):
        db.create_collection(unique_name, dimension=0, metric="l2")


def test_unknown_plugin_is_plugin_unavailable(db: Client, unique_name: str) -> None:
    with pytest.raises(PluginUnavailable) as raised:
        db.create_collection(unique_name, dimension=3, metric="l2", index="no-such-index")
    assert raised.value.code == "plugin_unavailable" and raised.value.status == 400
    assert isinstance(raised.value, InvalidArgument)


def test_collection_handle_of_existing(db: Client, unique_name: str) -> None:
    db.create_collection(unique_name, dimension=2, metric="l2")
    handle = db.collection(unique_name)
    assert handle.info is None
    assert handle.describe().dimension == 2 and handle.info is not None
    with pytest.raises(NotFound, match="does not exist"):
        db.collection(unique_name + "x").describe()
