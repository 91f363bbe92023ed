from __future__ import annotations

import msgspec


class NotificationPolicy(msgspec.Struct, frozen=True, kw_only=True):
    # Kept this long, read or not, then purged by the worker (hourly): long enough to cover any order's journey
    # and its first invoices; the systems of record keep the history itself.
    retention_days: int = 180
    page_size: int = 20
    max_page_size: int = 100
