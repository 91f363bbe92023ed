"""The dashboard answers whatever its sources do: a failing or slow source makes only its own part "unavailable"
(no value, never an old one), the others stay "current", and tasks come from current parts only, in priority."""

from __future__ import annotations

import asyncio
import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

import pytest

from adapters.memory.clock import FrozenClock
from adapters.memory.notifications import InMemoryNotifications
from application.billing.list_subscriptions import SubscriptionList
from application.dashboard.facts import AccountFacts, TaskType
from application.dashboard.get_dashboard import DashboardSources, GetDashboard
from application.eligibility.views import EligibilityView
from application.errors import UpstreamUnavailableError
from application.identity.linked_customer import LinkedCustomer
from application.orders.views import OrderSummary
from application.ports.billing.invoices import InvoicePage, InvoiceSummary
from application.ports.identity_documents import VerificationState
from application.ports.notifications import NotificationDraft, NotificationKind

NOW = dt.datetime(2026, 11, 2, 1, 0, tzinfo=dt.UTC)
HANAKO = LinkedCustomer(user_id=uuid.uuid4(), whmcs_client_id=1, sf_account_id="001RO0000000001YAA", sf_contact_id=None)


def invoice(number: int, *, overdue: bool, due: dt.date, total: str) -> InvoiceSummary:
    return InvoiceSummary(
        id=number, number=f"INV-{number}", client_id=1, status="Unpaid", overdue=overdue, date=due, due_date=due,
        paid_date=None, subtotal=Decimal(total), credit=Decimal(0), tax=Decimal(0), tax2=Decimal(0),
        total=Decimal(total), payment_method="stripe", currency_code="JPY",
    )  # fmt: skip


def order(number: str, *, activation: str | None, error: str | None = None, status: str = "Processed") -> OrderSummary:
    return OrderSummary(
        id=f"801{number}", order_number=number, order_type="SIM", status=status, total_amount=Decimal(1),
        activation_status=activation, error_code=error, created_at=NOW, item_count=2,
    )  # fmt: skip


class Source:
    """One source of the dashboard: answers `value`, raises `error`, or takes `delay` seconds."""

    def __init__(self, value: Any, error: Exception | None = None, delay: float = 0.0) -> None:
        self.value, self.error, self.delay = value, error, delay

    async def execute(self, *_: Any, **__: Any) -> Any:
        await asyncio.sleep(self.delay)
        if self.error is not None:
            raise self.error
        return self.value

    async def read(self, *_: Any) -> Any:
        return await self.execute()


def dashboard(clock: FrozenClock, inbox: InMemoryNotifications, **changed: Source) -> GetDashboard:
    sources: dict[str, Any] = {
        "invoices": Source(
            InvoicePage(
                items=(
                    invoice(5, overdue=False, due=dt.date(2026, 11, 30), total="4800"),
                    invoice(6, overdue=True, due=dt.date(2026, 10, 31), total="2480"),
                ),
                total=2,
                offset=0,
                limit=100,
            )
        ),
        "subscriptions": Source(SubscriptionList(services=(), currency_code="JPY")),
        "payment_methods": Source(()),
        "eligibility": Source(EligibilityView(status="Pending", offering_type=None, checked_at=None, notes=None)),
        "orders": Source(
            (
                order("00000101", activation="Activating"),
                order("00000102", activation="Failed", error="PAYMENT_METHOD_MISSING"),
                order("00000103", activation="Activated"),
            )
        ),
        "cases": Source(()),
        "account": Source(AccountFacts(portal_status="Not Yet")),
        "verification": Source(VerificationState(status="Rejected", rejection_reason="The photo is blurred")),
        "inbox": inbox,
    }
    sources.update(changed)
    return GetDashboard(DashboardSources(**sources), clock)


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock(NOW)


