from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import msgspec


class AttemptTaken(msgspec.Struct, frozen=True, kw_only=True):
    allowed: bool
    ticket: str = ""  # what `give_back` needs to remove this attempt again
    retry_after_seconds: int = 0  # when refused: until the oldest counted attempt leaves the window


class AttemptCounter(Protocol):
    """Attempts at an action that checks a secret, counted *before* the secret is checked, shared by every process.

    Counting first is what makes a limit hold under concurrency: thirty simultaneous guesses cannot all pass a
    "how many so far?" check before any of them is counted.
    """

    async def take(self, counters: Sequence[str], *, limit: int, window_seconds: int) -> AttemptTaken:
        """Atomically over all `counters`: when none holds `limit` attempts of the last `window_seconds`, record
        one attempt on each; otherwise record nothing and refuse."""
        ...

    async def give_back(self, counters: Sequence[str], ticket: str) -> None:
        """Remove a taken attempt (a success should not use up the allowance). Unknown tickets are ignored."""
        ...
