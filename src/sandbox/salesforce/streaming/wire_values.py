"""Field values as Salesforce writes them into event payloads (JSON numbers for currency, ISO strings for dates)."""

from __future__ import annotations

import base64
import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any


def salesforce_datetime(moment: datetime) -> str:
    """`2026-01-09T18:31:40.517Z`: the one format platform events and CDC bodies use."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def epoch_millis(moment: datetime) -> int:
    return int(moment.timestamp() * 1000)


def wire_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return salesforce_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: wire_value(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [wire_value(item) for item in value]
    return value


def schema_id(channel: str) -> str:
    """A stable 22-character schema id per channel, shaped like Salesforce's (base64url of a digest)."""
    digest = hashlib.sha256(channel.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()[:22]
