"""Twins of the cancellation ports: the records (as Postgres keeps them), the queue, and the CRM's side."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import datetime

import msgspec

from adapters.memory.crm_data import InMemoryCrmData, to_18
from application.errors import NotFoundError
from application.ports.cancellation_records import CancellationChangedError, CancellationExistsError
from application.ports.crm_cancellations import CancellationFields
from domain.cancellation.cancellation import Cancellation, CancellationKind


class InMemoryCancellationRecords:
    """Copies in and out, as a database would; the same uniqueness and version rules as the Postgres table."""

    def __init__(self) -> None:
        self.records: dict[str, Cancellation] = {}

    async def get(self, cancellation_id: str) -> Cancellation | None:
        found = self.records.get(cancellation_id)
        return copy.deepcopy(found) if found else None

    async def begin(self, cancellation: Cancellation) -> Cancellation:
        for existing in self.records.values():
            if (existing.user_id, existing.idempotency_key) == (cancellation.user_id, cancellation.idempotency_key):
                return copy.deepcopy(existing)
        if any(c.service_id == cancellation.service_id and c.state.holds_the_service for c in self.records.values()):
            raise CancellationExistsError()
        self.records[cancellation.id] = copy.deepcopy(cancellation)
        return copy.deepcopy(cancellation)

    async def save(self, cancellation: Cancellation) -> None:
        stored = self.records.get(cancellation.id)
        if stored is None:
            raise NotFoundError("No such cancellation.")
        if stored.version != cancellation.version:
            raise CancellationChangedError()
        cancellation.version += 1
        self.records[cancellation.id] = copy.deepcopy(cancellation)

    async def holding(self, client_id: int, service_id: int) -> Cancellation | None:
        for c in self.records.values():
            if (c.client_id, c.service_id) == (client_id, service_id) and c.state.holds_the_service:
                return copy.deepcopy(c)
        return None

    async def scheduled_change(self, sim_id: int) -> str | None:
        held = any(c.service_id == sim_id and c.state.holds_the_service for c in self.records.values())
        return "cancellation" if held else None

    async def due(self, *, now: datetime, idle_since: datetime, limit: int = 100) -> tuple[str, ...]:
        due = [
            c
            for c in self.records.values()
            if not c.state.finished and c.due_at is not None and c.due_at <= now and c.updated_at <= idle_since
        ]
        return tuple(c.id for c in sorted(due, key=lambda c: c.updated_at)[:limit])


@dataclass(frozen=True)
class CancellationJob:
    cancellation_id: str
    delay_seconds: float = 0


class InMemoryCancellationQueue:
    """Jobs waiting to run; at most one per cancellation, as the real queue's queueing lock allows."""

    def __init__(self) -> None:
        self.jobs: list[CancellationJob] = []

    async def enqueue(self, cancellation_id: str, *, delay_seconds: float = 0) -> bool:
        if any(job.cancellation_id == cancellation_id for job in self.jobs):
            return False
        self.jobs.append(CancellationJob(cancellation_id, delay_seconds))
        return True

    def take(self) -> list[CancellationJob]:
        jobs, self.jobs = self.jobs, []
        return jobs


@dataclass
class ServiceOpportunity:
    account_id: str
    service_id: int
    name: str
    fields: dict[str, str | None] = field(default_factory=dict)


class InMemoryCancellationCrm:
    """The Opportunity's cancellation fields and the Case's closing, on the shared in-memory CRM."""

    def __init__(self, data: InMemoryCrmData) -> None:
        self._data = data
        self.opportunities: dict[str, ServiceOpportunity] = {}
        self.calls: list[str] = []

    def seed(self, account_id: str, service_id: int, name: str) -> str:
        opportunity_id = self._data.new_id("006")
        self.opportunities[opportunity_id] = ServiceOpportunity(account_id, service_id, name)
        return opportunity_id

    async def find_service_opportunity(self, account_id: str, service_id: int) -> str | None:
        self._enter("find_service_opportunity")
        for opportunity_id, o in self.opportunities.items():
            if (o.account_id, o.service_id) == (account_id, service_id):
                return opportunity_id
        return None

    async def create_service_opportunity(
        self, account_id: str, service_id: int, name: str, kind: CancellationKind
    ) -> str:
        self._enter("create_service_opportunity")
        return self.seed(account_id, service_id, name)

    async def record_cancellation(self, opportunity_id: str, fields: CancellationFields) -> None:
        self._enter("record_cancellation")
        self._opportunity(opportunity_id).fields.update(
            {"kind": fields.kind.value, "end_date": fields.end_date.isoformat(), "moving": str(fields.moving)}
            | ({"line_return": fields.line_return.value} if fields.line_return else {})
        )

    async def clear_cancellation(self, opportunity_id: str, kind: CancellationKind) -> None:
        self._enter("clear_cancellation")
        self._opportunity(opportunity_id).fields.clear()

    async def find_case(self, account_id: str, request_key: str) -> str | None:
        self._enter("find_case")
        for case_id, stored in self._data.cases.items():
            if stored.account_id == account_id and stored.request_key == request_key:
                return case_id
        return None

    async def close_case(self, account_id: str, case_id: str) -> None:
        self._enter("close_case")
        stored = self._data.cases.get(to_18(case_id))
        if stored is None or stored.account_id != account_id:
            raise NotFoundError("Case not found.")
        stored.case = msgspec.structs.replace(stored.case, status="Closed", is_closed=True)

    def _opportunity(self, opportunity_id: str) -> ServiceOpportunity:
        found = self.opportunities.get(opportunity_id)
        if found is None:
            raise NotFoundError("Opportunity not found.")
        return found

    def _enter(self, operation: str) -> None:
        self.calls.append(operation)
        self._data.check_failure()
