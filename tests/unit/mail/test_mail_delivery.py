"""The outbox's promises: one mail per event, delivered once, retried only while the server is out, refused for good
when the server says so, swept when its job was never queued."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from adapters.memory.clock import FrozenClock
from adapters.memory.mail_outbox import InMemoryMailOutbox
from adapters.memory.mail_transport import InMemoryMailTransport
from adapters.smtp.templates import MailRenderer
from application.errors import UpstreamUnavailableError
from application.mail.deliver_mail import DeliverMail
from application.mail.mailer import Mailer
from application.mail.sweep_mail import SweepMail
from application.ports.mail import Mail, MailTemplate


class RecordingQueue:
    def __init__(self, *, down: bool = False) -> None:
        self.queued: list[str] = []
        self.down = down

    async def enqueue(self, event_key: str) -> None:
        if self.down:
            raise UpstreamUnavailableError("postgres")
        self.queued.append(event_key)


def reset_mail(key: str = "password-reset:abc", to: str = "hanako@example.jp") -> Mail:
    return Mail(
        event_key=key,
        to=to,
        template=MailTemplate.PASSWORD_RESET,
        values={"reset_url": "https://portal.example/reset?token=t", "expires_in_minutes": "30"},
    )


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


async def test_one_event_is_kept_and_queued_once_however_often_it_is_sent(clock: FrozenClock) -> None:
    outbox, queue = InMemoryMailOutbox(), RecordingQueue()
    mailer = Mailer(outbox, queue, clock)
    assert await mailer.send(reset_mail()) is True
    assert await mailer.send(reset_mail()) is False
    assert queue.queued == ["password-reset:abc"]
    assert len(outbox.entries) == 1


async def test_a_mail_whose_queue_was_down_is_kept_and_the_sweep_queues_it(clock: FrozenClock) -> None:
    outbox = InMemoryMailOutbox()
    assert await Mailer(outbox, RecordingQueue(down=True), clock).send(reset_mail()) is True
    queue = RecordingQueue()
    sweep = SweepMail(outbox, queue, clock)
    assert await sweep.execute() == 0  # its own job may still be on its way: not yet
    clock.advance(61)
    assert await sweep.execute() == 1
    assert queue.queued == ["password-reset:abc"]


async def test_the_sweep_gives_up_on_mail_older_than_an_hour_and_deletes_it_after_a_week(clock: FrozenClock) -> None:
    outbox = InMemoryMailOutbox()
    await outbox.add(reset_mail(), now=clock.now())
    queue = RecordingQueue()
    clock.advance(3601)
    assert await SweepMail(outbox, queue, clock).execute() == 0
    clock.advance(604800)
    await SweepMail(outbox, queue, clock).execute()
    assert outbox.entries == {}


async def test_delivery_sends_once_and_forgets_the_values(clock: FrozenClock) -> None:
    outbox, transport = InMemoryMailOutbox(), InMemoryMailTransport()
    await outbox.add(reset_mail(), now=clock.now())
    deliver = DeliverMail(outbox, transport, clock)
    assert await deliver.execute("password-reset:abc") == "sent"
    assert await deliver.execute("password-reset:abc") == "settled"  # a second job for the same mail: nothing
    assert [m.event_key for m in transport.sent] == ["password-reset:abc"]
    entry = await outbox.get("password-reset:abc")
    assert entry is not None
    assert entry.sent_at == clock.now()
    assert entry.mail.values == {}  # the reset link is not kept once it has left


async def test_an_outage_is_raised_for_the_queue_to_retry_and_the_mail_stays_unsent(clock: FrozenClock) -> None:
    outbox, transport = InMemoryMailOutbox(), InMemoryMailTransport()
    transport.down = True
    await outbox.add(reset_mail(), now=clock.now())
    with pytest.raises(UpstreamUnavailableError):
        await DeliverMail(outbox, transport, clock).execute("password-reset:abc")
    entry = await outbox.get("password-reset:abc")
    assert entry is not None
    assert not entry.settled
    transport.down = False
    assert await DeliverMail(outbox, transport, clock).execute("password-reset:abc") == "sent"


async def test_a_refusal_is_final_it_is_neither_retried_nor_swept(clock: FrozenClock) -> None:
    outbox, transport = InMemoryMailOutbox(), InMemoryMailTransport()
    transport.refused_addresses.add("gone@example.jp")
    await outbox.add(reset_mail(to="gone@example.jp"), now=clock.now())
    assert await DeliverMail(outbox, transport, clock).execute("password-reset:abc") == "refused"
    clock.advance(300)
    queue = RecordingQueue()
    assert await SweepMail(outbox, queue, clock).execute() == 0
    assert transport.sent == []


TEMPLATE_VALUES = {
    MailTemplate.PASSWORD_RESET: {"reset_url": "https://x/reset?token=t", "expires_in_minutes": "30"},
    MailTemplate.EMAIL_CODE: {"code": "042917", "expires_in_minutes": "10", "purpose": "continue your sign-up"},
    MailTemplate.AVAILABILITY_REQUESTED: {"name": "Yuki", "address": "150-0001 Tokyo", "reference": "00001234"},
    MailTemplate.VERIFICATION_RESULT: {"outcome": "rejected", "reason": "blurred", "portal_url": "https://x/id"},
    MailTemplate.CANCELLATION_SCHEDULED: {
        "service_name": "Home 1G",
        "end_date": "2027-01-31",
        "return_instructions": "Return the router.",
        "withdraw_until": "2027-01-25",
    },
    MailTemplate.CANCELLATION_WITHDRAWN: {"service_name": "Home 1G Pro", "end_date": "2027-01-31"},
}


def test_every_template_renders_with_its_values_and_a_missing_value_is_an_error() -> None:
    renderer = MailRenderer()
    assert set(TEMPLATE_VALUES) == set(MailTemplate)
    for template, values in TEMPLATE_VALUES.items():
        rendered = renderer.render(template, values)
        assert rendered.subject
        assert "\n" not in rendered.subject
        assert "Sakura Hikari" in rendered.body
        with pytest.raises(Exception, match="undefined"):
            renderer.render(template, dict(list(values.items())[1:]) if len(values) > 1 else {})


@given(st.from_regex(r"[0-9]{6}", fullmatch=True))
def test_the_code_mail_carries_the_code_in_its_subject_and_body(code: str) -> None:
    rendered = MailRenderer().render(
        MailTemplate.EMAIL_CODE, {"code": code, "expires_in_minutes": "10", "purpose": "sign up"}
    )
    assert code in rendered.subject
    assert code in rendered.body
