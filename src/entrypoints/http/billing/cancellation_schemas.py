"""Cancellations on the wire: dates ISO 8601 (the service's last day), moments with their offset."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from application.cancellations.view import CancellationStatus, CancellationView
from entrypoints.http.billing.invoice_schemas import View

LineReturnAnswer = Literal["ship_back", "collection", "nothing_rented"]
CancellationStateName = Literal["scheduled", "withdrawing", "withdrawn", "confirmed", "completed", "needs_staff"]


class CancellationRequestBody(View):
    end_date: dt.date  # one of `endDates` from GET .../cancellation: the last day of a month
    moving: bool = False  # the customer is moving house (recorded for staff)
    # Internet only, required there: how the rented ONU/router come back. Ignored for a SIM.
    line_return: LineReturnAnswer | None = None


class CancellationOut(View):
    id: str
    subscription_id: int
    kind: Literal["internet", "sim"]
    state: CancellationStateName
    end_date: dt.date
    withdrawable_until: dt.datetime  # the cut-off (exclusive)
    withdrawable: bool
    moving: bool
    line_return: LineReturnAnswer | None
    requested_at: dt.datetime
    withdrawn_at: dt.datetime | None


class EndDateOut(View):
    end_date: dt.date
    withdrawable_until: dt.datetime


class CancellationStatusOut(View):
    subscription_id: int
    kind: Literal["internet", "sim"]
    current: CancellationOut | None
    end_dates: list[EndDateOut]  # what a request may choose now; empty while a cancellation holds the service


def cancellation_out(view: CancellationView) -> CancellationOut:
    return CancellationOut(
        id=view.id,
        subscription_id=view.subscription_id,
        kind=view.kind,  # type: ignore[arg-type]
        state=view.state,  # type: ignore[arg-type]
        end_date=view.end_date,
        withdrawable_until=view.withdrawable_until,
        withdrawable=view.withdrawable,
        moving=view.moving,
        line_return=view.line_return,  # type: ignore[arg-type]
        requested_at=view.requested_at,
        withdrawn_at=view.withdrawn_at,
    )


def cancellation_status_out(status: CancellationStatus) -> CancellationStatusOut:
    return CancellationStatusOut(
        subscription_id=status.subscription_id,
        kind=status.kind,  # type: ignore[arg-type]
        current=cancellation_out(status.current) if status.current else None,
        end_dates=[EndDateOut(end_date=o.end_date, withdrawable_until=o.withdrawable_until) for o in status.end_dates],
    )


class CancellationSummaryOut(View):
    """The cancellation shown on the subscription and SIM views (the full resource: `.../cancellation`)."""

    id: str
    state: CancellationStateName
    end_date: dt.date
    withdrawable_until: dt.datetime
    withdrawable: bool


def cancellation_summary(view: CancellationView | None) -> CancellationSummaryOut | None:
    if view is None:
        return None
    return CancellationSummaryOut(
        id=view.id,
        state=view.state,  # type: ignore[arg-type]
        end_date=view.end_date,
        withdrawable_until=view.withdrawable_until,
        withdrawable=view.withdrawable,
    )
