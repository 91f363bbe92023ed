"""Cancellation requests over WHMCS: AddCancelRequest ("End of Billing Period") and, to look one up after a lost
answer, GetCancelledPackages (every request in the installation, paged; it has no service filter)."""

from __future__ import annotations

from adapters.whmcs import normalise as n
from adapters.whmcs.api import WhmcsApi

END_OF_BILLING_PERIOD = "End of Billing Period"
PAGE = 250
MAX_PAGES = 40  # 10,000 requests: looked through only after a lost answer, never on the ordinary path


class WhmcsCancelRequests:
    def __init__(self, api: WhmcsApi) -> None:
        self._api = api

    async def request_cancellation(self, service_id: int, reason: str) -> None:
        await self._api.write("AddCancelRequest", serviceid=service_id, type=END_OF_BILLING_PERIOD, reason=reason)

    async def cancellation_requested(self, service_id: int) -> bool:
        for page in range(MAX_PAGES):
            body = await self._api.read("GetCancelledPackages", limitstart=page * PAGE, limitnum=PAGE)
            rows = n.items(body.get("packages"), "package")
            if any(n.to_optional_int(row.get("relid")) == service_id for row in rows):
                return True
            if len(rows) < PAGE:
                return False
        return False
