"""Glue's cron expressions: every documented wildcard, fire times in UTC, and the refusals."""

from __future__ import annotations

import calendar
import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pytest_gluejobs._service.cron import Cron, CronError, parse

UTC = datetime.timezone.utc
START = datetime.datetime(2024, 1, 1, tzinfo=UTC)  # a Monday


def next_three(expression: str) -> list[str]:
    cron = parse(f"cron({expression})")
    moment: float | None = START.timestamp()
    found = []
    for _ in range(3):
        assert moment is not None
        moment = cron.next_after(moment)
        assert moment is not None
        found.append(datetime.datetime.fromtimestamp(moment, UTC).strftime("%Y-%m-%d %a %H:%M"))
    return found


@pytest.mark.parametrize(("expression", "expected"), [
    ("15 12 * * ? *", ["2024-01-01 Mon 12:15", "2024-01-02 Tue 12:15", "2024-01-03 Wed 12:15"]),
    ("0 18 ? * MON-FRI *", ["2024-01-01 Mon 18:00", "2024-01-02 Tue 18:00", "2024-01-03 Wed 18:00"]),
    ("0 8 1 * ? *", ["2024-01-01 Mon 08:00", "2024-02-01 Thu 08:00", "2024-03-01 Fri 08:00"]),
    ("0/15 * * * ? *", ["2024-01-01 Mon 00:15", "2024-01-01 Mon 00:30", "2024-01-01 Mon 00:45"]),
    ("0/5 8-17 ? * MON-FRI *", ["2024-01-01 Mon 08:00", "2024-01-01 Mon 08:05", "2024-01-01 Mon 08:10"]),
    ("1/10 3 * * ? *", ["2024-01-01 Mon 03:01", "2024-01-01 Mon 03:11", "2024-01-01 Mon 03:21"]),
    ("0 2 L * ? *", ["2024-01-31 Wed 02:00", "2024-02-29 Thu 02:00", "2024-03-31 Sun 02:00"]),
    ("0 2 L-2 * ? *", ["2024-01-29 Mon 02:00", "2024-02-27 Tue 02:00", "2024-03-29 Fri 02:00"]),
    ("0 2 LW * ? *", ["2024-01-31 Wed 02:00", "2024-02-29 Thu 02:00", "2024-03-29 Fri 02:00"]),
    ("0 2 6W * ? *", ["2024-01-05 Fri 02:00", "2024-02-06 Tue 02:00", "2024-03-06 Wed 02:00"]),
    ("0 2 1W 6 ? *", ["2024-06-03 Mon 02:00", "2025-06-02 Mon 02:00", "2026-06-01 Mon 02:00"]),
    ("0 2 ? * 6#3 *", ["2024-01-19 Fri 02:00", "2024-02-16 Fri 02:00", "2024-03-15 Fri 02:00"]),
    ("0 2 ? * 6L *", ["2024-01-26 Fri 02:00", "2024-02-23 Fri 02:00", "2024-03-29 Fri 02:00"]),
    ("0 2 ? * L *", ["2024-01-06 Sat 02:00", "2024-01-13 Sat 02:00", "2024-01-20 Sat 02:00"]),
    ("0 2 ? * 1 *", ["2024-01-07 Sun 02:00", "2024-01-14 Sun 02:00", "2024-01-21 Sun 02:00"]),
    ("0 2 ? * FRI-MON *", ["2024-01-01 Mon 02:00", "2024-01-05 Fri 02:00", "2024-01-06 Sat 02:00"]),
    ("0 2 31 * ? *", ["2024-01-31 Wed 02:00", "2024-03-31 Sun 02:00", "2024-05-31 Fri 02:00"]),
    ("0 10 ? * mon-fri 2025", ["2025-01-01 Wed 10:00", "2025-01-02 Thu 10:00", "2025-01-03 Fri 10:00"]),
    ("0 0 29 FEB ? 2024/4", ["2024-02-29 Thu 00:00", "2028-02-29 Tue 00:00", "2032-02-29 Sun 00:00"]),
])
def test_fire_times(expression: str, expected: list[str]) -> None:
    assert next_three(expression) == expected


