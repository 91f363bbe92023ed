"""The dashboard on the wire: every part carries `state` ("current" or "unavailable"); an unavailable part's
values are null or empty, never an old copy shown as if it were current."""

from __future__ import annotations

import datetime as dt
from typing import Literal

import msgspec

from application.dashboard.facts import NextInvoice, OrderRef, TaskType
from application.dashboard.get_dashboard import Dashboard
from application.dashboard.parts import Part
from entrypoints.http.money import Money, money

State = Literal["current", "unavailable"]


class CountPart(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    state: State
    count: int | None


class NextInvoiceOut(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    id: int
    number: str
    due_date: dt.date
    total: Money
    overdue: bool


class UnpaidPart(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    state: State
    count: int | None
    overdue_count: int | None
    total: Money | None
    next_due: NextInvoiceOut | None


class ActivityOut(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    kind: str
    title: str
    at: dt.datetime
    source_id: str


class ActivityPart(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    state: State
    items: list[ActivityOut]


class SummaryOut(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    active_services: CountPart
    unpaid_invoices: UnpaidPart
    open_cases: CountPart
    recent_activity: ActivityPart


class EligibilityPart(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    state: State
    status: str | None  # Not Requested / Pending / Eligible / Not Eligible
    offering_type: str | None


class VerificationPart(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    state: State
    status: str | None  # Not Submitted / Pending / Verified / Rejected
    rejection_reason: str | None = None  # why staff rejected it (Rejected only)


class PaymentMethodsPart(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    state: State
    total_count: int | None


class OnboardingPart(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    state: State
    finished: bool | None


class OrderRefOut(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    id: str
    order_number: str
    error_code: str | None


class OrdersPart(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    state: State
    in_progress: list[OrderRefOut]
    stopped: list[OrderRefOut]


class TaskOut(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    type: TaskType
    priority: int
    title: str
    ref: str | None


class MeStatusOut(msgspec.Struct, frozen=True, kw_only=True, rename="camel"):
    as_of: dt.datetime
    summary: SummaryOut
    internet_eligibility: EligibilityPart
    residence_card_verification: VerificationPart
    payment_methods: PaymentMethodsPart
    orders: OrdersPart
    onboarding: OnboardingPart
    tasks: list[TaskOut]


def _count(part: Part[int]) -> CountPart:
    return CountPart(state=part.state, count=part.current)


def _refs(refs: tuple[OrderRef, ...]) -> list[OrderRefOut]:
    return [OrderRefOut(id=r.id, order_number=r.order_number, error_code=r.error_code) for r in refs]


def _next_invoice(due: NextInvoice | None) -> NextInvoiceOut | None:
    if due is None:
        return None
    total = money(due.total, due.currency)
    return NextInvoiceOut(id=due.id, number=due.number, due_date=due.due_date, total=total, overdue=due.overdue)


def me_status_out(d: Dashboard) -> MeStatusOut:
    unpaid, account, eligibility, orders = d.unpaid.current, d.account.current, d.eligibility.current, d.orders.current
    verification = d.verification.current
    next_due = unpaid.next_due if unpaid else None
    return MeStatusOut(
        as_of=d.as_of,
        summary=SummaryOut(
            active_services=_count(d.active_services),
            unpaid_invoices=UnpaidPart(
                state=d.unpaid.state,
                count=unpaid.count if unpaid else None,
                overdue_count=unpaid.overdue_count if unpaid else None,
                total=money(unpaid.total, unpaid.currency) if unpaid else None,
                next_due=_next_invoice(next_due),
            ),
            open_cases=_count(d.open_cases),
            recent_activity=ActivityPart(
                state=d.recent_activity.state,
                items=[
                    ActivityOut(kind=a.kind, title=a.title, at=a.at, source_id=a.source_id)
                    for a in d.recent_activity.current or ()
                ],
            ),
        ),
        internet_eligibility=EligibilityPart(
            state=d.eligibility.state,
            status=eligibility.status if eligibility else None,
            offering_type=eligibility.offering_type if eligibility else None,
        ),
        residence_card_verification=VerificationPart(
            state=d.verification.state,
            status=verification.status if verification else None,
            rejection_reason=verification.rejection_reason if verification else None,
        ),
        payment_methods=PaymentMethodsPart(state=d.payment_methods.state, total_count=d.payment_methods.current),
        orders=OrdersPart(
            state=d.orders.state,
            in_progress=_refs(orders.in_progress) if orders else [],
            stopped=_refs(orders.stopped) if orders else [],
        ),
        onboarding=OnboardingPart(
            state=d.account.state, finished=(account.portal_status == "Active") if account else None
        ),
        tasks=[TaskOut(type=t.type, priority=t.priority, title=t.title, ref=t.ref) for t in d.tasks],
    )
