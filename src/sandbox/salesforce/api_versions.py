"""The REST API versions the emulated org answers, labelled by release as `GET /services/data` lists them."""

from __future__ import annotations

import re

OLDEST_VERSION = 31  # 21.0-30.0 were retired in Summer '25
LATEST_VERSION = 67  # Summer '26
_VERSION = re.compile(r"^v(?P<major>\d{2})\.0$")
_SEASONS = ("Winter", "Spring", "Summer")


def release_label(major: int) -> str:
    """62.0 is Winter '25; each later version is the next of Winter, Spring, Summer (Winter starts a year)."""
    offset = major - 62
    year = 25 + offset // 3
    return f"{_SEASONS[offset % 3]} '{year:02d}"


def supported_versions() -> list[dict[str, str]]:
    return [
        {"label": release_label(major), "url": f"/services/data/v{major}.0", "version": f"{major}.0"}
        for major in range(OLDEST_VERSION, LATEST_VERSION + 1)
    ]


def is_supported(path_version: str) -> bool:
    """`v62.0` in a URL: answered only when the org runs that version."""
    match = _VERSION.match(path_version)
    return match is not None and OLDEST_VERSION <= int(match.group("major")) <= LATEST_VERSION
