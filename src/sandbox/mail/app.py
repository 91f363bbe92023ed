"""The mail catcher's control API: what it received, newest first; addresses to refuse; reset."""

from __future__ import annotations

import msgspec
from litestar import Litestar, delete, get, post
from litestar.exceptions import NotFoundException
from litestar.params import FromPath, FromQuery, JSONBody

from sandbox.control_docs import control_openapi
from sandbox.mail.catcher import CaughtMail, MailCatcher


class Refusal(msgspec.Struct, frozen=True):
    address: str


def create_app(catcher: MailCatcher) -> Litestar:
    @get("/_sandbox/messages", sync_to_thread=False)
    def list_messages(to: FromQuery[str | None] = None) -> list[CaughtMail]:
        """Every message received (the last 1000), newest first; `to` keeps those sent to that address."""
        return catcher.messages(to=to)

    @get("/_sandbox/messages/{message_id:int}", sync_to_thread=False)
    def one_message(message_id: FromPath[int]) -> CaughtMail:
        """One message by the id the list gives."""
        for message in catcher.messages():
            if message.id == message_id:
                return message
        raise NotFoundException()

    @delete("/_sandbox/messages", sync_to_thread=False)
    def clear_messages() -> None:
        """Forget every message (refusals stay)."""
        refused = set(catcher.refused)
        catcher.reset()
        catcher.refused |= refused

    @post("/_sandbox/refusals", sync_to_thread=False, status_code=204)
    def refuse(data: JSONBody[Refusal]) -> None:
        """Answer RCPT TO for this address with 550 (a mailbox that does not exist), as a fault to test with."""
        catcher.refused.add(data.address.lower())

    @post("/_sandbox/reset", sync_to_thread=False, status_code=204)
    def reset() -> None:
        """No messages, no refusals."""
        catcher.reset()

    return Litestar(
        route_handlers=[list_messages, one_message, clear_messages, refuse, reset],
        openapi_config=control_openapi(
            "Mail catcher: control API",
            "A real SMTP server that keeps the mail it receives instead of delivering it. List what arrived, "
            "refuse addresses (550), reset.",
        ),
    )
