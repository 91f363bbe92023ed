from __future__ import annotations

from datetime import datetime
from typing import Protocol


class Clock(Protocol):
    """Injected wherever time matters, so TTLs and expiry are tested exactly instead of slept."""

    def now(self) -> datetime:
        """Timezone-aware current time."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never goes backwards (durations, timeouts)."""
        ...
