"""numpy arrays as vectors: 1-D for one, 2-D for a batch, float32 included."""

from __future__ import annotations

import numpy as np
import pytest

from proximadb import Client


@pytest.fixture()
def docs(db: Client, unique_name: str):
    return db.create_collection(unique_name, dimension=4, metric="dot")


def test_upsert_and_search_with_arrays(docs) -> None:
    rng = np.random.default_rng(7)
    vectors = rng.standard_normal((300, 4)).astype(np.float32)
    ids = [f"n{i}" for i in range(300)]
    assert docs.upsert(ids=ids, vectors=vectors) == 300
    assert docs.upsert({"id": "one", "vector": np.array([1, 0, 0, 0], dtype=np.float32)}) == 1

    stored = docs.get("n17").vector
    np.testing.assert_array_equal(np.array(stored, dtype=np.float32), vectors[17])

    query = vectors[42]
    scores = vectors.astype(np.float64) @ query.astype(np.float64)
    order = np.argsort(-scores, kind="stable")[:5]
    hits = docs.search(query, k=5)
    assert [h.id for h in hits] == [ids[i] for i in order]
    assert [h.score for h in hits] == pytest.approx(scores[order].tolist(), rel=1e-5)

    batch = docs.search_batch(vectors[:10], k=1)
    best = np.argmax(vectors[:10].astype(np.float64) @ vectors.astype(np.float64).T, axis=1)
    assert [hits[0].id for hits in batch] == [ids[i] for i in best]


def test_bulk_upsert_from_a_2d_array(docs) -> None:
    vectors = np.arange(5_000 * 4, dtype=np.float64).reshape(5_000, 4)
    assert docs.bulk_upsert(ids=[str(i) for i in range(5_000)], vectors=vectors, batch_size=700) == 5_000
    assert docs.get("4999").vector == vectors[4999].tolist()


def test_wrong_shapes_are_refused(docs) -> None:
    with pytest.raises(ValueError, match="1-D"):
        docs.search(np.zeros((2, 4)))
    with pytest.raises(ValueError, match="2-D"):
        docs.upsert(ids=["a"], vectors=np.zeros(4))
    with pytest.raises(ValueError, match="vectors: 2 given for 1 ids"):
        docs.upsert(ids=["a"], vectors=np.zeros((2, 4)))
