"""Cancellation requests, the same in both worlds: filed once per service ("End of Billing Period"), found again by
the service, a second refused as a conflict, an unknown service not found."""

from __future__ import annotations

import pytest

from application.errors import ConflictError, NotFoundError
from sandbox.whmcs.seed import HANAKO_INTERNET_SERVICE_ID, HANAKO_SIM_SERVICE_ID
from tests.contract.whmcs.worlds import World


async def test_a_request_is_filed_once_and_found_by_its_service(world: World) -> None:
    requests = world.billing.cancel_requests
    assert not await requests.cancellation_requested(HANAKO_INTERNET_SERVICE_ID)
    await requests.request_cancellation(HANAKO_INTERNET_SERVICE_ID, "Portal cancellation (portal-cancel:abc)")
    assert await requests.cancellation_requested(HANAKO_INTERNET_SERVICE_ID)
    assert not await requests.cancellation_requested(HANAKO_SIM_SERVICE_ID)  # another service: none
    with pytest.raises(ConflictError, match="Existing Cancellation Request Exists"):
        await requests.request_cancellation(HANAKO_INTERNET_SERVICE_ID, "again")


async def test_an_unknown_service_is_not_found(world: World) -> None:
    with pytest.raises(NotFoundError):
        await world.billing.cancel_requests.request_cancellation(999_999, "nobody's")
    assert not await world.billing.cancel_requests.cancellation_requested(999_999)
