"""The look-up before a top-up is retried: a quota code is in the line's history once the quota was added."""

from __future__ import annotations

from application.ports.sim_models import QuotaTopUp
from tests.contract.freebit.worlds import World

HANAKO = "08012345678"


async def test_a_quota_code_is_in_the_history_only_once_added(world: World) -> None:
    assert not await world.provisioner.quota_added(HANAKO, "topup-history")
    await world.provisioner.add_quota(QuotaTopUp(msisdn=HANAKO, quota_mb=1024, quota_code="topup-history"))
    assert await world.provisioner.quota_added(HANAKO, "topup-history")
    assert not await world.provisioner.quota_added(HANAKO, "topup-other")
