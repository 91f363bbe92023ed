"""What `portal admin` prints: rows as aligned text, or the results as JSON (`--json`) for scripts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from application.read_models.health import CacheHealth


def as_json(result: Any) -> str:
    return msgspec.json.encode(result).decode()


def as_text(result: Any) -> str:
    if isinstance(result, CacheHealth):
        return _health(result)
    rows = list(result) if isinstance(result, tuple) else [result]
    if not rows:
        return "(none)"
    table = [[_cell(value) for value in msgspec.structs.astuple(row)] for row in rows]
    header = [f.name for f in msgspec.structs.fields(rows[0])]
    return _aligned([header, *table])


def _health(report: CacheHealth) -> str:
    models = [["read model", "present", "version", "last rebuild"]] + [
        [m.name, _cell(m.present), _cell(m.version), _cell(m.last_rebuild_at)] for m in report.read_models
    ]
    channels = [["channel", "connected", "leader", "last replay id", "lag s", "applied", "resyncs"]] + [
        [
            c.channel,
            _cell(c.connected),
            _cell(c.leader),
            _cell(c.last_replay_id),
            _cell(c.lag_seconds),
            str(c.applied),
            str(c.resyncs),
        ]
        for c in report.channels
    ]
    store = "store: available" if report.store_available else "store: UNAVAILABLE"
    return "\n\n".join([store, _aligned(models), _aligned(channels) if report.channels else "(no channel reports)"])


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _aligned(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip() for row in rows
    )
