"""SIMs on the wire: quotas in MB (1 GB = 1,024 MB), dates ISO 8601, freshness as `asOf` + `maxAgeSeconds`."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

from application.sims.plan_change_view import PlanChangeView, PlanView
from application.sims.replacement_view import ReplacementView
from application.sims.top_up_view import TopUpView
from application.sims.views import SimDetails, SimUsage
from entrypoints.http.billing.cancellation_schemas import CancellationSummaryOut
from entrypoints.http.billing.invoice_schemas import View
from entrypoints.http.money import Money, money


class VoiceOptionsView(View):
    voice_mail: bool
    call_waiting: bool
    international_roaming: bool


class PendingChangeView(View):
    operation: str  # voice_options, cancel, add_quota, other...
    runs_on: dt.date


class PlanOut(View):
    sku: str
    name: str
    monthly_price: Money  # before tax


class PlanChangeOut(View):
    """A plan change the portal holds until its day (the first of a month, Tokyo time) and then applies."""

    id: str
    sim_id: int
    from_plan: PlanOut
    to_plan: PlanOut
    effective_on: dt.date
    cancellable_until: dt.datetime  # 00:00 Tokyo time on `effectiveOn`: from then on it is being applied
    cancellable: bool
    state: Literal["scheduled", "applying", "completed", "cancelled", "failed"]
    step: Literal["scheduled", "plan_changed", "product_changed", "case_opened"]
    error_code: str | None
    error_message: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


def _plan_out(plan: PlanView) -> PlanOut:
    return PlanOut(sku=plan.sku, name=plan.name, monthly_price=money(plan.monthly_price, "JPY"))


def plan_change_out(view: PlanChangeView) -> PlanChangeOut:
    return PlanChangeOut(
        id=view.id,
        sim_id=view.sim_id,
        from_plan=_plan_out(view.from_plan),
        to_plan=_plan_out(view.to_plan),
        effective_on=view.effective_on,
        cancellable_until=view.cancellable_until,
        cancellable=view.cancellable,
        state=view.state,  # type: ignore[arg-type]
        step=view.step,  # type: ignore[arg-type]
        error_code=view.error_code,
        error_message=view.error_message,
        created_at=view.created_at,
        updated_at=view.updated_at,
    )


class PlanChangeRequest(View, forbid_unknown_fields=True):
    """The plan to move to, by its catalog SKU (one of `GET /api/account/services/sim`'s plans or family plans)."""

    plan_sku: Annotated[str, msgspec.Meta(min_length=1, max_length=80)]


class ReplacementOut(View):
    """A new physical card for the line (same number): shipped, then activated by the customer when it arrives."""

    id: str
    sim_id: int
    reason: Literal["lost", "stolen", "damaged"]
    state: Literal["shipping", "activating", "completed", "failed"]
    step: Literal["requested", "allocated", "case_opened", "swap_sent", "swapped", "serial_recorded"]
    card_shipped: bool
    awaiting_card: bool  # confirm the number printed on the card once it has arrived
    error_code: str | None
    error_message: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


def replacement_out(view: ReplacementView) -> ReplacementOut:
    return ReplacementOut(
        id=view.id,
        sim_id=view.sim_id,
        reason=view.reason,  # type: ignore[arg-type]
        state=view.state,  # type: ignore[arg-type]
        step=view.step,  # type: ignore[arg-type]
        card_shipped=view.card_shipped,
        awaiting_card=view.awaiting_card,
        error_code=view.error_code,
        error_message=view.error_message,
        created_at=view.created_at,
        updated_at=view.updated_at,
    )


class ReplacementRequest(View, forbid_unknown_fields=True):
    reason: Literal["lost", "stolen", "damaged"]


class CardActivation(View, forbid_unknown_fields=True):
    product_number: Annotated[
        str, msgspec.Meta(min_length=1, max_length=32, description="The 15 characters printed on the new card.")
    ]


class SimView(View):
    id: int  # the subscription id (WHMCS service)
    msisdn: str  # digits only
    product_name: str
    plan_code: str
    billing_status: str
    line_state: Literal["activating", "active", "cancelled"]
    form: Literal["physical", "esim"]
    voice_capable: bool
    voice_options: VoiceOptionsView | None  # null on data-only plans
    network_type: Literal["4G", "5G"]
    pending_changes: list[PendingChangeView]
    plan_change: PlanChangeOut | None  # a plan change waiting for (or being applied on) its day
    replacement: ReplacementOut | None  # a new physical card on its way or being activated
    started_on: dt.date | None
    as_of: dt.datetime  # when the line was read from the provisioning system
    cancellation: CancellationSummaryOut | None = None  # the line's cancellation, if one holds it


class DailyUsageView(View):
    day: dt.date
    used_mb: int


class SimUsageView(View):
    sim_id: int
    msisdn: str
    remaining_mb: int
    used_today_mb: int
    recent_days: list[DailyUsageView]  # newest first
    as_of: dt.datetime  # when the figures were read; they may be up to `maxAgeSeconds` old
    max_age_seconds: int


def sim_view(details: SimDetails) -> SimView:
    options = details.voice_options
    return SimView(
        id=details.sim_id,
        msisdn=details.msisdn,
        product_name=details.product_name,
        plan_code=details.plan_code,
        billing_status=details.billing_status,
        line_state=details.line_state,  # type: ignore[arg-type]
        form=details.form,
        voice_capable=details.voice_capable,
        voice_options=VoiceOptionsView(
            voice_mail=options.voice_mail,
            call_waiting=options.call_waiting,
            international_roaming=options.international_roaming,
        )
        if details.voice_capable
        else None,
        network_type=details.network_type,  # type: ignore[arg-type]
        pending_changes=[PendingChangeView(operation=p.operation.value, runs_on=p.run_on) for p in details.pending],
        plan_change=plan_change_out(details.plan_change) if details.plan_change else None,
        replacement=replacement_out(details.replacement) if details.replacement else None,
        started_on=details.started_on,
        as_of=details.as_of,
    )


def sim_usage_view(usage: SimUsage) -> SimUsageView:
    return SimUsageView(
        sim_id=usage.sim_id,
        msisdn=usage.msisdn,
        remaining_mb=usage.remaining_mb,
        used_today_mb=usage.used_today_mb,
        recent_days=[DailyUsageView(day=d.day, used_mb=d.used_mb) for d in usage.recent_days],
        as_of=usage.as_of,
        max_age_seconds=usage.max_age_seconds,
    )


class TopUpRequest(View, forbid_unknown_fields=True):
    """How much data to add, in MB: 100 to 51,200 (1 GB = 1,024 MB), billed ¥500 per started GB."""

    # The schema bounds what a column could hold; the offer (100-51,200 MB) is a business rule: 422 outside it.
    quota_mb: Annotated[int, msgspec.Meta(ge=0, le=1_000_000)]


class TopUpOut(View):
    id: str
    sim_id: int
    quota_mb: int
    billed_gb: int  # started GBs: 1,500 MB is billed as 2 GB
    price: Money  # before tax
    state: Literal["pending", "completed", "payment_failed", "refunded", "refund_pending"]
    step: Literal["accepted", "invoiced", "paid", "data_added", "refunded", "case_opened", "notified"]
    invoice_id: int | None
    expires_on: dt.date  # when the added data lapses
    error_code: str | None
    error_message: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


def top_up_out(view: TopUpView) -> TopUpOut:
    return TopUpOut(
        id=view.id,
        sim_id=view.sim_id,
        quota_mb=view.quota_mb,
        billed_gb=view.billed_gb,
        price=money(view.amount, view.currency),
        state=view.state,  # type: ignore[arg-type]
        step=view.step,  # type: ignore[arg-type]
        invoice_id=view.invoice_id,
        expires_on=view.expires_on,
        error_code=view.error_code,
        error_message=view.error_message,
        created_at=view.created_at,
        updated_at=view.updated_at,
    )


class VoiceOptionsChange(View, forbid_unknown_fields=True):
    """The options to switch; those left out stay as they are."""

    voice_mail: bool | None = None
    call_waiting: bool | None = None
    international_roaming: bool | None = None


class EsimReissue(View, forbid_unknown_fields=True):
    eid: Annotated[str, msgspec.Meta(min_length=1, max_length=64, description="The new device's EID: 32 digits.")]


class NetworkTypeChange(View, forbid_unknown_fields=True):
    network_type: Literal["4G", "5G"]
