from __future__ import annotations

from application.errors import UpstreamUnavailableError
from application.ports.mail import Mail, MailRefusedError


class InMemoryMailTransport:
    """Records what would be sent; tests make it refuse an address or be down."""

    def __init__(self) -> None:
        self.sent: list[Mail] = []
        self.refused_addresses: set[str] = set()
        self.down = False

    async def send(self, mail: Mail) -> None:
        if self.down:
            raise UpstreamUnavailableError("mail")
        if mail.to in self.refused_addresses:
            raise MailRefusedError("recipient refused (550)")
        self.sent.append(mail)
