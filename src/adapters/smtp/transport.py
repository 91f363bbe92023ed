"""`MailTransport` over SMTP with aiosmtplib: one connection per message (the worker sends few, and a pooled
connection would need keep-alive handling for no gain)."""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from email.utils import formatdate, parseaddr

import aiosmtplib

from adapters.smtp.config import SmtpConfig
from adapters.smtp.templates import MailRenderer
from application.errors import UpstreamUnavailableError
from application.ports.mail import Mail, MailRefusedError


def message_id(event_key: str, sender: str) -> str:
    """The same for every attempt at one event's mail, so a receiver can tell a repeat from a second mail."""
    domain = parseaddr(sender)[1].rpartition("@")[2] or "portal.invalid"
    return f"<{hashlib.sha256(event_key.encode()).hexdigest()[:32]}@{domain}>"


class SmtpMailTransport:
    def __init__(self, config: SmtpConfig, renderer: MailRenderer | None = None) -> None:
        self._config = config
        self._renderer = renderer or MailRenderer()

    def compose(self, mail: Mail) -> EmailMessage:
        rendered = self._renderer.render(mail.template, mail.values)
        message = EmailMessage()
        message["From"] = self._config.sender
        message["To"] = mail.to
        message["Subject"] = rendered.subject
        message["Date"] = formatdate(localtime=False, usegmt=True)
        message["Message-ID"] = message_id(mail.event_key, self._config.sender)
        message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to codes and resets
        message.set_content(rendered.body)
        return message

    async def send(self, mail: Mail) -> None:
        config = self._config
        try:
            await aiosmtplib.send(
                self.compose(mail),
                hostname=config.host,
                port=config.port,
                username=config.username or None,
                password=config.password or None,
                use_tls=config.security == "tls",
                start_tls=config.security == "starttls",  # never an unasked upgrade to a catcher
                timeout=config.timeout_seconds,
            )
        except aiosmtplib.SMTPRecipientsRefused as error:
            codes = [refusal.code for refusal in error.recipients]
            if all(code >= 500 for code in codes):
                raise MailRefusedError(f"recipient refused ({', '.join(map(str, codes))})") from error
            raise UpstreamUnavailableError("mail", "The mail server deferred the message.") from error
        except aiosmtplib.SMTPResponseException as error:
            # 5xx is the server's final word on this message (RFC 5321 §4.2.1); 4xx and anything else may pass later.
            if 500 <= error.code < 600 and not isinstance(error, aiosmtplib.SMTPAuthenticationError):
                raise MailRefusedError(f"refused ({error.code})") from error
            raise UpstreamUnavailableError("mail", "The mail server is unavailable.") from error
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as error:
            raise UpstreamUnavailableError("mail", "The mail server is unavailable.") from error
