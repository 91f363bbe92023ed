"""What the dashboard's parts hold: plain values taken from the read models and caches."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from enum import StrEnum

import msgspec


class NextInvoice(msgspec.Struct, frozen=True, kw_only=True):
    id: int
    number: str
    due_date: dt.date
    total: Decimal
    currency: str
    overdue: bool


class Unpaid(msgspec.Struct, frozen=True, kw_only=True):
    count: int
    overdue_count: int
    total: Decimal
    currency: str
    next_due: NextInvoice | None  # the earliest due (an overdue one first)


class OrderRef(msgspec.Struct, frozen=True, kw_only=True):
    id: str
    order_number: str
    error_code: str | None


class OrderProgress(msgspec.Struct, frozen=True, kw_only=True):
    in_progress: tuple[OrderRef, ...]  # placed, approved or activating
    stopped: tuple[OrderRef, ...]  # fulfilment stopped with a code (e.g. PAYMENT_METHOD_MISSING)


class Activity(msgspec.Struct, frozen=True, kw_only=True):
    kind: str
    title: str
    at: dt.datetime
    source_id: str


class EligibilityFacts(msgspec.Struct, frozen=True, kw_only=True):
    status: str
    offering_type: str | None


class AccountFacts(msgspec.Struct, frozen=True, kw_only=True):
    """From the CRM account (cached briefly: the dashboard never waits on the CRM when it answered recently)."""

    portal_status: str | None  # "Active" once onboarding finished


class VerificationFacts(msgspec.Struct, frozen=True, kw_only=True):
    """From the verification read model (refreshed by the CRM's event when staff decide)."""

    status: str  # Not Submitted / Pending / Verified / Rejected
    rejection_reason: str | None


class TaskType(StrEnum):
    INVOICE_OVERDUE = "INVOICE_OVERDUE"
    ADD_PAYMENT_METHOD = "ADD_PAYMENT_METHOD"
    ORDER_STOPPED = "ORDER_STOPPED"
    VERIFICATION_REJECTED = "VERIFICATION_REJECTED"  # resubmit, with the reason
    INVOICE_DUE = "INVOICE_DUE"
    ONBOARDING_UNFINISHED = "ONBOARDING_UNFINISHED"
    VERIFICATION_NEEDED = "VERIFICATION_NEEDED"  # never submitted: SIM orders need it
    ELIGIBILITY_PENDING = "ELIGIBILITY_PENDING"
    VERIFICATION_UNDER_REVIEW = "VERIFICATION_UNDER_REVIEW"  # nothing to do but wait
    ORDER_IN_PROGRESS = "ORDER_IN_PROGRESS"


PRIORITY = {kind: rank for rank, kind in enumerate(TaskType, start=1)}  # the declaration order above


class Task(msgspec.Struct, frozen=True, kw_only=True):
    type: TaskType
    priority: int  # 1 first
    title: str
    ref: str | None  # the invoice or order it is about
