from __future__ import annotations

import json
import os
import typing
from collections.abc import Mapping
from typing import Any

import msgspec

from entrypoints.secret import Secret
from entrypoints.settings import Settings
from entrypoints.settings_checks import cors_problems, env_name, production_problems, url_problems
from entrypoints.settings_mail import mail_problems

TRUE_WORDS = frozenset({"true", "1", "yes", "on"})
FALSE_WORDS = frozenset({"false", "0", "no", "off"})


class SettingsError(Exception):
    """Every problem with the configuration, one per line, without secret values."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("Invalid configuration:\n" + "\n".join(f"  - {p}" for p in problems))


def _field_types() -> dict[str, Any]:
    return typing.get_type_hints(Settings, include_extras=True)


def _is_secret(annotation: Any) -> bool:
    return typing.get_args(annotation)[0] is Secret if typing.get_origin(annotation) else annotation is Secret


def _expected(annotation: Any) -> str:
    base, *metas = typing.get_args(annotation) or (annotation,)
    if typing.get_origin(base) is typing.Literal:
        return "one of " + ", ".join(repr(v) for v in typing.get_args(base))
    bounds = [
        f"{label} {getattr(meta, attr)}"
        for meta in metas
        for attr, label in (("ge", "≥"), ("gt", ">"), ("le", "≤"), ("lt", "<"))
        if getattr(meta, attr, None) is not None
    ]
    words = "true or false (or 1/0, yes/no, on/off)"
    name = {Secret: "text", str: "text", int: "a whole number", float: "a number", bool: words}.get(
        base, "a comma-separated list" if typing.get_origin(base) is list else str(base)
    )
    return ", ".join([name, *bounds])


def _parse(raw: str, annotation: Any) -> Any:
    base = typing.get_args(annotation)[0] if typing.get_args(annotation) else annotation
    if typing.get_origin(base) is list:
        return [item.strip() for item in raw.split(",") if item.strip()]
    if base in (int, float):
        return json.loads(raw)
    if base is bool:
        word = raw.strip().lower()
        if word not in TRUE_WORDS | FALSE_WORDS:
            raise ValueError(raw)  # `treu` is a typo, not false
        return word in TRUE_WORDS
    return raw


def load_settings(environ: Mapping[str, str] | None = None) -> Settings:
    environ = os.environ if environ is None else environ
    raw: dict[str, Any] = {}
    problems: list[str] = []
    for name, annotation in _field_types().items():
        variable = env_name(name)
        if variable not in environ:
            continue
        value = environ[variable]
        shown = "(secret hidden)" if _is_secret(annotation) else repr(value)
        try:
            parsed = _parse(value, annotation)
            raw[name] = Secret(parsed) if _is_secret(annotation) else parsed
            msgspec.convert({name: raw[name]}, Settings, dec_hook=_keep_secret, strict=False)
        except (ValueError, msgspec.ValidationError):
            problems.append(f"{variable}: got {shown}; expected {_expected(annotation)}")
            raw.pop(name, None)
    # Invalid values were dropped above, so this builds; the cross-field checks then see every other value.
    settings = msgspec.convert(raw, Settings, dec_hook=_keep_secret, strict=False)
    problems += url_problems(settings) + cors_problems(settings) + production_problems(settings)
    problems += mail_problems(settings)
    if problems:
        raise SettingsError(problems)
    return settings


def _keep_secret(kind: type, value: Any) -> Any:
    if kind is Secret and isinstance(value, Secret):
        return value
    raise NotImplementedError
