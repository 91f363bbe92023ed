"""Every setting of every process, typed, documented, read from `PORTAL_*` environment variables.

Defaults suit a developer machine (local Postgres and Redis, the sandbox emulators); production refuses the
development secrets. `load_settings()` lists every problem at once and never prints a secret's value.
The settings are declared in groups, each module adding its own to the one before (process → identity →
upstreams → tuning); `Settings` is the whole, with the configurations the adapters and policies take.
"""

from __future__ import annotations

from adapters.freebit.config import FreebitConfig
from adapters.postgres.config import PostgresConfig
from adapters.redis.config import RedisConfig
from adapters.salesforce.config import SalesforceConfig
from adapters.whmcs.config import WhmcsConfig
from application.identity.policy import IdentityPolicy
from application.orders.fulfilment.policy import FulfilmentPolicy
from entrypoints.settings.tuning import TuningSettings


class Settings(TuningSettings, frozen=True, kw_only=True):
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
            cluster=self.redis_cluster,
            max_connections=self.redis_max_connections,
            socket_timeout_seconds=self.redis_socket_timeout_seconds,
        )
