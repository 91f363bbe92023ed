"""What the SIM operations answer, in plain types (the HTTP layer renders them)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import msgspec

from application.ports.sim_models import DailyUsage, PendingOperation, VoiceOptions
from application.sims.plan_change_view import PlanChangeView
from application.sims.replacement_view import ReplacementView

SimForm = Literal["physical", "esim"]


class SimDetails(msgspec.Struct, frozen=True, kw_only=True):
    sim_id: int  # the WHMCS service id
    msisdn: str
    product_name: str  # the plan as billed, e.g. "SIM 10GB Voice"
    plan_code: str  # Freebit's
    billing_status: str  # WHMCS service status
    line_state: str  # Freebit: activating / active / cancelled
    form: SimForm
    voice_capable: bool  # data-only plans have no voice options
    voice_options: VoiceOptions
    network_type: str  # 4G / 5G
    pending: tuple[PendingOperation, ...]  # changes Freebit is running or will run
    plan_change: PlanChangeView | None  # the plan change the portal holds for its day (read live, never cached)
    replacement: ReplacementView | None  # a new physical card on its way or being activated (read live)
    started_on: date | None
    as_of: datetime  # when Freebit was read (the detail is cached; see `application.sims.cache_keys`)


class SimUsage(msgspec.Struct, frozen=True, kw_only=True):
    sim_id: int
    msisdn: str
    remaining_mb: int
    used_today_mb: int
    recent_days: tuple[DailyUsage, ...]  # newest first
    as_of: datetime  # when Freebit counted it
    max_age_seconds: int  # how stale an answer may be (the cache's TTL)
