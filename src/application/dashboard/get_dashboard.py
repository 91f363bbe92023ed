"""`GET /api/me/status`: the customer's dashboard in one answer, each part from its read model or cache.

Every part is read concurrently within a budget; a part whose source fails or is slow is "unavailable" (no
value), the others stay "current". Nothing here raises an outage: the dashboard is always answered.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar

from application.billing.list_invoices import MAX_PAGE_SIZE, ListInvoices
from application.billing.list_payment_methods import ListPaymentMethods
from application.billing.list_subscriptions import ListSubscriptions
from application.dashboard.account_facts import AccountFactsReader
from application.dashboard.facts import (
    AccountFacts,
    Activity,
    EligibilityFacts,
    NextInvoice,
    OrderProgress,
    OrderRef,
    Task,
    Unpaid,
    VerificationFacts,
)
from application.dashboard.parts import Part, part
from application.dashboard.tasks import tasks_from
from application.eligibility.get_eligibility import GetEligibility
from application.errors import Raises
from application.identity.linked_customer import LinkedCustomer
from application.orders.queries import ListOrders
from application.orders.views import OrderSummary
from application.ports.billing.invoices import InvoiceSummary
from application.ports.clock import Clock
from application.ports.notifications import NotificationInbox
from application.support.list_cases import ListCases
from application.verification.get_verification import GetVerification
from domain.orders.activation import ACTIVATED, FAILED

PART_BUDGET_SECONDS = 1.5  # a part slower than this is shown unavailable; the dashboard answers in ~this at worst
RECENT_ACTIVITY = 5
CLOSED_ORDER_STATUSES = frozenset({"Cancelled", "Closed"})


@dataclass(frozen=True, slots=True, kw_only=True)
class Dashboard:
    as_of: dt.datetime
    active_services: Part[int]
    unpaid: Part[Unpaid]
    open_cases: Part[int]
    recent_activity: Part[tuple[Activity, ...]]
    eligibility: Part[EligibilityFacts]
    account: Part[AccountFacts]
    verification: Part[VerificationFacts]
    payment_methods: Part[int]
    orders: Part[OrderProgress]
    tasks: tuple[Task, ...]


@dataclass(frozen=True, slots=True)
class DashboardSources:
    invoices: ListInvoices
    subscriptions: ListSubscriptions
    payment_methods: ListPaymentMethods
    eligibility: GetEligibility
    orders: ListOrders
    cases: ListCases
    account: AccountFactsReader
    inbox: NotificationInbox
    verification: GetVerification


class GetDashboard:
    raises: ClassVar[Raises] = ()

    def __init__(self, sources: DashboardSources, clock: Clock) -> None:
        self._sources = sources
        self._clock = clock
        self.budget_seconds = PART_BUDGET_SECONDS

    async def execute(self, customer: LinkedCustomer) -> Dashboard:
        s, budget = self._sources, self.budget_seconds

        async def services() -> int:
            return sum(
                1 for service in (await s.subscriptions.execute(customer)).services if service.status == "Active"
            )

        async def unpaid() -> Unpaid:
            page = await s.invoices.execute(customer, status="Unpaid", limit=MAX_PAGE_SIZE)
            return unpaid_of(page.items)

        async def cases() -> int:
            return sum(1 for case in await s.cases.execute(customer) if not case.is_closed)

        async def activity() -> tuple[Activity, ...]:
            page = await s.inbox.page(customer.sf_account_id, before=None, limit=RECENT_ACTIVITY)
            return tuple(
                Activity(kind=n.kind.value, title=n.title, at=n.created_at, source_id=n.source_id) for n in page.items
            )

        async def eligibility() -> EligibilityFacts:
            view = await s.eligibility.execute(customer)
            return EligibilityFacts(status=view.status, offering_type=view.offering_type)

        async def verification() -> VerificationFacts:
            state = await s.verification.execute(customer)
            return VerificationFacts(status=state.status, rejection_reason=state.rejection_reason)

        async def methods() -> int:
            return len(await s.payment_methods.execute(customer))

        async def orders() -> OrderProgress:
            return progress_of(await s.orders.execute(customer))

        async with asyncio.TaskGroup() as reads:  # concurrently; `part` never raises
            active = reads.create_task(part("active_services", services, budget_seconds=budget))
            owed = reads.create_task(part("unpaid", unpaid, budget_seconds=budget))
            open_cases = reads.create_task(part("open_cases", cases, budget_seconds=budget))
            recent = reads.create_task(part("recent_activity", activity, budget_seconds=budget))
            eligible = reads.create_task(part("eligibility", eligibility, budget_seconds=budget))
            account = reads.create_task(part("account", lambda: s.account.read(customer), budget_seconds=budget))
            verified = reads.create_task(part("verification", verification, budget_seconds=budget))
            pay_methods = reads.create_task(part("payment_methods", methods, budget_seconds=budget))
            progress = reads.create_task(part("orders", orders, budget_seconds=budget))
        tasks = tasks_from(
            unpaid=owed.result().current,
            payment_methods=pay_methods.result().current,
            orders=progress.result().current,
            account=account.result().current,
            eligibility=eligible.result().current,
            verification=verified.result().current,
        )
        return Dashboard(
            as_of=self._clock.now(),
            active_services=active.result(),
            unpaid=owed.result(),
            open_cases=open_cases.result(),
            recent_activity=recent.result(),
            eligibility=eligible.result(),
            account=account.result(),
            verification=verified.result(),
            payment_methods=pay_methods.result(),
            orders=progress.result(),
            tasks=tasks,
        )


def unpaid_of(invoices: tuple[InvoiceSummary, ...]) -> Unpaid:
    currency = invoices[0].currency_code if invoices else "JPY"
    first = min(invoices, key=lambda i: (not i.overdue, i.due_date), default=None)
    next_due = None
    if first is not None:
        next_due = NextInvoice(
            id=first.id, number=first.number, due_date=first.due_date, total=first.total,
            currency=first.currency_code, overdue=first.overdue,
        )  # fmt: skip
    return Unpaid(
        count=len(invoices),
        overdue_count=sum(1 for i in invoices if i.overdue),
        total=sum((i.total for i in invoices), Decimal(0)),
        currency=currency,
        next_due=next_due,
    )


def progress_of(orders: tuple[OrderSummary, ...]) -> OrderProgress:
    def ref(order: OrderSummary) -> OrderRef:
        return OrderRef(id=order.id, order_number=order.order_number, error_code=order.error_code)

    open_orders = [o for o in orders if o.status not in CLOSED_ORDER_STATUSES and o.activation_status != ACTIVATED]
    return OrderProgress(
        in_progress=tuple(ref(o) for o in open_orders if o.activation_status != FAILED),
        stopped=tuple(ref(o) for o in open_orders if o.activation_status == FAILED),
    )
