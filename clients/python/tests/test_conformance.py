"""The conformance scenario (clients/conformance/scenario.json, path in PROXIMA_SCENARIO), shared by
every SDK: each step runs with this SDK's verbs against the real server, and its result or error is
checked as the scenario's ``checks`` describe. Collection names get the prefix ``python_``.

Every step runs even after one fails, and the test then fails listing each mismatch with its step,
what was expected and what came back, so a wrong expectation in the shared file is easy to report."""

from __future__ import annotations

import dataclasses
import json
import math
import os
from pathlib import Path
from typing import Any, Callable

import pytest

from proximadb import Client, NotFound, ProximaError
from proximadb.errors import error_for

PREFIX = "python_"
SCORE_TOLERANCE = 1e-5


def scenario() -> dict[str, Any]:
    path = os.environ.get("PROXIMA_SCENARIO") or str(Path(__file__).resolve().parents[2] / "conformance" / "scenario.json")
    return json.loads(Path(path).read_text(encoding="utf-8"))


def plain(value: Any) -> Any:
    """A result as JSON-like data: dataclasses as dicts, lists of them as lists."""
    if dataclasses.is_dataclass(value):
        return dataclasses.asdict(value)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def run(db: Client, op: str, collection: str | None, args: dict[str, Any]) -> Any:
    """One step with the SDK's verbs; the result in the scenario's vocabulary."""
    handle = db.collection(PREFIX + collection) if collection is not None else None
    if op == "create_collection":
        created = db.create_collection(PREFIX + args["name"], args["dimension"], args["metric"], index=args.get("index"))
        return plain(created.info)
    if op == "list_collections":
        return [c.name for c in db.list_collections()]
    if handle is None:
        raise AssertionError(f"op {op} needs a collection")
    if op == "describe_collection":
        return plain(handle.describe())
    if op == "drop_collection":
        return handle.drop()
    if op == "upsert":
        return {"upserted": handle.upsert(args["records"])}
    if op == "get":
        return plain(handle.get(args["id"]))
    if op == "delete":
        return {"deleted": handle.delete(args.get("ids"), filter=args.get("filter"))}
    if op == "search":
        # include exactly as the scenario says (none when absent, as the server's default), so that
        # every SDK sends the same request.
        return plain(handle.search(args["vector"], args.get("k", 10), filter=args.get("filter"),
                                   include=args.get("include", ())))
    if op == "search_batch":
        return plain(handle.search_batch(args["queries"], include=()))
    raise AssertionError(f"the scenario has an operation this runner does not know: {op}")


def hits_field(result: Any, field: str) -> Any:
    if result and isinstance(result[0], list):  # search_batch: one list of hits per query
        return [[hit[field] for hit in hits] for hits in result]
    return [hit[field] for hit in result]


def close(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(close(x, y) for x, y in zip(a, b))
    return isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, rel_tol=0, abs_tol=SCORE_TOLERANCE)


def check(expect: dict[str, Any], result: Any) -> list[str]:
    """The mismatches between a result and the step's ``expect``."""
    problems = []
    checks: dict[str, Callable[[Any], None]] = {}

    def ids(wanted: Any) -> None:
        if hits_field(result, "id") != wanted:
            problems.append(f"ids: expected {wanted}, got {hits_field(result, 'id')}")

    def scores(wanted: Any) -> None:
        if not close(hits_field(result, "score"), wanted):
            problems.append(f"scores: expected {wanted} (within {SCORE_TOLERANCE}), got {hits_field(result, 'score')}")

    def metadata(wanted: Any) -> None:
        if hits_field(result, "metadata") != wanted:
            problems.append(f"metadata: expected {wanted}, got {hits_field(result, 'metadata')}")

    def fields(wanted: dict[str, Any]) -> None:
        for key, value in wanted.items():
            if key == "name":
                value = PREFIX + value
            if not isinstance(result, dict) or key not in result:
                problems.append(f"fields.{key}: expected {value!r}, the result has no such field: {result!r}")
            elif result[key] != value:
                problems.append(f"fields.{key}: expected {value!r}, got {result[key]!r}")

    def names_include(wanted: list[str]) -> None:
        missing = [n for n in wanted if PREFIX + n not in result]
        if missing:
            problems.append(f"names_include: {[PREFIX + n for n in missing]} missing from {result}")

    def names_exclude(wanted: list[str]) -> None:
        present = [PREFIX + n for n in wanted if PREFIX + n in result]
        if present:
            problems.append(f"names_exclude: {present} present in {result}")

    checks.update(ids=ids, scores=scores, metadata=metadata, fields=fields, names_include=names_include,
                  names_exclude=names_exclude)
    for name, wanted in expect.items():
        if name not in checks:
            problems.append(f"the scenario has a check this runner does not know: {name}")
        else:
            checks[name](wanted)
    return problems


def check_error(expect: dict[str, Any], error: ProximaError) -> list[str]:
    problems = []
    if error.code != expect["code"]:
        problems.append(f"code: expected {expect['code']!r}, got {error.code!r}")
    if error.status != expect["status"]:
        problems.append(f"status: expected {expect['status']}, got {error.status}")
    if expect.get("message", "") not in error.message:
        problems.append(f"message: expected to contain {expect['message']!r}, got {error.message!r}")
    expected_class = type(error_for(expect["code"], "", None, None))
    if type(error) is not expected_class:
        problems.append(f"exception: expected {expected_class.__name__}, got {type(error).__name__}")
    if not error.request_id:
        problems.append("request_id: missing")
    return problems


def test_conformance_scenario(db: Client) -> None:
    spec = scenario()
    steps = spec["steps"]
    assert steps, "the scenario has no steps"
    # A run that failed half-way may have left its collections behind.
    for name in {s.get("collection") or s.get("args", {}).get("name") for s in steps} - {None}:
        try:
            db.drop_collection(PREFIX + name)
        except NotFound:
            pass

    failures = []
    for number, step in enumerate(steps):
        label = f"step {number} ({step['op']} {step.get('collection') or step.get('args', {}).get('name') or ''})".strip()
        try:
            result = run(db, step["op"], step.get("collection"), step.get("args", {}))
        except ProximaError as error:
            if "expect_error" in step:
                failures += [f"{label}: {p}" for p in check_error(step["expect_error"], error)]
            else:
                failures.append(f"{label}: expected success, got {error!r}")
            continue
        if "expect_error" in step:
            failures.append(f"{label}: expected error {step['expect_error']}, got result {result!r}")
        elif "expect" in step:
            failures += [f"{label}: {p}" for p in check(step["expect"], result)]

    if failures:
        pytest.fail("conformance scenario mismatches:\n" + "\n".join(failures), pytrace=False)
