"""The emulators' control APIs, as an agent in Salesforce would act during the tour, and the mail catcher, where the
tour reads what a customer would find in their mailbox."""

from __future__ import annotations

import asyncio
import ssl
from typing import Any

import httpx

from sandbox.runner import SandboxAddresses


class SandboxControl:
    def __init__(self, addresses: SandboxAddresses, ca_bundle: str) -> None:
        self._salesforce = httpx.AsyncClient(
            base_url=addresses.salesforce_url, verify=ssl.create_default_context(cafile=ca_bundle), timeout=10
        )
        self._mail = httpx.AsyncClient(base_url=f"http://{addresses.host}:{addresses.mail_port}", timeout=10)

    async def aclose(self) -> None:
        await self._salesforce.aclose()
        await self._mail.aclose()

    async def wait_for_mail(self, to: str, subject_contains: str, *, within_seconds: float = 30) -> dict[str, Any]:
        """The newest mail to that address whose subject matches, once the worker has delivered it."""
        for _ in range(int(within_seconds * 4)):
            response = await self._mail.get("/_sandbox/messages", params={"to": to})
            response.raise_for_status()
            for message in response.json():
                if subject_contains in message["subject"]:
                    return dict(message)
            await asyncio.sleep(0.25)
        raise TimeoutError(f"no mail {subject_contains!r} reached {to} within {within_seconds:.0f} s")

    async def create_crm_account(self, customer_number: str, name: str) -> str:
        response = await self._salesforce.post(
            "/_sandbox/seed",
            json={"records": [{"type": "Account", "fields": {"Name": name, "SF_Account_No__c": customer_number}}]},
        )
        response.raise_for_status()
        created: Any = response.json()
        return str(created[0] if isinstance(created, list) else created)

    async def decide_verification(self, account_id: str, status: str, reason: str | None = None) -> None:
        response = await self._salesforce.post(
            f"/_sandbox/accounts/{account_id}/verification", json={"status": status, "reason": reason}
        )
        response.raise_for_status()

    async def opportunity(self, opportunity_id: str) -> dict[str, Any]:
        """The Opportunity as staff see it in the org."""
        response = await self._salesforce.get("/_sandbox/records/Opportunity")
        response.raise_for_status()
        found = [r for r in response.json() if r["Id"] == opportunity_id]
        if not found:
            raise LookupError(f"no Opportunity {opportunity_id}")
        return dict(found[0])

    async def approve_order(self, order_id: str) -> None:
        (await self._salesforce.post(f"/_sandbox/orders/{order_id}/approve", json={})).raise_for_status()
