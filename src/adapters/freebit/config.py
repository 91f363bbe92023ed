"""Settings of the Freebit adapter; the entrypoints build it from PORTAL_FREEBIT_* variables."""

from __future__ import annotations

import msgspec


class FreebitConfig(msgspec.Struct, frozen=True, kw_only=True):
    # Everything up to and including /emptool/api/ (production: https://i1.mvno.net/emptool/api/).
    base_url: str = "https://i1.mvno.net/emptool/api/"
    oem_id: str = ""
    oem_key: str = ""  # secret: never logged (see __repr__)
    connect_timeout_seconds: float = 5.0
    # Registrations answer only once Freebit has queued them; give them time before calling it "unknown".
    read_timeout_seconds: float = 30.0
    write_timeout_seconds: float = 10.0
    pool_timeout_seconds: float = 5.0
    max_connections: int = 10
    max_keepalive_connections: int = 5
    keepalive_expiry_seconds: float = 30.0
    # Freebit never states an authKey lifetime: renew after this age even if it was not refused.
    auth_key_ttl_seconds: float = 900.0
    # Paths the public sources do not state (PA03-02, PA04-04, PA05-02, PA05-21, the card swap), relative to base_url.
    detail_path: str = "mvno/getDetail/"
    quota_path: str = "mvno/addSpec/"
    quota_history_path: str = "mvno/getQuotaHistory/"
    plan_change_path: str = "mvno/changePlan/"
    cancel_path: str = "master/cnclAcnt/"  # PA02-04: confirmed by the spec translation, unconfirmed by the portal
    # No public source names the physical card swap; modelled on PA05-41's reissue block (`reissue.oldProductNumber`).
    card_swap_path: str = "mvno/changeSim/"

    def __repr__(self) -> str:
        return f"FreebitConfig(base_url={self.base_url!r}, oem_id={self.oem_id!r}, oem_key='***')"
