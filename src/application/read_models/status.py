"""What a read model tells the cache health about itself: a small protocol each read model implements.

The generic health use case collects every provider of `ReportsStatus`, so a new read model shows up in the
report (and in /metrics) by being provided, without the health code knowing it.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

import msgspec

from application.read_models.stats import ReadModelStats


class StoredDocument(msgspec.Struct, frozen=True, kw_only=True):
    """What the store holds now of a read model kept as one document."""

    present: bool
    version: str | None
    etags: dict[str, str] | None = None  # per document of the build, when it holds several
    built_at: datetime | None = None
    build_seconds: float | None = None


class ReportsStatus(Protocol):
    @property
    def stats(self) -> ReadModelStats:
        """This process's counters of the model (no I/O)."""
        ...

    async def stored_document(self) -> StoredDocument | None:
        """The model's document in the store; None for a model of one document per account (nothing single to
        report). Raises `UpstreamUnavailableError` when the store does not answer."""
        ...
