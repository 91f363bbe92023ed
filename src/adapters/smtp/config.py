from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True, slots=True, kw_only=True)
class SmtpConfig:
    host: str
    port: int
    sender: str  # "Name <address>"
    username: str = ""
    password: str = ""
    security: Literal["none", "starttls", "tls"] = "none"
    timeout_seconds: float = 10.0
