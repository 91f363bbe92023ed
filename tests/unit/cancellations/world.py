"""The cancellation use cases wired as the composition root wires them, on twins (the demo world), a frozen clock,
and ports that can be made to crash after a call (`Crash`)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from adapters.memory.cancellations import InMemoryCancellationCrm, InMemoryCancellationQueue
from adapters.memory.crm_cases import InMemoryCaseDesk
from adapters.memory.mail_outbox import InMemoryMailOutbox
from application.cancellations.get_cancellation import GetCancellation
from application.cancellations.policy import CancellationPolicy
from application.cancellations.request_cancellation import CancellationRequest, RequestCancellation
from application.cancellations.run_cancellation import RunCancellation, RunOutcome
from application.cancellations.services import CancellableServices
from application.cancellations.sweep_cancellations import SweepCancellations
from application.cancellations.view import CancellationView
from application.cancellations.withdraw_cancellation import WithdrawCancellation
from application.errors import UpstreamUnavailableError
from application.mail.mailer import Mailer
from application.ports.mail import Mail
from domain.cancellation.cancellation import Cancellation, LineReturn
from tests.unit.orders.world import Crashing, WorkerKilledError
from tests.unit.sims.world import HANAKO_INTERNET, HANAKO_MSISDN, HANAKO_SIM, SimWorld

NOV_30, DEC_31 = date(2026, 11, 30), date(2026, 12, 31)
__all__ = ["DEC_31", "HANAKO_INTERNET", "HANAKO_MSISDN", "HANAKO_SIM", "NOV_30", "CancellationWorld"]


class QueuedMail:
    async def enqueue(self, event_key: str) -> None:
        return None


class CountingCalls:
    """A port that counts the calls made to it (whatever they answered)."""

    def __init__(self, target: Any) -> None:
        self._target = target
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._target, name)
        if not callable(attribute):
            return attribute

        async def call(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(name)
            return await attribute(*args, **kwargs)

        return call


class CancellationWorld(SimWorld):
    def __init__(self) -> None:
        super().__init__()
        self.crm_cancellations = InMemoryCancellationCrm(self.crm)
        self.internet_opportunity = self.crm_cancellations.seed(self.hanako.sf_account_id, HANAKO_INTERNET, "Home")
        self.sim_opportunity = self.crm_cancellations.seed(self.hanako.sf_account_id, HANAKO_SIM, "SIM")
        self.cancel_queue = InMemoryCancellationQueue()
        self.outbox = InMemoryMailOutbox()
        self.policy_c = CancellationPolicy()
        self.counted_sims = CountingCalls(self.sims)
        self.case_desk = InMemoryCaseDesk(self.crm)

    def services(self) -> CancellableServices:
        return CancellableServices(self.billing.services, self.reads)

    def request(self) -> RequestCancellation:
        return RequestCancellation(
            self.services(), self.gate(), self.lines(), self.cancellations, self.cancel_queue, self.clock, self.policy_c
        )

    def withdraw(self) -> WithdrawCancellation:
        return WithdrawCancellation(self.services(), self.cancellations, self.cancel_queue, self.clock)

    def get(self) -> GetCancellation:
        return GetCancellation(self.services(), self.cancellations, self.clock, self.policy_c)

    def sweep_c(self) -> SweepCancellations:
        return SweepCancellations(self.cancellations, self.cancel_queue, self.clock, self.policy_c)

    def run(self) -> RunCancellation:
        def crashing(port: Any) -> Any:
            return Crashing(port, self.crashes)

        return RunCancellation(
            crashing(self.cancellations),
            crashing(self.crm_cancellations),
            crashing(self.case_desk),
            crashing(self.billing.cancel_requests),
            crashing(self.counted_sims),
            self.notifications,
            Mailer(self.outbox, QueuedMail(), self.clock),
            self.cancel_queue,
            self.reads,
            self.clock,
            self.policy_c,
        )

    async def ask(
        self,
        service_id: int = HANAKO_INTERNET,
        end: date = NOV_30,
        key: str = "key-1",
        line_return: LineReturn | None = LineReturn.SHIP_BACK,
        moving: bool = False,
    ) -> CancellationView:
        wanted = CancellationRequest(end_date=end, moving=moving, line_return=line_return)
        return await self.request().execute(self.hanako, "hanako.tanaka@example.jp", service_id, wanted, key)

    async def run_jobs(self, *, max_runs: int = 20) -> list[RunOutcome]:  # type: ignore[override]
        outcomes = []
        for _ in range(max_runs):
            jobs = self.cancel_queue.take()
            if not jobs:
                break
            for job in jobs:
                if job.delay_seconds:
                    self.clock.advance(job.delay_seconds)
                outcomes.append(await self.run().execute(job.cancellation_id))
        return outcomes

    async def run_until_settled(self, cancellation_id: str, *, tries: int = 6) -> RunOutcome | None:
        """The queue's retries: outages and killed workers are run again."""
        outcome = None
        for _ in range(tries):
            try:
                outcome = await self.run().execute(cancellation_id)
            except (WorkerKilledError, UpstreamUnavailableError):  # the queue hands the job out again
                continue
            break
        return outcome

    def travel_to(self, moment: datetime) -> None:
        self.clock.advance((moment - self.clock.now()).total_seconds())

    def record(self, cancellation_id: str) -> Cancellation:
        return self.cancellations.records[cancellation_id]

    # -- what the tests count -----------------------------------------------------------------------------

    def cases_for(self, cancellation_id: str) -> list[Any]:  # type: ignore[override]
        return [c for c in self.crm.cases.values() if c.request_key == f"portal-cancel:{cancellation_id}"]

    def whmcs_requests(self) -> int:
        return self.billing.world.calls.count("request_cancellation")

    def whmcs_has_request(self, service_id: int) -> bool:
        requests: dict[int, str] = self.billing.cancel_requests.requests  # type: ignore[attr-defined]
        return service_id in requests

    def freebit_cancels(self) -> int:
        return self.counted_sims.calls.count("cancel")

    def mails(self) -> list[Mail]:
        return [entry.mail for entry in self.outbox.entries.values()]