async def test_every_part_current_and_the_tasks_in_priority_order(clock: FrozenClock) -> None:
    inbox = InMemoryNotifications(clock)
    approved = NotificationKind.ORDER_APPROVED
    title = "Order 00000101 was approved"
    await inbox.record(
        NotificationDraft(
            sf_account_id=HANAKO.sf_account_id, kind=approved, source_id="80100000101", title=title, body=""
        )
    )
    result = await dashboard(clock, inbox).execute(HANAKO)

    assert result.unpaid.state == "current"
    unpaid = result.unpaid.current
    assert unpaid is not None
    assert (unpaid.count, unpaid.overdue_count, unpaid.total) == (2, 1, Decimal(7280))
    assert unpaid.next_due is not None
    assert unpaid.next_due.number == "INV-6"  # the overdue one first
    assert result.payment_methods.current == 0
    assert [a.title for a in result.recent_activity.current or ()] == ["Order 00000101 was approved"]
    assert [(t.type, t.ref) for t in result.tasks] == [
        (TaskType.INVOICE_OVERDUE, "6"),
        (TaskType.ADD_PAYMENT_METHOD, None),
        (TaskType.ORDER_STOPPED, "80100000102"),
        (TaskType.VERIFICATION_REJECTED, None),
        (TaskType.ONBOARDING_UNFINISHED, None),
        (TaskType.ELIGIBILITY_PENDING, None),
        (TaskType.ORDER_IN_PROGRESS, "80100000101"),
    ]
    assert [t.priority for t in result.tasks] == sorted(t.priority for t in result.tasks)
    rejected = next(t for t in result.tasks if t.type is TaskType.VERIFICATION_REJECTED)
    assert rejected.title == "Resubmit your ID: The photo is blurred"
    assert (result.verification.current.status, result.verification.current.rejection_reason) == (  # type: ignore[union-attr]
        "Rejected",
        "The photo is blurred",
    )


@pytest.mark.parametrize(
    ("status", "task", "title"),
    [
        ("Not Submitted", TaskType.VERIFICATION_NEEDED, "Submit your ID (needed for SIM orders)"),
        ("Pending", TaskType.VERIFICATION_UNDER_REVIEW, "Your ID is under review"),
        ("Rejected", TaskType.VERIFICATION_REJECTED, "Resubmit your ID: the document could not be read"),
        ("Verified", None, None),
    ],
)
async def test_the_verification_task_follows_the_status(
    clock: FrozenClock, status: str, task: TaskType | None, title: str | None
) -> None:
    verification = Source(VerificationState(status=status))  # type: ignore[arg-type]
    result = await dashboard(clock, InMemoryNotifications(clock), verification=verification).execute(HANAKO)
    found = [(t.type, t.title) for t in result.tasks if t.type.value.startswith("VERIFICATION")]
    assert found == ([(task, title)] if task else [])


@pytest.mark.parametrize(
    "failing", ["invoices", "payment_methods", "orders", "account", "eligibility", "cases", "verification"]
)
async def test_a_failing_source_makes_only_its_part_unavailable_and_adds_no_task(
    clock: FrozenClock, failing: str
) -> None:
    broken = Source(None, error=UpstreamUnavailableError("billing"))
    result = await dashboard(clock, InMemoryNotifications(clock), **{failing: broken}).execute(HANAKO)
    parts = {
        "invoices": result.unpaid, "payment_methods": result.payment_methods, "orders": result.orders,
        "account": result.account, "eligibility": result.eligibility, "cases": result.open_cases,
        "verification": result.verification,
    }  # fmt: skip
    assert parts.pop(failing).state == "unavailable"
    assert all(p.state == "current" for p in parts.values())
    caused_by = {
        "invoices": {TaskType.INVOICE_OVERDUE}, "payment_methods": {TaskType.ADD_PAYMENT_METHOD},
        "orders": {TaskType.ORDER_STOPPED, TaskType.ORDER_IN_PROGRESS}, "account": {TaskType.ONBOARDING_UNFINISHED},
        "eligibility": {TaskType.ELIGIBILITY_PENDING}, "cases": set(), "verification": {TaskType.VERIFICATION_REJECTED},
    }  # fmt: skip
    assert not caused_by[failing] & {t.type for t in result.tasks}


async def test_a_slow_source_is_unavailable_after_the_budget_and_never_delays_the_answer_longer(
    clock: FrozenClock,
) -> None:
    use_case = dashboard(clock, InMemoryNotifications(clock), cases=Source((), delay=5))
    use_case.budget_seconds = 0.05
    started = asyncio.get_running_loop().time()
    result = await use_case.execute(HANAKO)
    assert asyncio.get_running_loop().time() - started < 1
    assert (result.open_cases.state, result.open_cases.current) == ("unavailable", None)
    assert result.unpaid.state == "current"


async def test_an_unexpected_failure_is_contained_too(clock: FrozenClock) -> None:
    result = await dashboard(clock, InMemoryNotifications(clock), orders=Source(None, error=KeyError("x"))).execute(
        HANAKO
    )
    assert result.orders.state == "unavailable"
