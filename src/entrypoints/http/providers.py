"""What only the HTTP API takes from the container: who is calling (cookie, session, linked customer), the client's
address, webhook signatures and the public catalog's answers. The app factory adds these to the one container
(`build_container`); the other processes never build them.
"""

from __future__ import annotations

from dishka import Provider, Scope, provide
from dishka.integrations.litestar import LitestarProvider
from litestar import Request

from application.catalog.catalog_read_model import CatalogReadModel
from application.catalog.public_limit import PublicCatalogLimit
from application.errors import AuthenticationRequiredError
from application.identity.linked_customer import LinkedCustomer, ResolveLinkedCustomer
from application.identity.policy import IdentityPolicy
from application.identity.resolve_caller import ResolveCaller
from application.identity.sessions import ActiveSession, SessionManager
from application.ports.sessions import Caller
from entrypoints.http.auth.cookies import SessionCookie
from entrypoints.http.auth.request_auth import RequestAuth
from entrypoints.http.catalog.documents import PublicCatalogDocuments
from entrypoints.http.catalog.public_answer import PublicCatalogEndpoint
from entrypoints.http.client_ip import ClientIpResolver
from entrypoints.http.webhooks.signature import WebhookVerifier
from entrypoints.settings import Settings


class HttpProvider(Provider):
    scope = Scope.APP

    @provide
    def cookie(self, settings: Settings, policy: IdentityPolicy) -> SessionCookie:
        return SessionCookie(secure=settings.session_cookie_secure, max_age_seconds=policy.session_absolute_seconds)

    @provide
    def client_ip(self, settings: Settings) -> ClientIpResolver:
        return ClientIpResolver(settings.trusted_proxy_header, settings.trusted_proxy_count)

    @provide
    def webhook_verifier(self, settings: Settings) -> WebhookVerifier:
        return WebhookVerifier(settings.whmcs_webhook_secrets())

    @provide
    def public_catalog(
        self, settings: Settings, catalog: CatalogReadModel, limit: PublicCatalogLimit, client_ip: ClientIpResolver
    ) -> PublicCatalogEndpoint:
        return PublicCatalogEndpoint(catalog, limit, client_ip, settings.public_catalog_max_age_seconds)

    @provide(scope=Scope.REQUEST)
    async def request_auth(self, request: Request, cookie: SessionCookie, sessions: SessionManager) -> RequestAuth:  # type: ignore[type-arg]
        return RequestAuth(await sessions.resolve(cookie.read(request)))

    @provide(scope=Scope.REQUEST)
    def active_session(self, auth: RequestAuth) -> ActiveSession:
        if auth.session is None:
            raise AuthenticationRequiredError()
        return auth.session

    @provide(scope=Scope.REQUEST)
    async def caller(self, request: Request, session: ActiveSession) -> Caller:  # type: ignore[type-arg]
        if session.caller is not None:
            # Warm: the session knew. Asked for only now, so a warm request builds no unit of work (no database
            # session) at all.
            return session.caller
        resolve: ResolveCaller = await request.state.dishka_container.get(ResolveCaller)
        return await resolve.execute(session)

    @provide(scope=Scope.REQUEST)
    def linked_customer(self, caller: Caller) -> LinkedCustomer:
        return ResolveLinkedCustomer().execute(caller)


def http_providers() -> tuple[Provider, ...]:
    return LitestarProvider(), PublicCatalogDocuments(), HttpProvider()
