"""What a customer is told when an order or the Internet eligibility reaches a state worth telling.

Source ids follow the original portal: an order's notifications use the CRM order id, so the change consumer and
the worker can both notify the same thing (whoever is first stores it, the other is a no-op). A failure's source
also names its code: the same failure redelivered notifies once, a different failure after a re-run notifies again.
Texts never name an internal system (the customer message of an error code, not the agent's).
"""

from __future__ import annotations

from application.ports.crm_models import InternetEligibility
from application.ports.notifications import NotificationDraft, NotificationKind
from application.ports.order_desk import Order
from domain.orders.activation import ACTIVATED, FAILED, awaits_fulfilment
from domain.orders.fulfilment_errors import customer_message

DECIDED = ("Eligible", "Not Eligible")


def order_notice(order: Order, *, trigger_statuses: tuple[str, ...]) -> NotificationDraft | None:
    if order.activation_status == ACTIVATED:
        return activation_notice(order)
    if order.activation_status == FAILED:
        return failure_notice(order, order.activation_error_code or "UNKNOWN")
    if awaits_fulfilment(
        status=order.status,
        activation_status=order.activation_status,
        whmcs_order_id=order.whmcs_order_id,
        trigger_statuses=trigger_statuses,
    ):
        body = "We are setting it up now and will tell you when it is active."
        title = f"Order {order.order_number} was approved"
        return _order(order, NotificationKind.ORDER_APPROVED, order.id, title, body)
    return None


def failure_notice(order: Order, code: str) -> NotificationDraft:
    """The worker's, when it stops fulfilment: the CRM write-back that the consumer would notify from may fail."""
    title = f"Order {order.order_number} needs attention"
    return _order(order, NotificationKind.ORDER_FAILED, f"{order.id}:{code}", title, customer_message(code) or "")


def activation_notice(order: Order) -> NotificationDraft:
    return _order(order, NotificationKind.ORDER_ACTIVATED, order.id, f"Order {order.order_number} is active", "Enjoy!")


def eligibility_notice(eligibility: InternetEligibility, *, event_id: str) -> NotificationDraft | None:
    """A decision (eligible or not); the source is the decision's time when the CRM states it, so another event
    about the same decision does not notify again."""
    if eligibility.status not in DECIDED:
        return None
    decided = eligibility.checked_at.isoformat() if eligibility.checked_at else event_id
    if eligibility.status == "Eligible":
        title = "You can order fibre Internet"
        body = f"Your address is eligible for {eligibility.offering_type or 'our Internet plans'}."
    else:
        title = "Fibre Internet is not available at your address"
        body = eligibility.notes or "Contact us to talk about the options."
    return NotificationDraft(
        sf_account_id=eligibility.account_id,
        kind=NotificationKind.ELIGIBILITY_DECIDED,
        source_id=f"{eligibility.status}@{decided}",
        title=title,
        body=body,
    )


def _order(order: Order, kind: NotificationKind, source_id: str, title: str, body: str) -> NotificationDraft:
    return NotificationDraft(sf_account_id=order.account_id, kind=kind, source_id=source_id, title=title, body=body)
