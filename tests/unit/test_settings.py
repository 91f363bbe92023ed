from __future__ import annotations

import pytest

from entrypoints.cli import main
from entrypoints.settings import Settings
from entrypoints.settings_loader import SettingsError, load_settings
from tests.unit.production_settings import PRODUCTION


def test_defaults_suit_a_developer_machine() -> None:
    settings = load_settings({})
    assert settings == Settings()
    assert settings.postgres().dsn.startswith("postgresql+asyncpg://")


def test_values_come_from_prefixed_environment_variables() -> None:
    settings = load_settings(
        {
            "PORTAL_HTTP_PORT": "9000",
            "PORTAL_ADAPTERS": "memory",
            "PORTAL_CORS_ALLOWED_ORIGINS": "https://a.jp, https://b.jp",
        }
    )
    assert settings.http_port == 9000
    assert settings.adapters == "memory"
    assert settings.cors_allowed_origins == ["https://a.jp", "https://b.jp"]


def test_every_problem_is_listed_in_one_message() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings(
            {
                "PORTAL_HTTP_PORT": "eighty",
                "PORTAL_ADAPTERS": "mongo",
                "PORTAL_REDIS_SOCKET_TIMEOUT_SECONDS": "-1",
                "PORTAL_DATABASE_URL": "mysql://root:hunter2@db/portal",
            }
        )
    problems = raised.value.problems
    assert len(problems) == 4
    message = str(raised.value)
    assert "PORTAL_HTTP_PORT: got 'eighty'; expected a whole number, ≥ 1, ≤ 65535" in message
    assert "PORTAL_ADAPTERS: got 'mongo'; expected one of 'real', 'memory'" in message
    assert "PORTAL_REDIS_SOCKET_TIMEOUT_SECONDS" in message
    assert "PORTAL_DATABASE_URL" in message


def test_secret_values_never_appear_in_errors_or_reprs() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({"PORTAL_DATABASE_URL": "mysql://root:hunter2@db/portal", "PORTAL_HTTP_PORT": "x"})
    assert "hunter2" not in str(raised.value)
    settings = load_settings({"PORTAL_DATABASE_URL": "postgresql+asyncpg://app:hunter2@db/portal"})
    assert "hunter2" not in repr(settings)
    assert settings.database_url.reveal() == "postgresql+asyncpg://app:hunter2@db/portal"


def test_production_refuses_development_defaults() -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({"PORTAL_ENVIRONMENT": "production", "PORTAL_ADAPTERS": "memory"})
    named = {p.split(":")[0] for p in raised.value.problems}
    assert {"PORTAL_ADAPTERS", "PORTAL_DATABASE_URL", "PORTAL_REDIS_URL", "PORTAL_WHMCS_SECRET"} <= named
    assert {"PORTAL_SALESFORCE_CLIENT_ID", "PORTAL_FREEBIT_OEM_KEY", "PORTAL_WHMCS_WEBHOOK_SECRET"} <= named
    assert "sandbox-oem-key" not in str(raised.value)


def test_cli_exits_before_serving_with_the_list_of_problems(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PORTAL_HTTP_PORT", "0")
    monkeypatch.setenv("PORTAL_LOG_LEVEL", "LOUD")
    assert main(["serve"]) == 2
    err = capsys.readouterr().err
    assert "PORTAL_HTTP_PORT" in err
    assert "PORTAL_LOG_LEVEL" in err


def test_a_redis_cluster_is_named_by_one_node_on_database_zero() -> None:
    settings = load_settings({"PORTAL_REDIS_URL": "redis://:pw@10.0.0.5:7000", "PORTAL_REDIS_CLUSTER": "true"})
    assert (settings.redis().cluster, settings.redis().url) == (True, "redis://:pw@10.0.0.5:7000")
    assert load_settings({"PORTAL_REDIS_URL": "redis://10.0.0.5:7000/0", "PORTAL_REDIS_CLUSTER": "yes"}).redis_cluster
    for url, said in (("redis://10.0.0.5:7000/3", "database 0 only"), ("unix:///run/redis.sock", "over TCP")):
        with pytest.raises(SettingsError) as raised:
            load_settings({"PORTAL_REDIS_URL": url, "PORTAL_REDIS_CLUSTER": "true"})
        assert said in str(raised.value)
        assert load_settings({"PORTAL_REDIS_URL": url}).redis().cluster is False  # one Redis: any database


WORDS = [("true", True), ("TRUE", True), ("1", True), ("yes", True), ("on", True)]
WORDS += [("false", False), ("0", False), ("No", False), (" off ", False)]


@pytest.mark.parametrize(("raw", "parsed"), WORDS)
def test_booleans_take_the_usual_words(raw: str, parsed: bool) -> None:
    assert load_settings({"PORTAL_SESSION_COOKIE_SECURE": raw}).session_cookie_secure is parsed


@pytest.mark.parametrize("typo", ["treu", "flase", "", "2", "enabled"])
def test_a_boolean_that_is_not_one_of_them_is_an_error_not_false(typo: str) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({"PORTAL_DEMO_SEED_LOGINS": typo})
    assert raised.value.problems == [
        f"PORTAL_DEMO_SEED_LOGINS: got {typo!r}; expected true or false (or 1/0, yes/no, on/off)"
    ]


def test_a_complete_production_configuration_loads() -> None:
    assert load_settings(PRODUCTION).environment == "production"
    assert load_settings({**PRODUCTION, "PORTAL_TRUSTED_PROXY_HEADER": "none"}).trusted_proxy_header == "none"


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"PORTAL_SESSION_COOKIE_SECURE": "false"}, "PORTAL_SESSION_COOKIE_SECURE"),
        ({"PORTAL_TRUSTED_PROXY_HEADER": ""}, "PORTAL_TRUSTED_PROXY_HEADER"),  # unstated: neither a header nor none
        ({"PORTAL_CORS_ALLOWED_ORIGINS": "http://portal.example.jp"}, "PORTAL_CORS_ALLOWED_ORIGINS"),
        ({"PORTAL_SMTP_SECURITY": "none"}, "PORTAL_SMTP_SECURITY"),  # codes and reset links never in clear
        ({"PORTAL_SMTP_HOST": "127.0.0.1"}, "PORTAL_SMTP_HOST"),  # the sandbox's catcher
    ],
)
def test_production_refuses_insecure_cookies_an_unstated_proxy_choice_plain_http_origins_and_plain_mail(
    changes: dict[str, str], named: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        load_settings({**PRODUCTION, **changes})
    assert [p.split(":")[0] for p in raised.value.problems] == [named]


@pytest.mark.parametrize("origin", ["*", "https://portal.example.jp/app", "portal.example.jp"])
def test_cors_origins_are_origins_because_they_receive_credentials(origin: str) -> None:
    with pytest.raises(SettingsError):
        load_settings({"PORTAL_CORS_ALLOWED_ORIGINS": origin})
