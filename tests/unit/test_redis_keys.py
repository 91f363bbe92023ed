"""The Redis key rules that make the portal run on a Redis Cluster (README, "Redis keys").

- Every key is built in `adapters/redis/keys.py` and carries exactly one hash tag, `portal:<kind>:{<tag>}...`.
- No other module that talks to Redis spells a key of its own.
- Every Redis adapter is exercised by the contract suite in `tests/contract/redis`, which runs each test against a
  real 3-master cluster: a script or transaction whose keys do not share a tag fails there (CROSSSLOT).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
import re
import typing
from pathlib import Path
from types import ModuleType

from redis.asyncio import Redis
from redis.asyncio.cluster import RedisCluster

import adapters.redis
import tests.contract.redis
from adapters.redis import keys
from adapters.redis.client import RedisClient

SRC = Path(__file__).resolve().parents[2] / "src"
TAG = re.compile(r"^portal:[a-z-]+:\{([^{}]+)\}(:.*)?$")
SAMPLES = {str: "/data/Order ChangeEvent:x*", int: 7}


def key_builders() -> dict[str, typing.Callable[..., object]]:
    return {
        name: function
        for name, function in inspect.getmembers(keys, inspect.isfunction)
        if function.__module__ == keys.__name__ and not name.startswith("_") and name not in keys.HELPERS
    }


def test_every_key_carries_exactly_one_hash_tag() -> None:
    builders = key_builders()
    assert len(builders) >= 20
    for name, build in builders.items():
        hints = typing.get_type_hints(build)
        arguments = [SAMPLES[hints[p]] for p in inspect.signature(build).parameters]
        built = build(*arguments)
        for key in built if isinstance(built, list) else [built]:
            assert isinstance(key, str)
            assert TAG.match(key), f"{name}() built {key!r}: expected portal:<kind>:{{<tag>}}[:...]"


def test_a_key_kept_as_a_constant_carries_a_tag_too_and_channels_are_named_so() -> None:
    """Pub/sub channels are not keys (classic PUBLISH reaches every node): `*_CHANNEL` or `*_CHANGES`."""
    constants = {name: value for name, value in vars(keys).items() if name.isupper() and isinstance(value, str)}
    channels = {name for name in constants if name.endswith(("_CHANNEL", "_CHANGES"))}
    assert "READ_MODEL_CHANGES" in channels
    untagged = [n for n, v in constants.items() if n not in channels and v.startswith("portal:") and not TAG.match(v)]
    assert untagged == []


def test_keys_touched_together_share_their_tag() -> None:
    def tag(key: str) -> str:
        match = TAG.match(key)
        assert match is not None
        return match.group(1)

    entity = "001RO0000000001YAA"
    read_model = {
        keys.read_model_epoch("orders", entity),
        keys.read_model_generation("orders", entity),
        keys.read_model_lease("orders", entity),
        keys.read_model_document("orders", entity),
        keys.read_model_applied_event("orders", entity, "tx:1"),
    }
    assert len({tag(k) for k in read_model}) == 1
    assert len({tag(keys.attempts(c)) for c in ("login:ip:1", "login:email:x", "reset:user:u")}) == 1
    assert keys.read_model_epoch("orders", entity) in keys.read_model_epochs("orders")


def _talks_to_redis(tree: ast.Module) -> bool:
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("redis",):
            return True
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("adapters.redis"):
            return True
        if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "redis" for a in node.names):
            return True
    return False


def test_no_module_that_talks_to_redis_spells_a_key_of_its_own() -> None:
    offenders = []
    for path in sorted(SRC.rglob("*.py")):
        if path == SRC / "adapters" / "redis" / "keys.py":
            continue
        tree = ast.parse(path.read_text())
        if not _talks_to_redis(tree):
            continue
        for node in ast.walk(tree):
            literal = node.value if isinstance(node, ast.Constant) else None
            spelled = isinstance(literal, str) and literal.startswith("portal:")
            prefix = isinstance(node, ast.Attribute) and node.attr == "PREFIX"
            if spelled or prefix:
                offenders.append(f"{path.relative_to(SRC)}:{getattr(node, 'lineno', '?')}")
    assert offenders == []


def _modules(package: ModuleType) -> list[ModuleType]:
    return [importlib.import_module(f"{package.__name__}.{m.name}") for m in pkgutil.iter_modules(package.__path__)]


def redis_clients_taken() -> dict[type, list[object]]:
    """Every class of `adapters.redis` that takes a Redis client, with the client types it declares."""
    found: dict[type, list[object]] = {}
    for module in _modules(adapters.redis):
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ != module.__name__:
                continue
            hints = typing.get_type_hints(cls.__init__)
            taken = [
                hint for name, hint in hints.items() if name != "return" and hint in (RedisClient, Redis, RedisCluster)
            ]
            if taken:
                found[cls] = taken
    return found


def redis_adapters() -> set[type]:
    return set(redis_clients_taken())


def test_every_redis_adapter_works_on_one_redis_and_on_a_cluster() -> None:
    """Typed `RedisClient`, so the composition root can hand it either (`PORTAL_REDIS_CLUSTER`)."""
    narrow = sorted(
        cls.__name__ for cls, taken in redis_clients_taken().items() if any(t != RedisClient for t in taken)
    )
    assert narrow == []


def test_every_redis_adapter_runs_its_contract_on_a_cluster() -> None:
    covered = {cls for module in _modules(tests.contract.redis) for cls in getattr(module, "COVERS", ())}
    adapters_found = redis_adapters()
    assert len(adapters_found) >= 12
    missing = sorted(cls.__name__ for cls in adapters_found - covered)
    assert missing == [], "add a contract test in tests/contract/redis (runs on a cluster) and list it in COVERS"
