"""Knobs of the Freebit emulator; the wire facts they stand for are unknown upstream, so they are settable."""

from __future__ import annotations

from typing import Literal

import msgspec

# Freebit answers with inconsistent casing in production (voicemail/voiceMail, state/status...).
Casing = Literal["lower", "camel"]


class FreebitEmulatorConfig(msgspec.Struct, frozen=True, kw_only=True):
    auth_key_ttl_seconds: float = 1800.0  # lifetime of an authKey from authOem
    completion_delay_seconds: float = 120.0  # asynchronous operations finish this long after they start
    line_change_delay_seconds: float = 1800.0  # a 4G/5G change (PA05-38) takes ~30 minutes, the line locked
    casing: Casing = "lower"
    # Paths the public sources do not state (PA03-02, PA04-04, PA05-02, PA05-21): relative to /emptool/api/.
    detail_path: str = "mvno/getDetail"
    quota_path: str = "mvno/addSpec"
    quota_history_path: str = "mvno/getQuotaHistory"
    plan_change_path: str = "mvno/changePlan"
    card_swap_path: str = "mvno/changeSim"  # the physical card swap: not named by any public source
