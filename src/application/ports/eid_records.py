"""Durable jobs that write a reissued eSIM's new EID to its billing service (a Postgres-backed queue in production).

One waiting job per service: a second reissue while one waits adds nothing (the job reads the line when it runs,
so it writes whichever EID the line has by then). Errors: `UpstreamUnavailableError` when the queue cannot be reached.
"""

from __future__ import annotations

from typing import Protocol


class EidRecords(Protocol):
    async def record_later(self, *, client_id: int, service_id: int, msisdn: str) -> None:
        """Queue the write of the line's EID to the service's EID field, done once no reissue runs on the line."""
        ...
