"""What the settings mean once turned into policies: units, the secrets in rotation, the URLs derived."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from standardwebhooks import Webhook

from entrypoints.http.webhooks.signature import WebhookSignatureError, WebhookVerifier
from entrypoints.settings_loader import SettingsError, load_settings
from tests.unit.production_settings import PRODUCTION

NEW_SECRET = "whsec_bmV3LXdlYmhvb2stc2VjcmV0LWZvci10ZXN0cw=="
OLD_SECRET = "whsec_b2xkLXdlYmhvb2stc2VjcmV0LWZvci10ZXN0cw=="
BODY = b'{"type":"invoice.paid"}'


def signed_with(secret: str) -> dict[str, str]:
    at = datetime.now(UTC)
    return {
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign("msg_1", at, BODY.decode()),
    }


def test_during_rotation_deliveries_signed_with_the_previous_secret_still_verify() -> None:
    settings = load_settings(
        {"PORTAL_WHMCS_WEBHOOK_SECRET": NEW_SECRET, "PORTAL_WHMCS_WEBHOOK_PREVIOUS_SECRET": OLD_SECRET}
    )
    verifier = WebhookVerifier(settings.whmcs_webhook_secrets())
    assert verifier.verify(BODY, signed_with(NEW_SECRET)) == "msg_1"
    assert verifier.verify(BODY, signed_with(OLD_SECRET)) == "msg_1"


def test_without_a_previous_secret_only_the_current_one_verifies() -> None:
    settings = load_settings({"PORTAL_WHMCS_WEBHOOK_SECRET": NEW_SECRET})
    assert settings.whmcs_webhook_secrets() == [NEW_SECRET]
    with pytest.raises(WebhookSignatureError):
        WebhookVerifier(settings.whmcs_webhook_secrets()).verify(BODY, signed_with(OLD_SECRET))


@given(minutes=st.integers(1, 24 * 60), hours=st.integers(1, 24 * 30), window=st.integers(1, 24 * 60))
def test_lifetimes_and_the_attempt_window_are_read_in_their_stated_units(minutes: int, hours: int, window: int) -> None:
    policy = load_settings(
        {
            "PORTAL_SESSION_IDLE_MINUTES": str(minutes),
            "PORTAL_SESSION_ABSOLUTE_HOURS": str(hours),
            "PORTAL_AUTH_ATTEMPT_WINDOW_MINUTES": str(window),
            "PORTAL_AUTH_ATTEMPTS_PER_WINDOW": "7",
        }
    ).identity_policy()
    assert policy.session_idle_seconds == minutes * 60
    assert policy.session_absolute_seconds == hours * 3600
    assert policy.attempt_window_seconds == window * 60
    assert policy.attempts_per_window == 7


def test_the_default_attempt_limit_is_five_per_fifteen_minutes() -> None:
    policy = load_settings({}).identity_policy()
    assert (policy.attempts_per_window, policy.attempt_window_seconds) == (5, 15 * 60)


@pytest.mark.parametrize(
    ("frontend", "page"),
    [
        ("https://portal.example.jp", "https://portal.example.jp/reset-password"),
        ("https://portal.example.jp/", "https://portal.example.jp/reset-password"),
        ("https://example.jp/MY-BOX/", "https://example.jp/MY-BOX/reset-password"),
    ],
)
def test_reset_links_point_at_the_frontends_reset_page(frontend: str, page: str) -> None:
    assert load_settings({"PORTAL_FRONTEND_URL": frontend}).identity_policy().reset_url == page


def test_the_sim_activation_timeout_is_read_in_minutes() -> None:
    policy = load_settings({"PORTAL_FULFILMENT_SIM_TIMEOUT_MINUTES": "7"}).fulfilment_policy()
    assert policy.sim_activation_timeout_seconds == 7 * 60


def problems_of(environ: dict[str, str]) -> list[str]:
    with pytest.raises(SettingsError) as raised:
        load_settings(environ)
    return raised.value.problems


def test_production_accepts_https_origins() -> None:
    origins = "https://portal.example.jp, https://app.example.jp:8443"
    settings = load_settings({**PRODUCTION, "PORTAL_CORS_ALLOWED_ORIGINS": origins})
    assert settings.cors_allowed_origins == ["https://portal.example.jp", "https://app.example.jp:8443"]


def test_production_refuses_demo_logins_naming_the_setting() -> None:
    [problem] = problems_of({**PRODUCTION, "PORTAL_DEMO_SEED_LOGINS": "true"})
    assert problem.startswith("PORTAL_DEMO_SEED_LOGINS: ")


def test_each_production_problem_names_the_setting_to_fix() -> None:
    problems = problems_of(
        {
            **PRODUCTION,
            "PORTAL_ADAPTERS": "memory",
            "PORTAL_SESSION_COOKIE_SECURE": "false",
            "PORTAL_TRUSTED_PROXY_HEADER": "",
            "PORTAL_CORS_ALLOWED_ORIGINS": "http://portal.example.jp",
            "PORTAL_FREEBIT_OEM_KEY": "sandbox-oem-key",
        }
    )
    named = sorted(p.split(": ")[0] for p in problems)
    assert named == sorted(
        [
            "PORTAL_ADAPTERS",
            "PORTAL_SESSION_COOKIE_SECURE",
            "PORTAL_TRUSTED_PROXY_HEADER",
            "PORTAL_CORS_ALLOWED_ORIGINS",
            "PORTAL_FREEBIT_OEM_KEY",
        ]
    )
    assert any("http://portal.example.jp" in p for p in problems)  # the origin refused is named


@pytest.mark.parametrize("url", ["rediss://cache.example.jp:6380", "redis://10.0.0.5:7000/", "redis://10.0.0.5:7000"])
def test_a_cluster_is_reached_over_tls_or_plain_tcp_on_database_zero(url: str) -> None:
    assert load_settings({"PORTAL_REDIS_URL": url, "PORTAL_REDIS_CLUSTER": "true"}).redis().cluster is True


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("unix:///run/redis.sock", "over TCP (redis:// or rediss://)"),
        ("redis://10.0.0.5:7000/2", "database 0 only"),
        ("redis://10.0.0.5:7000/X", "database 0 only"),
    ],
)
def test_a_cluster_problem_names_the_url_setting(url: str, said: str) -> None:
    [problem] = problems_of({"PORTAL_REDIS_URL": url, "PORTAL_REDIS_CLUSTER": "true"})
    assert problem.startswith("PORTAL_REDIS_URL: ")
    assert said in problem


@pytest.mark.parametrize(
    ("name", "value", "expected"),
    [
        ("PORTAL_DATABASE_URL", "mysql://db/portal", "postgresql+asyncpg://"),
        ("PORTAL_REDIS_URL", "memcached://cache", "redis:// or rediss:// or unix://"),
    ],
)
def test_a_url_that_is_not_one_names_the_schemes_expected(name: str, value: str, expected: str) -> None:
    [problem] = problems_of({name: value})
    assert problem.startswith(f"{name}: (secret hidden) is not a URL; expected one starting with {expected}")


def test_origins_of_a_cors_problem_are_named() -> None:
    [problem] = problems_of({"PORTAL_CORS_ALLOWED_ORIGINS": "https://portal.example.jp/app"})
    assert problem.startswith("PORTAL_CORS_ALLOWED_ORIGINS: 'https://portal.example.jp/app' is not an origin")


def test_every_upstream_setting_reaches_the_configuration_its_adapter_takes() -> None:
    settings = load_settings(
        {
            "PORTAL_WHMCS_URL": "https://billing.example.jp/",
            "PORTAL_WHMCS_IDENTIFIER": "whmcs-id",
            "PORTAL_WHMCS_SECRET": "whmcs-secret",
            "PORTAL_WHMCS_ACCESS_KEY": "whmcs-access",
            "PORTAL_WHMCS_READ_TIMEOUT_SECONDS": "7.5",
            "PORTAL_SALESFORCE_LOGIN_URL": "https://login.example.jp",
            "PORTAL_SALESFORCE_GRANT": "client_credentials",  # not the config's own default
            "PORTAL_SALESFORCE_CLIENT_ID": "sf-client",
            "PORTAL_SALESFORCE_CLIENT_SECRET": "sf-secret",
            "PORTAL_SALESFORCE_USERNAME": "user@example.jp",
            "PORTAL_SALESFORCE_PRIVATE_KEY_PATH": "/keys/sf.pem",
            "PORTAL_SALESFORCE_CA_BUNDLE": "/keys/ca.pem",
            "PORTAL_SALESFORCE_API_VERSION": "61.0",
            "PORTAL_FREEBIT_URL": "https://freebit.example.jp/emptool/api/",
            "PORTAL_FREEBIT_OEM_ID": "OEM1",
            "PORTAL_FREEBIT_OEM_KEY": "oem-key",
            "PORTAL_DATABASE_URL": "postgresql+asyncpg://u:p@db/portal",
            "PORTAL_DATABASE_POOL_SIZE": "17",
            "PORTAL_REDIS_URL": "redis://cache:6379",
            "PORTAL_REDIS_CLUSTER": "true",
            "PORTAL_REDIS_MAX_CONNECTIONS": "33",
            "PORTAL_REDIS_SOCKET_TIMEOUT_SECONDS": "2.5",
            "PORTAL_FULFILMENT_TRIGGER_STATUSES": "Approved, Reactivate",
            "PORTAL_FULFILMENT_SIM_POLL_SECONDS": "4",
        }
    )
    whmcs = settings.whmcs()
    assert (whmcs.base_url, whmcs.identifier, whmcs.secret) == (
        "https://billing.example.jp/",
        "whmcs-id",
        "whmcs-secret",
    )
    assert (whmcs.access_key, whmcs.read_timeout_seconds) == ("whmcs-access", 7.5)
    assert load_settings({}).whmcs().access_key is None  # empty: none sent
    sf = settings.salesforce()
    assert (sf.login_url, sf.grant, sf.client_id, sf.client_secret) == (
        "https://login.example.jp",
        "client_credentials",
        "sf-client",
        "sf-secret",
    )
    assert (sf.username, sf.private_key_path, sf.ca_bundle, sf.api_version) == (
        "user@example.jp",
        "/keys/sf.pem",
        "/keys/ca.pem",
        "61.0",
    )
    assert load_settings({}).salesforce().ca_bundle is None  # empty: the system store only
    freebit = settings.freebit()
    assert (freebit.base_url, freebit.oem_id, freebit.oem_key) == (
        "https://freebit.example.jp/emptool/api/",
        "OEM1",
        "oem-key",
    )
    postgres = settings.postgres()
    assert (postgres.dsn, postgres.pool_size) == ("postgresql+asyncpg://u:p@db/portal", 17)
    redis = settings.redis()
    assert (redis.url, redis.cluster, redis.max_connections, redis.socket_timeout_seconds) == (
        "redis://cache:6379",
        True,
        33,
        2.5,
    )
    fulfilment = settings.fulfilment_policy()
    assert (fulfilment.trigger_statuses, fulfilment.sim_poll_seconds) == (("Approved", "Reactivate"), 4)
