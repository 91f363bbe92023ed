from __future__ import annotations

import pytest

from entrypoints.cli import main
from entrypoints.settings import Settings
from entrypoints.settings_loader import SettingsError, load_settings


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
