"""The twin repeats the emulator's seed (production code may not import the sandbox): they must agree."""

from __future__ import annotations

from adapters.memory.sim_provisioner import seed as twin
from sandbox.freebit import seed as emulator


def test_plans_agree() -> None:
    assert twin.PLAN_QUOTAS_MB == emulator.PLAN_QUOTAS_MB


def test_sim_inventory_agrees() -> None:
    assert {sim.product_number: sim.msisdn for sim in emulator.PHYSICAL_SIMS} == twin.PHYSICAL_SIMS
    assert twin.ESIM_MSISDNS == emulator.ESIM_MSISDNS


def test_hanakos_line_agrees() -> None:
    assert (twin.HANAKO_MSISDN, twin.HANAKO_PRODUCT_NUMBER, twin.HANAKO_PLAN_CODE, twin.HANAKO_STARTED_ON) == (
        emulator.HANAKO_MSISDN,
        emulator.HANAKO_PRODUCT_NUMBER,
        emulator.HANAKO_PLAN_CODE,
        emulator.HANAKO_STARTED_ON,
    )
    assert twin.HANAKO_USED_MB_RECENT_DAYS == emulator.HANAKO_USED_MB_RECENT_DAYS


def test_mnp_reservation_agrees() -> None:
    mnp = emulator.MNP_RESERVATION
    assert (
        mnp.reserve_number,
        mnp.msisdn,
        mnp.valid_days,
    ) == (twin.MNP_RESERVE_NUMBER, twin.MNP_MSISDN, twin.MNP_VALID_DAYS)
    assert (
        mnp.last_name_kanji,
        mnp.first_name_kanji,
        mnp.last_name_kana,
        mnp.first_name_kana,
        mnp.gender,
        mnp.birthday,
    ) == twin.MNP_HOLDER


def test_seed_facts_have_the_documented_shapes() -> None:
    numbers = [sim.msisdn for sim in emulator.PHYSICAL_SIMS] + list(emulator.ESIM_MSISDNS)
    assert len(emulator.PHYSICAL_SIMS) == 10
    assert len(emulator.ESIM_MSISDNS) == 10
    assert len(set(numbers)) == 20
    assert all(len(n) == 11 and n[:3] in {"070", "080", "090"} for n in numbers)
    assert all(len(s.product_number) == 15 and s.product_number[:2] in {"AX", "DN"} for s in emulator.PHYSICAL_SIMS)
    assert emulator.HANAKO_MSISDN not in numbers
    assert all(len(eid) == 32 and eid.isdigit() for eid in emulator.SAMPLE_EIDS)
