"""Glue's cron schedules: ``cron(Minutes Hours Day-of-month Month Day-of-week Year)`` in UTC.

The syntax is Glue's "Time-based schedules for jobs and crawlers" page, with ``#`` (the nth
weekday of the month) as EventBridge's cron reference documents it: six fields; names JAN-DEC
and SUN-SAT (day-of-week 1 is Sunday); ``,`` ``-`` ``*`` ``/`` everywhere; ``?`` ``L`` ``W`` in
day-of-month; ``?`` ``L`` ``#`` in day-of-week; one of the two day fields must be ``?``; rates
faster than every 5 minutes are not supported. See CONTRIBUTING.md for why the fake evaluates
these itself instead of through a cron library.

A schedule is parsed once into sorted value lists; the fire times between two instants are found
by walking the matching days, so a catch-up over years costs a few thousand steps at most.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass, field

FIELDS = ("Minutes", "Hours", "Day-of-month", "Month", "Day-of-week", "Year")
EXAMPLE = "cron(15 12 * * ? *)"
MIN_INTERVAL_MINUTES = 5
_MONTHS = {name: number for number, name in enumerate(
    ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"), 1
)}
_DAYS = {"SUN": 1, "MON": 2, "TUE": 3, "WED": 4, "THU": 5, "FRI": 6, "SAT": 7}
# (low, high, names) of the plain fields, in FIELDS order.
_RANGES: dict[str, tuple[int, int, dict[str, int]]] = {
    "Minutes": (0, 59, {}),
    "Hours": (0, 23, {}),
    "Day-of-month": (1, 31, {}),
    "Month": (1, 12, _MONTHS),
    "Day-of-week": (1, 7, _DAYS),
    "Year": (1970, 2199, {}),
}
_EXPRESSION = re.compile(r"\s*cron\((?P<fields>[^()]*)\)\s*", re.IGNORECASE)
_ITEM = re.compile(r"(?P<start>\*|[A-Za-z0-9]+)(?:-(?P<end>[A-Za-z0-9]+))?(?:/(?P<step>[0-9]+))?")
_LAST_OFFSET = re.compile(r"L-(?P<offset>[0-9]+)")
_NEAREST_WEEKDAY = re.compile(r"(?P<day>[0-9]+)W")
_LAST_WEEKDAY = re.compile(r"(?P<day>[A-Za-z0-9]+)L")
_NTH_WEEKDAY = re.compile(r"(?P<day>[A-Za-z0-9]+)#(?P<nth>[0-9]+)")
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_DAY = 86400


class CronError(ValueError):
    """A schedule Glue would not accept; the message says which field and why."""


@dataclass(frozen=True)
class Cron:
    """A parsed schedule: the values each field allows, and how the matching days are chosen."""

    text: str
    minutes: tuple[int, ...]
    hours: tuple[int, ...]
    months: tuple[int, ...]
    years: tuple[int, ...]
    # One of the day fields is '?': the other decides, as (kind, values) — see _days_of_month.
    day_rule: tuple[str, tuple[int, ...]]
    _days: dict[tuple[int, int], tuple[int, ...]] = field(default_factory=dict, compare=False, repr=False)

    def times_between(self, after: float, until: float, limit: int) -> tuple[list[float], int]:
        """The fire times in (``after``, ``until``], oldest first, at most the latest ``limit`` of
        them; and how many earlier ones were left out to keep to the limit."""
        latest: list[float] = []
        left_out = 0
        per_day = len(self.hours) * len(self.minutes)
        for day_start in self._days_back(until, after):
            if len(latest) >= limit and after < day_start and day_start + _DAY <= until:
                left_out += per_day  # a whole day inside the window, beyond the limit
                continue
            for hour in reversed(self.hours):
                for minute in reversed(self.minutes):
                    moment = day_start + hour * 3600 + minute * 60
                    if after < moment <= until:
                        if len(latest) < limit:
                            latest.append(moment)
                        else:
                            left_out += 1
        latest.reverse()
        return latest, left_out

    def next_after(self, moment: float) -> float | None:
        """The first fire time after ``moment``, or None when the schedule never fires again.

        Each field's sorted values are entered where ``moment``'s own value falls (bisect), so
        finding the next fire costs a few steps whatever the date, not a walk from 1970.
        """
        start = _utc(moment)
        first_year = bisect_left(self.years, start.year)
        for year in self.years[first_year:]:
            same_year = year == start.year
            first_month = bisect_left(self.months, start.month) if same_year else 0
            for month in self.months[first_month:]:
                days = self._days_of_month(year, month)
                same_month = same_year and month == start.month
                for day in days[bisect_left(days, start.day) if same_month else 0 :]:
                    day_start = _epoch_day(year, month, day)
                    # The hours before moment's own hour on its own day cannot fire after it.
                    same_day = same_month and day == start.day
                    for hour in self.hours[bisect_left(self.hours, start.hour) if same_day else 0 :]:
                        for minute in self.minutes:
                            candidate = day_start + hour * 3600 + minute * 60
                            if candidate > moment:
                                return candidate
        return None

    def _days_back(self, until: float, after: float) -> Iterator[float]:
        """The start (epoch seconds) of each matching day from ``until``'s back to ``after``'s."""
        last, first = _utc(until), _utc(max(after, 0.0))
        for year in reversed(self.years):
            if year > last.year:
                continue
            if year < first.year:
                return
            for month in reversed(self.months):
                if (year, month) > (last.year, last.month):
                    continue
                if (year, month) < (first.year, first.month):
                    return
                for day in reversed(self._days_of_month(year, month)):
                    if (year, month, day) > (last.year, last.month, last.day):
                        continue
                    if (year, month, day) < (first.year, first.month, first.day):
                        return
                    yield _epoch_day(year, month, day)

    def _days_of_month(self, year: int, month: int) -> tuple[int, ...]:
        key = (year, month)
        days = self._days.get(key)
        if days is None:
            days = self._days[key] = _matching_days(self.day_rule, year, month)
        return days


def parse(text: object) -> Cron:
    """A schedule as Glue takes it, or CronError naming the field and the rule it breaks."""
    if not isinstance(text, str):
        raise CronError(f"a schedule is a string such as {EXAMPLE}")
    return _parse(text)


@functools.lru_cache(maxsize=256)
def _parse(text: str) -> Cron:
    # Cached: a suite repeats a few schedules, and a parsed schedule never changes (the days it
    # has worked out are a cache too).
    match = _EXPRESSION.fullmatch(text)
    if match is None:
        if text.strip().lower().startswith("rate("):
            raise CronError(f"Glue takes cron expressions only, not rate(); e.g. {EXAMPLE}")
        raise CronError(f"write it as cron(Minutes Hours Day-of-month Month Day-of-week Year), e.g. {EXAMPLE}")
    parts = match["fields"].split()
    if len(parts) != len(FIELDS):
        raise CronError(
            f"it has {len(parts)} fields; Glue's cron takes {len(FIELDS)} "
            f"({' '.join(FIELDS)}), e.g. {EXAMPLE}"
        )
    minute, hour, day_of_month, month, day_of_week, year = (part.upper() for part in parts)
    if (day_of_month == "?") == (day_of_week == "?"):
        raise CronError(
            f"Day-of-month {day_of_month!r} and Day-of-week {day_of_week!r}: one of the two must be "
            "'?' (you cannot give both, and you must give one)"
        )
    if day_of_week == "?":
        day_rule = _day_of_month_rule(day_of_month)
    else:
        day_rule = _day_of_week_rule(day_of_week)
    cron = Cron(
        text=text,
        minutes=_values("Minutes", minute),
        hours=_values("Hours", hour),
        months=_values("Month", month),
        years=_values("Year", year),
        day_rule=day_rule,
    )
    _check_rate(cron)
    return cron


def _values(name: str, text: str) -> tuple[int, ...]:
    """A plain field (``,`` ``-`` ``*`` ``/``) as the sorted values it allows."""
    low, high, _ = _RANGES[name]
    chosen: set[int] = set()
    for item in text.split(","):
        match = _ITEM.fullmatch(item)
        if match is None:
            raise CronError(f"{name} {text!r}: {item!r} is not a value, a range, '*' or a step")
        start_text, end_text, step_text = match["start"], match["end"], match["step"]
        if start_text == "*":
            if end_text is not None:
                raise CronError(f"{name} {text!r}: '*' cannot start a range")
            start, end = low, high
        else:
            start = _value(name, start_text, text)
            end = _value(name, end_text, text) if end_text is not None else (high if step_text else start)
        step = int(step_text) if step_text is not None else 1
        if step < 1:
            raise CronError(f"{name} {text!r}: the step after '/' must be 1 or more")
        if end >= start:
            chosen.update(range(start, end + 1, step))
        else:  # a range may wrap: FRI-MON
            span = (high - start) + (end - low) + 1
            chosen.update(low + (start - low + offset) % (high - low + 1) for offset in range(0, span + 1, step))
    return tuple(sorted(chosen))


def _value(name: str, text: str, field_text: str) -> int:
    low, high, names = _RANGES[name]
    if text in names:
        return names[text]
    if not text.isdigit():
        allowed = f"{low}-{high}" + (f" or {min(names, key=names.__getitem__)}-{max(names, key=names.__getitem__)}" if names else "")
        raise CronError(f"{name} {field_text!r}: {text!r} is not a value of {allowed}")
    number = int(text)
    if not low <= number <= high:
        raise CronError(f"{name} {field_text!r}: {number} is outside {low}-{high}")
    return number


def _day_of_month_rule(text: str) -> tuple[str, tuple[int, ...]]:
    if text == "L":
        return ("last", (0,))
    offset = _LAST_OFFSET.fullmatch(text)
    if offset is not None:
        days = int(offset["offset"])
        if not 0 <= days <= 30:
            raise CronError(f"Day-of-month {text!r}: L-n counts 0 to 30 days back from the last day")
        return ("last", (days,))
    if text == "LW":
        return ("last-weekday", ())
    nearest = _NEAREST_WEEKDAY.fullmatch(text)
    if nearest is not None:
        return ("nearest-weekday", (_value("Day-of-month", nearest["day"], text),))
    return ("days", _values("Day-of-month", text))


def _day_of_week_rule(text: str) -> tuple[str, tuple[int, ...]]:
    if text == "L":
        return ("weekdays", (7,))  # the last day of the week: Saturday
    last = _LAST_WEEKDAY.fullmatch(text)
    if last is not None:
        return ("last-of", (_value("Day-of-week", last["day"], text),))
    nth = _NTH_WEEKDAY.fullmatch(text)
    if nth is not None:
        number = int(nth["nth"])
        if not 1 <= number <= 5:
            raise CronError(f"Day-of-week {text!r}: the number after '#' is the week of the month, 1-5")
        return ("nth-of", (_value("Day-of-week", nth["day"], text), number))
    return ("weekdays", _values("Day-of-week", text))


def _matching_days(rule: tuple[str, tuple[int, ...]], year: int, month: int) -> tuple[int, ...]:
    kind, values = rule
    first_weekday, length = calendar.monthrange(year, month)  # Monday is 0

    def weekday(day: int) -> int:  # Glue's numbering: Sunday 1 … Saturday 7
        return (first_weekday + day - 1 + 1) % 7 + 1

    if kind == "days":
        return tuple(day for day in values if day <= length)
    if kind == "last":
        day = length - values[0]
        return (day,) if day >= 1 else ()
    if kind == "last-weekday":
        day = length
        while weekday(day) in (1, 7):
            day -= 1
        return (day,)
    if kind == "nearest-weekday":
        target = values[0]
        if target > length:
            return ()
        if weekday(target) == 7:  # Saturday: the Friday before, or the Monday after the 1st
            return (target - 1,) if target > 1 else (target + 2,)
        if weekday(target) == 1:  # Sunday: the Monday after, or the Friday before the last day
            return (target + 1,) if target < length else (target - 2,)
        return (target,)
    if kind == "weekdays":
        return tuple(day for day in range(1, length + 1) if weekday(day) in values)
    if kind == "last-of":
        days = [day for day in range(1, length + 1) if weekday(day) == values[0]]
        return (days[-1],)
    # nth-of
    days = [day for day in range(1, length + 1) if weekday(day) == values[0]]
    return (days[values[1] - 1],) if values[1] <= len(days) else ()


def _check_rate(cron: Cron) -> None:
    """Glue does not support schedules that fire more often than every 5 minutes."""
    minutes = cron.minutes
    gaps = [later - earlier for earlier, later in zip(minutes, minutes[1:])]
    hours = set(cron.hours)
    if any((hour + 1) % 24 in hours for hour in hours):  # the last minute of an hour, the first of the next
        gaps.append(60 - minutes[-1] + minutes[0])
    if gaps and min(gaps) < MIN_INTERVAL_MINUTES:
        raise CronError(
            f"Minutes {','.join(map(str, minutes[:6]))}{',…' if len(minutes) > 6 else ''} fire "
            f"{min(gaps)} minute(s) apart; Glue does not support rates faster than every "
            f"{MIN_INTERVAL_MINUTES} minutes (e.g. cron(0/5 * * * ? *))"
        )


def _utc(moment: float) -> datetime.datetime:
    return _EPOCH + datetime.timedelta(seconds=moment)


_EPOCH_ORDINAL = _EPOCH.toordinal()


def _epoch_day(year: int, month: int, day: int) -> float:
    """The start of a day in epoch seconds (``calendar.timegm``'s, by day numbers alone)."""
    return float((datetime.date(year, month, day).toordinal() - _EPOCH_ORDINAL) * _DAY)
