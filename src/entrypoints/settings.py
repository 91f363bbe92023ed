"""Every setting of every process, typed, documented, read from `PORTAL_*` environment variables.

Defaults suit a developer machine (local Postgres and Redis, the sandbox emulators); production refuses the
development secrets. `load_settings()` lists every problem at once and never prints a secret's value.
"""

from __future__ import annotations

from typing import Annotated, Literal

import msgspec

from adapters.freebit.config import FreebitConfig
from adapters.postgres.config import PostgresConfig
from adapters.redis.config import RedisConfig
from adapters.salesforce.config import SalesforceConfig
from adapters.whmcs.config import WhmcsConfig
from application.catalog.windows import SAFETY_TTL_SECONDS
from application.cdc.policy import ConsumerPolicy
from application.identity.policy import IdentityPolicy
from application.orders.fulfilment.policy import FulfilmentPolicy
from domain.orders.activation import DEFAULT_TRIGGER_STATUSES
from entrypoints.secret import Secret

Doc = msgspec.Meta
# The defaults of the tunable windows and limits are their areas' (one home each), in this file's units.
_IDENTITY, _CONSUMER, _FULFILMENT = IdentityPolicy(), ConsumerPolicy(), FulfilmentPolicy()


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    environment: Annotated[
        Literal["development", "test", "production"],
        Doc(description="Where this runs; production refuses development defaults for secrets."),
    ] = "development"
    adapters: Annotated[
        Literal["real", "memory"],
        Doc(description="`real`: Postgres, Redis and the upstream systems; `memory`: in-memory twins of all of them."),
    ] = "real"
    http_host: Annotated[str, Doc(description="Address the API binds to.")] = "127.0.0.1"
    http_port: Annotated[int, Doc(ge=1, le=65535, description="Port the API listens on.")] = 8000
    http_workers: Annotated[int, Doc(ge=1, le=64, description="API worker processes.")] = 1
    database_url: Annotated[
        Secret, Doc(description="SQLAlchemy URL of the portal database (postgresql+asyncpg://...).")
    ] = Secret("postgresql+asyncpg://postgres@127.0.0.1:5432/portal")
    database_pool_size: Annotated[int, Doc(ge=1, le=200, description="Connections kept per process.")] = 10
    redis_url: Annotated[Secret, Doc(description="Redis URL (redis://host:port/db).")] = Secret(
        "redis://127.0.0.1:6379/0"
    )
    redis_max_connections: Annotated[int, Doc(ge=1, le=10_000, description="Redis pool size per process.")] = 64
    redis_socket_timeout_seconds: Annotated[
        float, Doc(gt=0, le=30, description="Redis read/write timeout; short so a slow Redis degrades fast.")
    ] = 0.25
    log_level: Annotated[Literal["DEBUG", "INFO", "WARNING", "ERROR"], Doc(description="Lowest level logged.")] = "INFO"
    log_format: Annotated[
        Literal["auto", "json", "console"], Doc(description="`auto`: console on a terminal, JSON otherwise.")
    ] = "auto"
    session_cookie_secure: Annotated[
        bool,
        Doc(description="Secure, `__Host-` prefixed session cookie; false only for plain-HTTP local development."),
    ] = True
    session_idle_minutes: Annotated[int, Doc(ge=1, le=24 * 60, description="Session ends after this idle time.")] = (
        _IDENTITY.session_idle_seconds // 60
    )
    session_absolute_hours: Annotated[int, Doc(ge=1, le=24 * 30, description="Session ends this long after login.")] = (
        _IDENTITY.session_absolute_seconds // 3600
    )
    auth_attempts_per_window: Annotated[
        int,
        Doc(
            ge=1,
            le=1000,
            description="Attempts at login, password change, sign-up, link and reset allowed per IP and per account "
            "per window, counted before the secret is checked (a correct login or password change gives its back).",
        ),
    ] = _IDENTITY.attempts_per_window
    auth_attempt_window_minutes: Annotated[int, Doc(ge=1, le=24 * 60, description="The window of that limit.")] = (
        _IDENTITY.attempt_window_seconds // 60
    )
    password_hashing_concurrency: Annotated[
        int,
        Doc(ge=1, le=64, description="Password hashes computed at once per process (each takes 64 MiB of memory)."),
    ] = 2
    password_hashing_wait_seconds: Annotated[
        float, Doc(gt=0, le=30, description="How long a login waits for a hashing slot before a 503.")
    ] = 2.0
    http_max_requests_with_body: Annotated[
        int,
        Doc(ge=1, le=10_000, description="Requests carrying a body handled at once per process; more get a 503."),
    ] = 128
    frontend_url: Annotated[
        str, Doc(description="Public URL of the portal frontend (links in emails point there).")
    ] = "http://127.0.0.1:3000"
    trusted_proxy_header: Annotated[
        str,
        Doc(
            description="Header carrying the client IP, set by your load balancer (e.g. X-Forwarded-For); empty = none."
        ),
    ] = ""
    trusted_proxy_count: Annotated[
        int, Doc(ge=1, le=10, description="How many trusted proxies append to that header (the right-most N hops).")
    ] = 1
    whmcs_url: Annotated[str, Doc(description="WHMCS installation root (api.php is under includes/).")] = (
        "http://127.0.0.1:8101/"
    )
    whmcs_identifier: Annotated[Secret, Doc(description="WHMCS API credential identifier.")] = Secret(
        "portal-sandbox-identifier"
    )
    whmcs_secret: Annotated[Secret, Doc(description="WHMCS API credential secret.")] = Secret("portal-sandbox-secret")
    whmcs_access_key: Annotated[
        Secret, Doc(description="WHMCS `$api_access_key` (lets changing egress IPs past the allow-list); empty = none.")
    ] = Secret("")
    whmcs_webhook_secret: Annotated[
        Secret, Doc(description="Standard Webhooks secret (whsec_...) shared with the WHMCS hook module.")
    ] = Secret("whsec_cG9ydGFsLXNhbmRib3gtd2htY3Mtd2ViaG9vaw==")
    whmcs_webhook_previous_secret: Annotated[
        Secret,
        Doc(description="While rotating: the old webhook secret, still accepted beside the new one; empty = none."),
    ] = Secret("")
    whmcs_read_timeout_seconds: Annotated[
        float, Doc(gt=0, le=120, description="How long one WHMCS API call may take to answer before it is abandoned.")
    ] = 15.0
    salesforce_login_url: Annotated[str, Doc(description="OAuth token endpoint host (login/My Domain/emulator).")] = (
        "https://127.0.0.1:8102"
    )
    salesforce_grant: Annotated[
        Literal["jwt_bearer", "client_credentials"], Doc(description="OAuth grant used by the integration user.")
    ] = "client_credentials"
    salesforce_client_id: Annotated[str, Doc(description="Connected app consumer key.")] = (
        "3MVG9sakura.hikari.portal.bff"
    )
    salesforce_client_secret: Annotated[Secret, Doc(description="Connected app secret (client credentials).")] = Secret(
        "sandbox-client-secret"
    )
    salesforce_username: Annotated[str, Doc(description="Integration user (JWT bearer `sub`).")] = (
        "integration@sakura-hikari.example"
    )
    salesforce_private_key_path: Annotated[str, Doc(description="PEM key signing JWT bearer assertions.")] = ""
    salesforce_ca_bundle: Annotated[
        str, Doc(description="Extra CA bundle to trust (the sandbox's local CA); empty = system store only.")
    ] = ""
    salesforce_api_version: Annotated[str, Doc(description="REST/Streaming API version.")] = "62.0"
    freebit_url: Annotated[str, Doc(description="Freebit PA API base, up to /emptool/api/.")] = (
        "http://127.0.0.1:8103/emptool/api/"
    )
    freebit_oem_id: Annotated[str, Doc(description="Freebit OEM id.")] = "PSANDBOX"
    freebit_oem_key: Annotated[Secret, Doc(description="Freebit OEM key.")] = Secret("sandbox-oem-key")
    demo_seed_logins: Annotated[
        bool, Doc(description="Seed the demo world (logins, SIM stock) at start-up (`portal demo` sets it).")
    ] = False
    cors_allowed_origins: Annotated[
        list[str], Doc(description="Origins allowed cross-site (comma-separated); empty = same-origin only.")
    ] = msgspec.field(default_factory=list)

    public_rate_limit_requests: Annotated[
        int, Doc(ge=1, le=10_000_000, description="Public catalog requests allowed per client IP per window.")
    ] = 300
    public_rate_limit_window_seconds: Annotated[
        int, Doc(ge=1, le=3600, description="The window of the public catalog rate limit.")
    ] = 60
    public_catalog_max_age_seconds: Annotated[
        int, Doc(ge=0, le=86_400, description="Cache-Control max-age and s-maxage of the public catalog.")
    ] = 300
    catalog_live_reads_per_process: Annotated[
        int,
        Doc(ge=1, le=100, description="Concurrent live Salesforce reads per process when the read models cannot help."),
    ] = 4
    catalog_live_read_wait_seconds: Annotated[
        float, Doc(gt=0, le=60, description="How long a request waits for a live-read slot before a 503.")
    ] = 2.0
    catalog_safety_ttl_hours: Annotated[
        int, Doc(ge=1, le=24 * 30, description="Safety TTL of the catalog read model (events invalidate it).")
    ] = SAFETY_TTL_SECONDS // 3600
    cdc_lease_ttl_seconds: Annotated[
        float, Doc(ge=1, le=120, description="A dead `portal cdc` leader's channels are taken over after this.")
    ] = _CONSUMER.lease_ttl_ms / 1000
    cdc_cold_start_settle_seconds: Annotated[
        float, Doc(ge=0, le=600, description="A never-consumed channel is resynced again this long after starting.")
    ] = _CONSUMER.cold_start_settle_seconds
    fulfilment_trigger_statuses: Annotated[
        list[str],
        Doc(description="Order statuses that, with activation status Activating, start fulfilment (comma-separated)."),
    ] = msgspec.field(default_factory=lambda: list(DEFAULT_TRIGGER_STATUSES))
    fulfilment_sim_poll_seconds: Annotated[
        float, Doc(gt=0, le=3600, description="How often fulfilment checks whether Freebit finished an activation.")
    ] = _FULFILMENT.sim_poll_seconds
    fulfilment_sim_timeout_minutes: Annotated[
        int, Doc(ge=1, le=7 * 24 * 60, description="An activation Freebit has not finished by then fails the order.")
    ] = int(_FULFILMENT.sim_activation_timeout_seconds // 60)

    worker_heartbeat_seconds: Annotated[
        float, Doc(gt=0, le=300, description="How often a `portal worker` tells the queue it is alive.")
    ] = 10.0
    worker_stalled_after_seconds: Annotated[
        float,
        Doc(gt=0, le=3600, description="A worker silent this long is dead: its running jobs are retried elsewhere."),
    ] = 30.0

    def fulfilment_policy(self) -> FulfilmentPolicy:
        return FulfilmentPolicy(
            trigger_statuses=tuple(self.fulfilment_trigger_statuses),
            sim_poll_seconds=self.fulfilment_sim_poll_seconds,
            sim_activation_timeout_seconds=self.fulfilment_sim_timeout_minutes * 60.0,
        )

    def identity_policy(self) -> IdentityPolicy:
        return IdentityPolicy(
            session_idle_seconds=self.session_idle_minutes * 60,
            session_absolute_seconds=self.session_absolute_hours * 3600,
            attempts_per_window=self.auth_attempts_per_window,
            attempt_window_seconds=self.auth_attempt_window_minutes * 60,
            reset_url=self.frontend_url.rstrip("/") + "/reset-password",
        )

    def whmcs(self) -> WhmcsConfig:
        return WhmcsConfig(
            base_url=self.whmcs_url,
            identifier=self.whmcs_identifier.reveal(),
            secret=self.whmcs_secret.reveal(),
            access_key=self.whmcs_access_key.reveal() or None,
            read_timeout_seconds=self.whmcs_read_timeout_seconds,
        )

    def whmcs_webhook_secrets(self) -> list[str]:
        secrets = [self.whmcs_webhook_secret.reveal(), self.whmcs_webhook_previous_secret.reveal()]
        return [secret for secret in secrets if secret]

    def salesforce(self) -> SalesforceConfig:
        return SalesforceConfig(
            login_url=self.salesforce_login_url,
            grant=self.salesforce_grant,
            client_id=self.salesforce_client_id,
            client_secret=self.salesforce_client_secret.reveal(),
            username=self.salesforce_username,
            private_key_path=self.salesforce_private_key_path,
            ca_bundle=self.salesforce_ca_bundle or None,
            api_version=self.salesforce_api_version,
        )

    def freebit(self) -> FreebitConfig:
        return FreebitConfig(
            base_url=self.freebit_url, oem_id=self.freebit_oem_id, oem_key=self.freebit_oem_key.reveal()
        )

    def postgres(self) -> PostgresConfig:
        return PostgresConfig(dsn=self.database_url.reveal(), pool_size=self.database_pool_size)

    def redis(self) -> RedisConfig:
        return RedisConfig(
            url=self.redis_url.reveal(),
            max_connections=self.redis_max_connections,
            socket_timeout_seconds=self.redis_socket_timeout_seconds,
        )
