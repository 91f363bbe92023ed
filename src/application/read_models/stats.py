"""Counters of one read model in this process (the health endpoint and /metrics read them)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ReadModelStats:
    family: str
    hits: int = 0  # answered from the store (or this process's copy of it)
    local_hits: int = 0  # answered from this process's verified copy, without the store (the catalog's hot path)
    misses: int = 0  # the current version was not in the store
    fills: int = 0  # loads from the system of record stored as the current version
    refused_fills: int = 0  # loads that an invalidation overtook: not stored
    live_reads: int = 0  # loads served without the store (store down, or a filler that took too long)
    store_errors: int = 0
    last_fill_seconds: float | None = None
