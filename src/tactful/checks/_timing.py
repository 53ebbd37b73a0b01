"""When things happened, as the timing rules read it.

A date without a time means that whole day; a datetime without a zone is the writer's
local time. When one side has a zone and the other does not, the naive one is read in
the zone of the other (the writer and the interview are almost always in one place).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from pydantic import ConfigDict

from tactful.rule import CheckContext

#: Options of the timing rules, written in kebab-case ("within-hours") or snake_case.
OPTIONS = ConfigDict(
    frozen=True,
    extra="forbid",
    alias_generator=lambda name: name.replace("_", "-"),
    validate_by_name=True,
    validate_by_alias=True,
)


@dataclass(frozen=True)
class Moment:
    """A point, or a whole day, in time: ``earliest`` to ``latest``."""

    earliest: datetime
    latest: datetime


def moment(value: date | datetime, zone: tzinfo | None) -> Moment:
    if isinstance(value, datetime):
        point = value if value.tzinfo is not None or zone is None else value.replace(tzinfo=zone)
        return Moment(point, point)
    start = datetime.combine(value, time.min, tzinfo=zone)
    return Moment(start, start + timedelta(days=1))


def aligned(a: datetime, b: datetime) -> tuple[datetime, datetime]:
    """Two datetimes that can be compared: a naive one takes the other's zone."""
    if (a.tzinfo is None) == (b.tzinfo is None):
        return a, b
    if a.tzinfo is None:
        return a.replace(tzinfo=b.tzinfo), b
    return a, b.replace(tzinfo=a.tzinfo)


def hours_between(earlier: datetime, later: datetime) -> float:
    first, second = aligned(earlier, later)
    return (second - first).total_seconds() / 3600


def local_date(value: datetime, like: datetime) -> date:
    """The calendar date of ``value`` as seen in ``like``'s zone (the writer's)."""
    first, second = aligned(value, like)
    if first.tzinfo is not None and second.tzinfo is not None:
        return first.astimezone(second.tzinfo).date()
    return first.date()


def business_days_after(start: date, end: date) -> int:
    """Weekdays (Monday-Friday) after ``start`` up to and including ``end``."""
    days = 0
    current = start + timedelta(days=1)
    while current <= end:
        if current.weekday() < 5:
            days += 1
        current += timedelta(days=1)
    return days


def send_span(ctx: CheckContext) -> tuple[int, int]:
    """Where a finding about the send time points: the Date header it came from, else the top."""
    header = ctx.message.header("date")
    if ctx.context.sent_at is None and header is not None:
        return header.start, header.end
    at = ctx.message.parts.greeting or ctx.message.parts.body
    return at.start, at.start
