"""The SMTP adapter against the sandbox's mail catcher, both real (aiosmtplib → aiosmtpd over TCP): what the
customer receives, the stable Message-ID, and how refusals and outages are told apart."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from litestar.testing import AsyncTestClient

from adapters.smtp.config import SmtpConfig
from adapters.smtp.transport import SmtpMailTransport
from application.errors import UpstreamUnavailableError
from application.ports.mail import Mail, MailRefusedError, MailTemplate
from sandbox.mail.app import create_app
from sandbox.mail.catcher import MailCatcher, serve_smtp
from tests.support.servers import free_port

pytestmark = pytest.mark.integration


@pytest.fixture
async def catcher() -> AsyncIterator[tuple[MailCatcher, int]]:
    catcher, port = MailCatcher(), free_port()
    server = await serve_smtp(catcher, "127.0.0.1", port)
    yield catcher, port
    server.close()
    await server.wait_closed()


def transport(port: int) -> SmtpMailTransport:
    return SmtpMailTransport(
        SmtpConfig(host="127.0.0.1", port=port, sender="Sakura Hikari <no-reply@sakura-hikari.example>")
    )


CODE = Mail(
    event_key="email-code:abc:1",
    to="yuki.suzuki@example.jp",
    template=MailTemplate.EMAIL_CODE,
    values={"code": "042917", "expires_in_minutes": "10", "purpose": "continue"},
)


async def test_a_mail_arrives_rendered_with_a_message_id_that_is_the_events(catcher: tuple[MailCatcher, int]) -> None:
    caught, port = catcher
    await transport(port).send(CODE)
    await transport(port).send(CODE)  # what a retry after a lost acknowledgement would do
    first, second = caught.messages(to="YUKI.SUZUKI@example.jp")
    assert first.subject == "Your Sakura Hikari code: 042917"
    assert "042917" in first.body
    assert "10 minutes" in first.body
    assert first.mail_from == "no-reply@sakura-hikari.example"
    assert first.message_id == second.message_id != ""
    async with AsyncTestClient(create_app(caught)) as control:
        listed = (await control.get("/_sandbox/messages", params={"to": "yuki.suzuki@example.jp"})).json()
        assert [m["subject"] for m in listed] == [first.subject] * 2
        assert listed[0]["messageId"] == first.message_id
        assert (await control.get("/_sandbox/openapi.json")).status_code == 200


async def test_a_mailbox_the_server_refuses_is_a_final_refusal(catcher: tuple[MailCatcher, int]) -> None:
    caught, port = catcher
    caught.refused.add("yuki.suzuki@example.jp")
    with pytest.raises(MailRefusedError):
        await transport(port).send(CODE)
    assert caught.messages() == []


async def test_a_server_that_does_not_answer_is_an_outage_to_retry() -> None:
    with pytest.raises(UpstreamUnavailableError):
        await transport(free_port()).send(CODE)


async def test_a_server_that_hangs_is_an_outage_within_the_timeout() -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await asyncio.sleep(5)
        writer.close()

    port = free_port()
    server = await asyncio.start_server(silent, "127.0.0.1", port)
    slow = SmtpMailTransport(SmtpConfig(host="127.0.0.1", port=port, sender="x <a@b.example>", timeout_seconds=0.3))
    try:
        with pytest.raises(UpstreamUnavailableError):
            await slow.send(CODE)
    finally:
        server.close()
