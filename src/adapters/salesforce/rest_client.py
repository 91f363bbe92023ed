"""simple-salesforce from asyncio: a bounded thread pool, one `Salesforce` per worker thread, our token.

simple-salesforce is synchronous and its `requests.Session` is not thread-safe, so each worker thread keeps its
own client, rebuilt whenever the token changes. Every call gets one retry after `INVALID_SESSION_ID` with a
freshly fetched token; failures are mapped to application errors, inside `UpstreamGuard`.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import requests
from requests.adapters import HTTPAdapter
from simple_salesforce.api import Salesforce
from simple_salesforce.exceptions import SalesforceExpiredSession

from adapters.resilience import UpstreamGuard
from adapters.salesforce.auth import SalesforceSession, SalesforceTokenProvider
from adapters.salesforce.config import SalesforceConfig
from adapters.salesforce.errors import SYSTEM, map_salesforce_error
from application.errors import ApplicationError

T = TypeVar("T")
SalesforceCall = Callable[[Salesforce], T]


def all_records(soql: str) -> SalesforceCall[list[dict[str, Any]]]:
    """A query call following `nextRecordsUrl` until done."""
    return lambda sf: list(sf.query_all_iter(soql))


def first_page(soql: str) -> SalesforceCall[list[dict[str, Any]]]:
    """A query call reading only the first batch (for queries with a small LIMIT)."""
    return lambda sf: list(sf.query(soql)["records"])


class _DefaultTimeoutAdapter(HTTPAdapter):
    """simple-salesforce passes no timeout to create/update/delete: give every request one."""

    def __init__(self, timeout: tuple[float, float]) -> None:
        super().__init__()
        self._timeout = timeout

    def send(self, request: requests.PreparedRequest, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        if kwargs.get("timeout") is None:
            kwargs["timeout"] = self._timeout
        return super().send(request, **kwargs)


class SalesforceRestClient:
    def __init__(
        self,
        config: SalesforceConfig,
        tokens: SalesforceTokenProvider,
        *,
        guard: UpstreamGuard | None = None,
    ) -> None:
        self.config = config
        self._tokens = tokens
        self._guard = guard or UpstreamGuard(SYSTEM)
        self._pool = ThreadPoolExecutor(max_workers=config.max_worker_threads, thread_name_prefix="salesforce")
        self._local = threading.local()
        self._sessions: list[requests.Session] = []  # every worker's, so close() can release their connections
        self._sessions_lock = threading.Lock()
        self.write_headers = {"Sforce-Call-Options": f"client={config.call_options_client}"}

    async def read(self, call: SalesforceCall[T]) -> T:
        """An idempotent call: retried with jitter on outages."""
        return await self._guard.read(lambda: self._with_fresh_session(call))

    async def write(self, call: SalesforceCall[T]) -> T:
        """A changing call: never retried here (the caller knows whether a retry is safe)."""
        return await self._guard.write(lambda: self._with_fresh_session(call))

    async def user_id(self) -> str | None:
        """The integration user our writes are recorded under."""
        return (await self._tokens.session()).user_id

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        with self._sessions_lock:
            for http in self._sessions:
                http.close()
            self._sessions.clear()

    async def _with_fresh_session(self, call: SalesforceCall[T]) -> T:
        session = await self._tokens.session()
        try:
            return await self._in_thread(session, call)
        except SalesforceExpiredSession:
            await self._tokens.invalidate(session.access_token)
        session = await self._tokens.session()
        try:
            return await self._in_thread(session, call)
        except SalesforceExpiredSession as exc:
            raise map_salesforce_error(exc) from exc

    async def _in_thread(self, session: SalesforceSession, call: SalesforceCall[T]) -> T:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self._run, session, call)

    def _run(self, session: SalesforceSession, call: SalesforceCall[T]) -> T:
        try:
            return call(self._client_for(session))
        except (SalesforceExpiredSession, ApplicationError):
            raise
        except Exception as exc:
            mapped = map_salesforce_error(exc)
        # Raised outside the handler on purpose: the original traceback's frames hold the HTTP response, and
        # chaining it would keep that connection open until the garbage collector finds the cycle.
        raise mapped

    def _client_for(self, session: SalesforceSession) -> Salesforce:
        local = self._local
        if getattr(local, "token", None) != session.access_token or getattr(local, "client", None) is None:
            local.client = Salesforce(
                instance_url=session.instance_url,
                session_id=session.access_token,
                session=self._http_session(),
                version=self.config.api_version,
            )
            local.token = session.access_token
        client: Salesforce = local.client
        return client

    def _http_session(self) -> requests.Session:
        existing: requests.Session | None = getattr(self._local, "http", None)
        if existing is not None:
            return existing
        http = requests.Session()
        # REQUESTS_CA_BUNDLE / CURL_CA_BUNDLE would silently replace `verify` (requests #3829).
        http.trust_env = False
        if self.config.ca_bundle:
            http.verify = self.config.ca_bundle
        adapter = _DefaultTimeoutAdapter((self.config.connect_timeout_seconds, self.config.read_timeout_seconds))
        http.mount("https://", adapter)
        http.mount("http://", adapter)
        self._local.http = http
        with self._sessions_lock:
            self._sessions.append(http)
        return http
