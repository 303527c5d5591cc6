"""When to try a request again, and how long to wait first.

The server answers 429 ``rate_limited`` and 503 ``unavailable`` (database opening, server
stopping) with ``Retry-After``; both are safe to repeat because the request was not carried out.
A refused connection is too (nothing was sent). Other failures, including timeouts, are not retried:
a write that timed out may have happened.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from datetime import datetime, timezone

RETRYABLE_STATUS = frozenset({429, 503})


@dataclass(frozen=True, slots=True)
class Backoff:
    """Exponential backoff with jitter: attempt ``n`` (0-based) waits a random time between half and
    all of ``min(cap, base * 2**n)`` seconds, unless the server said how long with ``Retry-After``,
    which is honoured (up to ``max_retry_after``)."""

    retries: int = 3
    base: float = 0.2
    cap: float = 10.0
    max_retry_after: float = 60.0

    def delay(self, attempt: int, retry_after: str | None, rng: random.Random | None = None) -> float:
        told = parse_retry_after(retry_after)
        if told is not None:
            return min(told, self.max_retry_after)
        ceiling = min(self.cap, self.base * (2 ** attempt))
        # "Equal jitter": never less than half the step, so clients spread out but still back off.
        return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


def parse_retry_after(value: str | None) -> float | None:
    """Seconds from a ``Retry-After`` header: delta-seconds or an HTTP date; ``None`` if absent or unreadable."""
    if value is None:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
