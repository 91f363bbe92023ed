"""The one `admin_action` line an operator's action leaves."""

from __future__ import annotations

from typing import Any

import pytest


def admin_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [
        {"action": r.action, "outcome": r.outcome, **{k: v for k, v in vars(r).items() if k in FIELDS}}  # type: ignore[attr-defined]
        for r in caplog.records
        if r.name == "portal.admin" and r.getMessage() == "admin_action"
    ]


FIELDS = ("account", "order_id", "onboarding_id", "msisdn", "reason", "channel", "leader", "model", "entity",
          "cache_entries", "error_code")  # fmt: skip
