"""The mail server's settings: the adapter's configuration from them, and what production refuses (the sandbox's
catcher, an unencrypted connection: codes and reset links never travel in clear)."""

from __future__ import annotations

from adapters.smtp.config import SmtpConfig
from entrypoints.settings import Settings

PREFIX = "PORTAL_"


def smtp_config(settings: Settings) -> SmtpConfig:
    return SmtpConfig(
        host=settings.smtp_host,
        port=settings.smtp_port,
        sender=settings.mail_from,
        username=settings.smtp_username,
        password=settings.smtp_password.reveal(),
        security=settings.smtp_security,
        timeout_seconds=settings.smtp_timeout_seconds,
    )


def mail_problems(settings: Settings) -> list[str]:
    if settings.environment != "production":
        return []
    defaults = Settings()
    problems = [
        f"{PREFIX}{name.upper()}: missing; production needs an explicit value"
        for name in ("smtp_host", "mail_from")
        if getattr(settings, name) == getattr(defaults, name)
    ]
    if settings.smtp_security == "none":
        problems.append(f"{PREFIX}SMTP_SECURITY: production sends mail encrypted; choose tls or starttls")
    return problems
