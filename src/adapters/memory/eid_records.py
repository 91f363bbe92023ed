from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EidJob:
    client_id: int
    service_id: int
    msisdn: str


class InMemoryEidRecords:
    """Jobs waiting to run; at most one per service, as the real queue's queueing lock allows."""

    def __init__(self) -> None:
        self.jobs: list[EidJob] = []

    async def record_later(self, *, client_id: int, service_id: int, msisdn: str) -> None:
        if not any(job.service_id == service_id for job in self.jobs):
            self.jobs.append(EidJob(client_id, service_id, msisdn))

    def take(self) -> list[EidJob]:
        jobs, self.jobs = self.jobs, []
        return jobs
