"""One case per request key, and lost answers found again: the case adapter against the emulator, and the twin.

On the emulator a lost answer is its `apply_then_timeout` fault on `sobject_create:Case` (or `:CaseComment`): the
record is written, the answer never comes (the adapter gives up after 0.5 s). The twin loses it the same way.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

import pytest

from adapters.memory.clock import FrozenClock
from adapters.memory.crm_cases import CaseDeskFault, CaseWrite, InMemoryCaseDesk
from adapters.resilience import UpstreamGuard
from adapters.salesforce.crm import SalesforceCrm
from application.errors import ConflictError, UpstreamUnavailableError
from application.ports.case_desk import CaseDesk, NewCase
from sandbox.faults import Fault, FaultKind
from sandbox.salesforce.clock import SandboxClock
from sandbox.salesforce.seed import SeedIds
from sandbox.salesforce.state import SalesforceState
from tests.contract.salesforce.conftest import START, Emulator
from tests.contract.salesforce.twin_world import seeded_twin

ENTITIES: dict[CaseWrite, str] = {"create_case": "Case", "add_comment": "CaseComment"}


@dataclass
class Side:
    desk: CaseDesk
    ids: SeedIds
    lose_next_answer: Callable[[CaseWrite], None]  # the write is applied, its answer never arrives

    @property
    def hanako(self) -> str:
        return self.ids.accounts["SH-100001"]

    def new_case(self, key: str, subject: str = "No signal", account: str | None = None) -> NewCase:
        return NewCase(
            account_id=account or self.hanako, request_key=key, subject=subject, description="Since this morning."
        )

    async def subjects(self, account: str | None = None) -> list[str | None]:
        return [case.subject for case in await self.desk.list_cases(account or self.hanako)]


@pytest.fixture(params=[pytest.param("adapter+emulator", marks=pytest.mark.integration), "twin"])
async def side(request: pytest.FixtureRequest) -> AsyncIterator[Side]:
    if request.param == "twin":
        state = SalesforceState(clock=SandboxClock(START))
        twin = InMemoryCaseDesk(seeded_twin(state, FrozenClock(START)))
        yield Side(twin, state.seed_ids, lambda op: twin.arm(op, CaseDeskFault.APPLY_THEN_TIMEOUT))
        return
    emulator: Emulator = request.getfixturevalue("fresh_emulator")
    config = emulator.adapter_config(read_timeout_seconds=0.5)
    crm = SalesforceCrm.from_config(config, guard=UpstreamGuard("salesforce-case-keys", failure_threshold=100))

    def lose_next_answer(operation: CaseWrite) -> None:
        fault = Fault(
            operation=f"sobject_create:{ENTITIES[operation]}", kind=FaultKind.APPLY_THEN_TIMEOUT, delay_ms=1000
        )
        emulator.state.faults.arm(fault)

    yield Side(crm.cases, emulator.state.seed_ids, lose_next_answer)
    await crm.aclose()


async def test_the_same_request_key_answers_with_the_case_it_opened(side: Side) -> None:
    first = await side.desk.create_case(side.new_case("pc-same"))
    again = await side.desk.create_case(side.new_case("pc-same"))

    assert again.id == first.id
    assert (await side.subjects()).count("No signal") == 1


async def test_another_request_key_opens_another_case(side: Side) -> None:
    first = await side.desk.create_case(side.new_case("pc-one"))
    second = await side.desk.create_case(side.new_case("pc-two"))

    assert first.id != second.id
    assert (await side.subjects()).count("No signal") == 2


async def test_a_case_whose_answer_was_lost_is_found_by_its_key_not_opened_twice(side: Side) -> None:
    side.lose_next_answer("create_case")

    case = await side.desk.create_case(side.new_case("pc-lost", subject="Lost answer"))
    retried = await side.desk.create_case(side.new_case("pc-lost", subject="Lost answer"))

    assert (case.subject, case.status, case.origin) == ("Lost answer", "New", "Portal Website")
    assert retried.id == case.id
    assert (await side.subjects()).count("Lost answer") == 1


async def test_concurrent_requests_with_one_key_open_one_case(side: Side) -> None:
    cases = await asyncio.gather(*(side.desk.create_case(side.new_case("pc-race", subject="Race")) for _ in range(3)))

    assert len({case.id for case in cases}) == 1
    assert (await side.subjects()).count("Race") == 1


async def test_a_key_already_on_another_accounts_case_is_a_conflict(side: Side) -> None:
    daichi = side.ids.accounts["SH-100004"]
    await side.desk.create_case(side.new_case("pc-taken", subject="Daichi's", account=daichi))

    with pytest.raises(ConflictError):
        await side.desk.create_case(side.new_case("pc-taken", subject="Hanako's"))
    assert "Hanako's" not in await side.subjects()


async def test_a_comment_whose_answer_was_lost_is_found_not_posted_twice(side: Side) -> None:
    case_id = side.ids.cases["SH-100001"][0]
    side.lose_next_answer("add_comment")

    comment = await side.desk.add_comment(side.hanako, case_id, "The lamp blinks red.")

    assert (comment.body, comment.created_by_portal) == ("The lamp blinks red.", True)
    comments = (await side.desk.get_case(side.hanako, case_id)).comments
    assert [c.id for c in comments if c.body == "The lamp blinks red."] == [comment.id]


@pytest.mark.integration
async def test_a_create_that_timed_out_without_effect_is_unavailable_and_opens_nothing(
    fresh_emulator: Emulator,
) -> None:
    fresh_emulator.state.faults.arm(Fault(operation="sobject_create:Case", kind=FaultKind.TIMEOUT, delay_ms=1000))
    crm = SalesforceCrm.from_config(fresh_emulator.adapter_config(read_timeout_seconds=0.5))
    account = fresh_emulator.state.seed_ids.accounts["SH-100001"]
    try:
        with pytest.raises(UpstreamUnavailableError):
            await crm.cases.create_case(
                NewCase(account_id=account, request_key="pc-x", subject="Gone", description="d")
            )
        assert "Gone" not in [c.subject for c in await crm.cases.list_cases(account)]
    finally:
        await crm.aclose()
