"""Two CRMs under one contract: the real Salesforce adapters against the TLS emulator, and the in-memory twins.

The emulator starts once per session (TLS with a trustme CA, the JWT bearer grant) and is reset to its seed
before each test; its clock stands still unless a test moves it.
"""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import stamina

from adapters.memory.clock import FrozenClock
from adapters.memory.crm_accounts import InMemoryCustomerAccounts, InMemoryEligibilityRecords
from adapters.memory.crm_cases import InMemoryCaseDesk
from adapters.memory.crm_catalog import InMemoryCatalogSource
from adapters.memory.crm_eligibility_requests import InMemoryEligibilityRequests
from adapters.memory.crm_identity_documents import InMemoryIdentityDocuments
from adapters.memory.crm_opportunities import InMemoryOrderOpportunities
from adapters.memory.crm_orders import InMemoryOrderDesk
from adapters.memory.crm_prospects import InMemoryProspectAccounts
from adapters.resilience import UpstreamGuard
from adapters.salesforce.config import SalesforceConfig
from adapters.salesforce.crm import SalesforceCrm
from application.ports.case_desk import CaseDesk
from application.ports.catalog_source import CatalogSource
from application.ports.customer_accounts import CustomerAccounts
from application.ports.eligibility_records import EligibilityRecords
from application.ports.eligibility_requests import EligibilityRequests
from application.ports.identity_documents import IdentityDocuments
from application.ports.order_desk import OrderDesk
from application.ports.order_opportunities import OrderOpportunities
from application.ports.prospects import ProspectAccounts
from sandbox.salesforce.app import create_app
from sandbox.salesforce.clock import SandboxClock
from sandbox.salesforce.config import DEFAULT_CLIENT_SECRET, DEFAULT_CONSUMER_KEY, DEFAULT_USERNAME, EmulatorConfig
from sandbox.salesforce.seed import SeedIds
from sandbox.salesforce.state import SalesforceState
from sandbox.salesforce.tls import SandboxCredentials, write_sandbox_credentials
from tests.contract.salesforce.twin_world import seeded_twin
from tests.support.servers import serve_in_thread

START = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
SESSION_TTL_SECONDS = 3600.0
QUERY_BATCH_SIZE = 7  # small, so the 44-entry catalog takes several pages


@dataclass
class Emulator:
    url: str
    state: SalesforceState
    credentials: SandboxCredentials

    def adapter_config(self, **overrides: Any) -> SalesforceConfig:
        settings: dict[str, Any] = {
            "login_url": self.url,
            "grant": "jwt_bearer",
            "client_id": DEFAULT_CONSUMER_KEY,
            "username": DEFAULT_USERNAME,
            "private_key_path": str(self.credentials.jwt_private_key),
            "ca_bundle": str(self.credentials.ca_bundle),
            "read_timeout_seconds": 2.0,
            "max_worker_threads": 4,
        }
        settings.update(overrides)
        return SalesforceConfig(**settings)


@dataclass
class Crm:
    """One side of the contract: the CRM ports plus the seed ids both sides share."""

    accounts: CustomerAccounts
    eligibility: EligibilityRecords
    eligibility_requests: EligibilityRequests
    catalog: CatalogSource
    orders: OrderDesk
    cases: CaseDesk
    prospects: ProspectAccounts
    identity_documents: IdentityDocuments
    opportunities: OrderOpportunities
    ids: SeedIds


@pytest.fixture(autouse=True)
def _instant_retries() -> Iterator[None]:
    stamina.set_testing(True, attempts=3)
    yield
    stamina.set_testing(False)


@pytest.fixture(scope="session")
def emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emulator]:
    credentials = write_sandbox_credentials(Path(tmp_path_factory.mktemp("salesforce-tls")))
    config = EmulatorConfig(
        jwt_certificate_path=str(credentials.jwt_certificate),
        session_ttl_seconds=SESSION_TTL_SECONDS,
        query_batch_size=QUERY_BATCH_SIZE,
    )
    state = SalesforceState(config, clock=SandboxClock(START))
    app = create_app(state)
    with serve_in_thread(
        app, ssl_certfile=str(credentials.server_cert), ssl_keyfile=str(credentials.server_key)
    ) as url:
        yield Emulator(url, state, credentials)


@pytest.fixture
def fresh_emulator(emulator: Emulator) -> Emulator:
    emulator.state.reset()
    return emulator


@pytest.fixture
async def salesforce(fresh_emulator: Emulator) -> AsyncIterator[SalesforceCrm]:
    crm = SalesforceCrm.from_config(fresh_emulator.adapter_config(), guard=UpstreamGuard("salesforce-test"))
    yield crm
    await crm.aclose()


@pytest.fixture(params=[pytest.param("adapter+emulator", marks=pytest.mark.integration), "twin"])
async def crm(request: pytest.FixtureRequest) -> AsyncIterator[Crm]:
    if request.param == "twin":
        state = SalesforceState(clock=SandboxClock(START))
        data = seeded_twin(state, FrozenClock(START))
        yield Crm(
            accounts=InMemoryCustomerAccounts(data),
            eligibility=InMemoryEligibilityRecords(data),
            eligibility_requests=InMemoryEligibilityRequests(data),
            catalog=InMemoryCatalogSource(data),
            orders=InMemoryOrderDesk(data),
            cases=InMemoryCaseDesk(data),
            prospects=InMemoryProspectAccounts(data),
            identity_documents=InMemoryIdentityDocuments(data),
            opportunities=InMemoryOrderOpportunities(data),
            ids=state.seed_ids,
        )
        return
    emulator: Emulator = request.getfixturevalue("fresh_emulator")
    salesforce = SalesforceCrm.from_config(emulator.adapter_config(), guard=UpstreamGuard("salesforce-test"))
    yield Crm(
        accounts=salesforce.accounts,
        eligibility=salesforce.eligibility,
        eligibility_requests=salesforce.eligibility_requests,
        catalog=salesforce.catalog,
        orders=salesforce.orders,
        cases=salesforce.cases,
        prospects=salesforce.prospects,
        identity_documents=salesforce.identity_documents,
        opportunities=salesforce.opportunities,
        ids=emulator.state.seed_ids,
    )
    await salesforce.aclose()


@pytest.fixture
def http(fresh_emulator: Emulator) -> Iterator[httpx.Client]:
    """A plain HTTP client holding a fresh access token of the emulator."""
    context = ssl.create_default_context(cafile=str(fresh_emulator.credentials.ca_bundle))
    with httpx.Client(base_url=fresh_emulator.url, verify=context, trust_env=False) as client:
        form = {
            "grant_type": "client_credentials",
            "client_id": DEFAULT_CONSUMER_KEY,
            "client_secret": DEFAULT_CLIENT_SECRET,
        }
        token = client.post("/services/oauth2/token", data=form).json()
        assert token["instance_url"] == fresh_emulator.url
        client.headers["Authorization"] = f"Bearer {token['access_token']}"
        yield client
