"""The emulators' control APIs, as an agent in Salesforce would act during the tour."""

from __future__ import annotations

import ssl
from typing import Any

import httpx

from sandbox.runner import SandboxAddresses


class SandboxControl:
    def __init__(self, addresses: SandboxAddresses, ca_bundle: str) -> None:
        self._salesforce = httpx.AsyncClient(
            base_url=addresses.salesforce_url, verify=ssl.create_default_context(cafile=ca_bundle), timeout=10
        )

    async def aclose(self) -> None:
        await self._salesforce.aclose()

    async def create_crm_account(self, customer_number: str, name: str) -> str:
        response = await self._salesforce.post(
            "/_sandbox/seed",
            json={"records": [{"type": "Account", "fields": {"Name": name, "SF_Account_No__c": customer_number}}]},
        )
        response.raise_for_status()
        created: Any = response.json()
        return str(created[0] if isinstance(created, list) else created)

    async def approve_order(self, order_id: str) -> None:
        (await self._salesforce.post(f"/_sandbox/orders/{order_id}/approve", json={})).raise_for_status()
