from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TopUpJob:
    top_up_id: str
    msisdn: str
    delay_seconds: float = 0


class InMemoryTopUpQueue:
    """Jobs waiting to run; at most one per top-up, as the real queue's queueing lock allows."""

    def __init__(self) -> None:
        self.jobs: list[TopUpJob] = []

    async def enqueue(self, top_up_id: str, *, msisdn: str, delay_seconds: float = 0) -> bool:
        if any(job.top_up_id == top_up_id for job in self.jobs):
            return False
        self.jobs.append(TopUpJob(top_up_id, msisdn, delay_seconds))
        return True

    def take(self) -> list[TopUpJob]:
        jobs, self.jobs = self.jobs, []
        return jobs
