"""Codes of service cancellation (Internet and SIM lines)."""

from __future__ import annotations

from entrypoints.http.problem_types.row import ProblemType

CANCELLATIONS: dict[str, ProblemType] = {
    "CANCELLATION_NOT_OFFERED": ProblemType(
        "Cancellation not offered here",
        "Only Internet lines and SIM lines are cancelled in the portal; installation instalments, add-ons and VPN "
        "end through support. Nothing was changed (422).",
    ),
    "SUBSCRIPTION_NOT_ACTIVE": ProblemType(
        "Subscription not active", "Only an active service can be cancelled. Nothing was changed (409)."
    ),
    "CANCELLATION_DATE_NOT_ALLOWED": ProblemType(
        "End date not offered",
        "A service ends on the last day of a month, and a month-end can be chosen only before its cut-off (the end "
        "of the 25th, Tokyo time). Choose one of the `endDates` the cancellation resource lists. Nothing was "
        "changed (422).",
    ),
    "LINE_RETURN_REQUIRED": ProblemType(
        "Equipment return answer missing",
        "Cancelling an Internet line needs `lineReturn`: how the rented ONU and router come back (ship_back, "
        "collection or nothing_rented). Nothing was changed (422).",
    ),
    "CANCELLATION_ALREADY_REQUESTED": ProblemType(
        "Cancellation already requested",
        "The service already has a cancellation (or one is being withdrawn right now). Withdraw it first to choose "
        "another date. Nothing was changed (409).",
    ),
    "CANCELLATION_FINAL": ProblemType(
        "Cancellation can no longer be withdrawn",
        "The cancellation is past its cut-off: billing has been told and the end of the service is being arranged. "
        "Contact support if something is wrong (409).",
    ),
    "CANCELLATION_CHANGED": ProblemType(
        "Cancellation changed meanwhile",
        "The cancellation changed while the request was handled; read it again and retry (409).",
    ),
}
