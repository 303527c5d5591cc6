"""Records against the real server: upsert one, a batch, in bulk; get; delete by ids and by filter."""

from __future__ import annotations

import pytest

from proximadb import Client, InvalidArgument, NotFound, Record


@pytest.fixture()
def docs(db: Client, unique_name: str):
    return db.create_collection(unique_name, dimension=3, metric="l2")


def test_upsert_one_and_get(docs) -> None:
    assert docs.upsert({"id": "a", "vector": [1.0, 2.0, 3.0], "metadata": {"lang": "en", "n": [1, 2]}}) == 1
    record = docs.get("a")
    assert record == Record(id="a", vector=[1.0, 2.0, 3.0], metadata={"lang": "en", "n": [1, 2]})
    assert record.expires_at is None


def test_upsert_batch_replaces_and_counts(docs) -> None:
    batch = [{"id": f"r{i}", "vector": [float(i), 0.0, 0.0]} for i in range(50)]
    assert docs.upsert(batch) == 50
    assert docs.upsert({"id": "r7", "vector": [7.0, 7.0, 7.0], "metadata": {"v": 2}}) == 1
    assert docs.get("r7").vector == [7.0, 7.0, 7.0]
    assert docs.describe().live_records == 50


def test_upsert_record_objects_and_parallel_lists(docs) -> None:
    assert docs.upsert([Record("x", [0.5, 0.5, 0.5], {"k": "v"})]) == 1
    assert docs.upsert(ids=["p", "q"], vectors=[[1, 2, 3], [4, 5, 6]], metadata=[{"i": 1}, None]) == 2
    assert docs.get("x").metadata == {"k": "v"}
    assert docs.get("p").metadata == {"i": 1} and docs.get("q").metadata == {}


def test_ttl_sets_expires_at(docs) -> None:
    docs.upsert({"id": "t", "vector": [1, 1, 1], "ttl_seconds": 3600})
    expires_at = docs.get("t").expires_at
    assert expires_at is not None and expires_at.endswith("Z")


def test_ids_are_percent_encoded(docs) -> None:
    odd = "doc/1?x=%20&y#z é"
    docs.upsert({"id": odd, "vector": [1, 2, 3]})
    assert docs.get(odd).id == odd
    assert docs.delete(odd) == 1
    with pytest.raises(NotFound):
        docs.get(odd)


def test_batch_is_atomic(docs) -> None:
    with pytest.raises(InvalidArgument) as raised:
        docs.upsert([{"id": "ok", "vector": [1, 2, 3]}, {"id": "bad", "vector": [1, 2]}])
    assert "'bad' has dimension 2" in raised.value.message
    with pytest.raises(NotFound):
        docs.get("ok")


def test_client_side_refusals_name_the_problem(docs) -> None:
    with pytest.raises(ValueError, match=r"records\[0\]: unknown fields \['meta'\]"):
        docs.upsert([{"id": "a", "vector": [1, 2, 3], "meta": {}}])
    with pytest.raises(TypeError, match=r"records\[0\].vector\[1\]"):
        docs.upsert([{"id": "a", "vector": [1, "2", 3]}])
    with pytest.raises(ValueError, match="either ids or filter"):
        docs.delete()


def test_delete_by_ids_and_by_filter(docs) -> None:
    docs.upsert([{"id": f"r{i}", "vector": [float(i), 0, 0], "metadata": {"year": 2000 + i}} for i in range(10)])
    assert docs.delete(["r0", "r1", "absent"]) == 3  # the server counts the ids given
    assert docs.delete(filter={"year": {"$gte": 2007}}) == 3
    assert docs.describe().live_records == 5
    assert sorted(h.id for h in docs.search([0, 0, 0], k=10)) == ["r2", "r3", "r4", "r5", "r6"]
    with pytest.raises(InvalidArgument):
        docs.delete(filter={})  # the server refuses the empty filter


def test_bulk_upsert_many_in_concurrent_batches(docs, capsys) -> None:
    n = 23_456
    records = ({"id": f"b{i}", "vector": [float(i % 97), float(i % 13), 1.0], "metadata": {"i": i}} for i in range(n))
    assert docs.bulk_upsert(records, batch_size=2_000, concurrency=3, progress=True, total=n) == n
    assert docs.describe().live_records == n
    assert docs.get("b12345").metadata == {"i": 12345}
    assert "23456/23456" in capsys.readouterr().err  # tqdm's bar, on stderr


def test_bulk_upsert_stops_at_a_failing_batch(docs) -> None:
    def records():
        for i in range(5_000):
            yield {"id": f"f{i}", "vector": [1.0, 2.0] if i == 2_500 else [1.0, 2.0, 3.0]}

    with pytest.raises(InvalidArgument, match="dimension"):
        docs.bulk_upsert(records(), batch_size=1_000, concurrency=1)
    # Batches before the failing one were written, the failing one was not (each batch is atomic).
    assert docs.describe().live_records == 2_000
