"""Search against the real server: k, filter, include, per-query params, batches."""

from __future__ import annotations

import pytest

from proximadb import Client, InvalidArgument


@pytest.fixture()
def docs(db: Client, unique_name: str):
    docs = db.create_collection(unique_name, dimension=2, metric="l2", index="hnsw")
    docs.upsert([{"id": f"p{i}", "vector": [float(i), 0.0], "metadata": {"even": i % 2 == 0, "i": i}}
                 for i in range(100)])
    return docs


def test_k_nearest_best_first_with_distances(docs) -> None:
    hits = docs.search([10.2, 0.0], k=3)
    assert [h.id for h in hits] == ["p10", "p11", "p9"]
    assert [h.score for h in hits] == pytest.approx([0.2, 0.8, 1.2], abs=1e-4)


def test_include_defaults_to_metadata(docs) -> None:
    hit = docs.search([3.0, 0.0], k=1)[0]
    assert hit.metadata == {"even": False, "i": 3} and hit.vector is None
    bare = docs.search([3.0, 0.0], k=1, include=())[0]
    assert bare.metadata is None and bare.vector is None
    both = docs.search([3.0, 0.0], k=1, include=["metadata", "vector"])[0]
    assert both.vector == [3.0, 0.0] and both.metadata is not None
    with pytest.raises(ValueError, match="include"):
        docs.search([3.0, 0.0], include=["score"])


def test_filter(docs) -> None:
    hits = docs.search([50.0, 0.0], k=4, filter={"even": True, "i": {"$lt": 50}})
    assert [h.id for h in hits] == ["p48", "p46", "p44", "p42"]
    with pytest.raises(InvalidArgument):
        docs.search([50.0, 0.0], filter={"i": {"$nope": 1}})


def test_per_query_params_go_to_the_index(docs) -> None:
    assert [h.id for h in docs.search([20.0, 0.0], k=3, ef=8)] == ["p20", "p19", "p21"]  # ties by id
    assert len(docs.search([20.0, 0.0], k=5, params={"ef": 200})) == 5
    with pytest.raises(InvalidArgument, match="nprobe"):
        docs.search([20.0, 0.0], nprobe=4)  # hnsw has no nprobe: the server says which names it knows


def test_search_batch_of_vectors_and_of_queries(docs) -> None:
    results = docs.search_batch([[0.0, 0.0], [99.0, 0.0]], k=2)
    assert [[h.id for h in hits] for hits in results] == [["p0", "p1"], ["p99", "p98"]]
    mixed = docs.search_batch([{"vector": [5.0, 0.0], "k": 1}, {"vector": [5.0, 0.0], "filter": {"even": True}}], k=2)
    assert [[h.id for h in hits] for hits in mixed] == [["p5"], ["p4", "p6"]]


def test_search_batch_over_the_request_limit_is_split(docs) -> None:
    queries = [[float(i % 100), 0.0] for i in range(2_345)]
    results = docs.search_batch(queries, k=1, include=())
    assert len(results) == 2_345
    assert all(hits[0].id == f"p{i % 100}" for i, hits in enumerate(results))
