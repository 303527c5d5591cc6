"""Vectors as the API wants them (JSON lists of numbers), from lists, tuples or numpy arrays.

numpy is optional: it is never imported here; an array is recognised by its ``tolist`` method,
which also turns ``float32`` items into Python floats that JSON can write.
"""

from __future__ import annotations

import math
from typing import Any, Sequence


def vector(value: Any, where: str = "vector") -> list[float]:
    """One vector as a list of floats; refuses anything that is not a flat sequence of numbers."""
    if hasattr(value, "tolist") and hasattr(value, "ndim"):
        if value.ndim != 1:
            raise ValueError(f"{where}: expected a 1-D array, got {value.ndim} dimensions")
        out = value.tolist()
    elif isinstance(value, (str, bytes)) or not isinstance(value, Sequence):
        raise TypeError(f"{where}: expected a list of numbers or a 1-D numpy array, got {type(value).__name__}")
    else:
        out = list(value)
        for i, x in enumerate(out):
            if isinstance(x, bool) or not isinstance(x, (int, float)):
                raise TypeError(f"{where}[{i}]: expected a number, got {type(x).__name__}")
    # JSON has no NaN or infinity (Python's json would write them anyway, and the server would refuse
    # the whole body as malformed): refuse them here, naming the element.
    if not all(map(math.isfinite, out)):
        i = next(i for i, x in enumerate(out) if not math.isfinite(x))
        raise ValueError(f"{where}[{i}]: {out[i]} is not a finite number")
    return out


def vectors(values: Any, where: str = "vectors") -> list[list[float]]:
    """Many vectors, from a sequence of vectors or a 2-D numpy array."""
    if hasattr(values, "tolist") and hasattr(values, "ndim"):
        if values.ndim != 2:
            raise ValueError(f"{where}: expected a 2-D array (one row per vector), got {values.ndim} dimensions")
        return values.tolist()
    return [vector(v, f"{where}[{i}]") for i, v in enumerate(values)]


def is_vector(value: Any) -> bool:
    """Whether ``value`` looks like one vector (a 1-D array or a sequence of numbers), not a query."""
    if hasattr(value, "ndim"):
        return bool(value.ndim == 1)
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes))
