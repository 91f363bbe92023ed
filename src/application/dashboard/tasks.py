"""The prioritised task list, from the parts that are current only: an unavailable part adds no task (a task
from stale data could ask the customer to pay an invoice already paid)."""

from __future__ import annotations

from application.dashboard.facts import (
    PRIORITY,
    AccountFacts,
    EligibilityFacts,
    OrderProgress,
    Task,
    TaskType,
    Unpaid,
    VerificationFacts,
)


def tasks_from(
    *,
    unpaid: Unpaid | None,
    payment_methods: int | None,
    orders: OrderProgress | None,
    account: AccountFacts | None,
    eligibility: EligibilityFacts | None,
    verification: VerificationFacts | None,
) -> tuple[Task, ...]:
    found: list[tuple[TaskType, str, str | None]] = []
    if unpaid is not None and unpaid.next_due is not None:
        due = unpaid.next_due
        if unpaid.overdue_count:
            found.append((TaskType.INVOICE_OVERDUE, f"Invoice {due.number} is overdue", str(due.id)))
        else:
            found.append((TaskType.INVOICE_DUE, f"Invoice {due.number} is due on {due.due_date}", str(due.id)))
    if payment_methods == 0:
        found.append((TaskType.ADD_PAYMENT_METHOD, "Add a payment method", None))
    if orders is not None:
        for order in orders.stopped:
            found.append((TaskType.ORDER_STOPPED, f"Order {order.order_number} needs attention", order.id))
        for order in orders.in_progress:
            found.append((TaskType.ORDER_IN_PROGRESS, f"Order {order.order_number} is in progress", order.id))
    found += verification_tasks(verification)
    if account is not None and account.portal_status not in (None, "Active"):
        found.append((TaskType.ONBOARDING_UNFINISHED, "Finish setting up your account", None))
    if eligibility is not None and eligibility.status == "Pending":
        found.append((TaskType.ELIGIBILITY_PENDING, "We are checking Internet availability at your address", None))
    ranked = sorted(found, key=lambda task: PRIORITY[task[0]])
    return tuple(Task(type=kind, priority=PRIORITY[kind], title=title, ref=ref) for kind, title, ref in ranked)


def verification_tasks(verification: VerificationFacts | None) -> list[tuple[TaskType, str, str | None]]:
    if verification is None or verification.status == "Verified":
        return []
    if verification.status == "Rejected":
        reason = verification.rejection_reason or "the document could not be read"
        return [(TaskType.VERIFICATION_REJECTED, f"Resubmit your ID: {reason}", None)]
    if verification.status == "Pending":
        return [(TaskType.VERIFICATION_UNDER_REVIEW, "Your ID is under review", None)]
    return [(TaskType.VERIFICATION_NEEDED, "Submit your ID (needed for SIM orders)", None)]