@pytest.mark.parametrize(("expression", "expected"), [
    ("cron(0 2 * * *)", "it has 5 fields"),
    ("cron(0 0 2 * * ? *)", "it has 7 fields"),
    ("0 2 * * ? *", "write it as cron(Minutes Hours Day-of-month Month Day-of-week Year)"),
    ("rate(5 minutes)", "not rate()"),
    ("cron(0 2 * * * *)", "one of the two must be '?'"),
    ("cron(0 2 ? * ? *)", "one of the two must be '?'"),
    ("cron(* * * * ? *)", "1 minute(s) apart"),
    ("cron(0,4 * * * ? *)", "4 minute(s) apart"),
    ("cron(58,2 * * * ? *)", "4 minute(s) apart"),
    ("cron(60 2 * * ? *)", "60 is outside 0-59"),
    ("cron(0 2 0 * ? *)", "0 is outside 1-31"),
    ("cron(0 2 * 13 ? *)", "13 is outside 1-12"),
    ("cron(0 2 * JANUARY ? *)", "'JANUARY' is not a value of 1-12 or JAN-DEC"),
    ("cron(0 2 ? * 0 *)", "0 is outside 1-7"),
    ("cron(0 2 ? * 2#0 *)", "week of the month, 1-5"),
    ("cron(0 2 * * ? 2200)", "2200 is outside 1970-2199"),
    ("cron(0/0 2 * * ? *)", "the step after '/' must be 1 or more"),
    ("cron(*-5 2 * * ? *)", "'*' cannot start a range"),
    ("cron(0 2 L-31 * ? *)", "L-n counts 0 to 30 days"),
    ("cron(0 2 1,L * ? *)", "'L' is not a value of 1-31"),
])
def test_refusals_name_the_field_and_the_rule(expression: str, expected: str) -> None:
    with pytest.raises(CronError) as caught:
        parse(expression)

    assert expected in str(caught.value)


def test_a_schedule_that_never_fires_again_has_no_next_time() -> None:
    assert parse("cron(0 2 * * ? 1999)").next_after(START.timestamp()) is None


@given(
    minute=st.integers(0, 59),
    hour=st.integers(0, 23),
    days=st.integers(0, 800),
    limit=st.integers(1, 50),
    expression=st.sampled_from(["0 2 * * ? *", "0/30 * ? * MON-FRI *", "15 6 L * ? *", "0 12 ? * 3#2 *", "0 0 15W * ? *"]),
)
def test_times_between_agree_with_stepping_one_by_one(minute: int, hour: int, days: int, limit: int, expression: str) -> None:
    cron = parse(f"cron({expression})")
    after = START.timestamp() + hour * 3600 + minute * 60
    until = after + days * 3600 * 7

    times, left_out = cron.times_between(after, until, limit)

    stepped = []
    moment = cron.next_after(after)
    while moment is not None and moment <= until:
        stepped.append(moment)
        moment = cron.next_after(moment)
    assert times == stepped[-limit:]
    assert left_out == max(0, len(stepped) - limit)


def test_day_of_week_numbers_run_from_sunday() -> None:
    for number, name in enumerate(["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"], 1):
        moment = parse(f"cron(0 0 ? * {number} *)").next_after(START.timestamp())
        assert moment is not None
        weekday = datetime.datetime.fromtimestamp(moment, UTC).weekday()  # Monday is 0
        assert ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"][weekday] == name


def next_by_walking(cron: Cron, moment: float) -> float | None:
    """The first fire time after ``moment`` found the slow way: every year, month, matching day,
    hour and minute the schedule allows, in order, from the first."""
    for year in cron.years:
        for month in cron.months:
            for day in cron._days_of_month(year, month):
                day_start = calendar.timegm((year, month, day, 0, 0, 0))
                for hour in cron.hours:
                    for minute in cron.minutes:
                        if day_start + hour * 3600 + minute * 60 > moment:
                            return float(day_start + hour * 3600 + minute * 60)
    return None


@given(
    moment=st.one_of(
        st.floats(-86400 * 400, 7.3e9, allow_nan=False),  # 1969 to past the last year Glue takes
        # on and around the fire times themselves, where "after" must leave the moment out
        st.integers(1704067200 // 60, 1767225600 // 60).map(lambda minute: minute * 60.0),
    ),
    expression=st.sampled_from([
        "0 2 * * ? *", "0/5 * * * ? *", "30 23 L * ? *", "0 12 ? * 3#2 *", "0 0 15W * ? *",
        "45 6,18 ? * MON-FRI 2030-2032", "0 0 29 FEB ? 2024/4", "10 0 1 JAN ? 1970", "0 9 ? * 6L *",
    ]),
)
def test_the_next_fire_time_is_the_first_one_walking_from_1970_finds(moment: float, expression: str) -> None:
    cron = parse(f"cron({expression})")
    assert cron.next_after(moment) == next_by_walking(cron, moment)
