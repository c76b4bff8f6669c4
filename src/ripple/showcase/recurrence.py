"""Recurrence: RFC 5545 RRULEs parsed with icalendar and expanded with python-dateutil, in the series'
own time zone (so 12:30 stays 12:30 local across daylight-saving changes), within a bounded window.

The friendly form (every week / every two weeks / the first Friday of the month / every weekday)
is turned into an RRULE here too; anything else can be typed as an RRULE.
"""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Any

from dateutil.rrule import rrulestr
from django.core.exceptions import ValidationError
from icalendar import vRecur

# Sessions are generated this far ahead (a rule that never ends still yields a bounded list)…
HORIZON_DAYS = 182
# …and never more than this many at once, whatever the rule (a daily rule over years).
MAX_PER_SYNC = 400
FIRST_WITHIN = timedelta(days=5 * 366)  # a rule whose first session is further away than this is a mistake
ALLOWED_FREQ = {"DAILY", "WEEKLY", "MONTHLY", "YEARLY"}
WEEKDAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
ORDINALS = {1: "first", 2: "second", 3: "third", 4: "fourth", -1: "last"}

PATTERNS = [
    ("weekly", "Every week"),
    ("biweekly", "Every two weeks"),
    ("monthly", "Once a month (same weekday, e.g. the first Friday)"),
    ("weekdays", "Every weekday (Monday to Friday)"),
    ("custom", "Custom RRULE (advanced)"),
]


@cache
def time_zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones() - {"localtime", "Factory"})


def time_zone(name: str, field: str = "timezone") -> zoneinfo.ZoneInfo:
    """The IANA zone `name`, or a ValidationError on `field`."""
    name = (name or "").strip()
    if name not in set(time_zone_names()):
        raise ValidationError(
            {field: f"Unknown time zone “{name[:64]}”: use an IANA name such as Europe/London."}
        )
    return zoneinfo.ZoneInfo(name)


def clean_rule(text: str) -> str:
    """The RRULE value in canonical form (no "RRULE:" prefix), or a ValidationError on "rrule"."""
    raw = " ".join((text or "").split())
    if raw.upper().startswith("RRULE:"):
        raw = raw[6:]
    if not raw:
        raise ValidationError({"rrule": "Say how the series repeats."})
    if "\n" in raw or "DTSTART" in raw.upper() or len(raw) > 400:
        raise ValidationError({"rrule": "Give one RRULE value, e.g. FREQ=WEEKLY;BYDAY=FR."})
    try:
        recur = vRecur.from_ical(raw)
    except Exception as exc:  # a parser boundary: whatever icalendar raises, the rule is not valid
        raise ValidationError({"rrule": f"That is not a valid RRULE ({raw[:80]})."}) from exc
    freq = [str(f).upper() for f in recur.get("FREQ", [])]
    if len(freq) != 1:
        raise ValidationError({"rrule": "An RRULE needs exactly one FREQ, e.g. FREQ=WEEKLY."})
    if freq[0] not in ALLOWED_FREQ:
        raise ValidationError(
            {"rrule": "Sessions repeat daily at most often (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)."}
        )
    _possible(recur, freq[0])
    if "COUNT" in recur and "UNTIL" in recur:
        raise ValidationError({"rrule": "An RRULE takes COUNT or UNTIL, not both."})
    canonical = recur.to_ical().decode()
    if "UNTIL" in recur:
        until = recur["UNTIL"][0]
        if not isinstance(until, datetime):  # a date: through the end of that day (UTC)
            until = datetime.combine(until, time(23, 59, 59), tzinfo=UTC)
        elif until.tzinfo is None:
            raise ValidationError(
                {"rrule": "UNTIL must be in UTC (end it with Z), e.g. UNTIL=20271231T235959Z."}
            )
        recur["UNTIL"] = [until.astimezone(UTC)]
        canonical = recur.to_ical().decode()
    return canonical


PARTS = {"FREQ", "INTERVAL", "COUNT", "UNTIL", "WKST", "BYDAY", "BYMONTH", "BYMONTHDAY", "BYSETPOS"}
MONTH_DAYS = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]


def _possible(recur: vRecur, freq: str) -> None:
    """Refuse what a meeting series never needs and rules that can never give a session (30 February),
    which dateutil would otherwise search for up to the year 9999."""
    unknown = set(recur) - PARTS
    if unknown:
        raise ValidationError({"rrule": f"Not supported for a series: {', '.join(sorted(unknown))}."})
    if freq in ("DAILY", "WEEKLY") and ({"BYMONTHDAY", "BYSETPOS"} & set(recur)):
        raise ValidationError({"rrule": "BYMONTHDAY and BYSETPOS go with FREQ=MONTHLY or YEARLY."})
    try:
        interval = int(recur.get("INTERVAL", [1])[0])
        months = [int(m) for m in recur.get("BYMONTH", [])] or list(range(1, 13))
        days = [int(d) for d in recur.get("BYMONTHDAY", [])]
        positions = [int(p) for p in recur.get("BYSETPOS", [])]
    except (TypeError, ValueError) as exc:
        raise ValidationError(
            {"rrule": "INTERVAL, BYMONTH, BYMONTHDAY and BYSETPOS take whole numbers."}
        ) from exc
    if not 1 <= interval <= 52:
        raise ValidationError({"rrule": "INTERVAL must be between 1 and 52."})
    if any(not 1 <= m <= 12 for m in months):
        raise ValidationError({"rrule": "BYMONTH takes months 1 to 12."})
    longest = max(MONTH_DAYS[m - 1] for m in months)
    if days and all(not 1 <= abs(d) <= longest for d in days):
        raise ValidationError({"rrule": "No month in this rule has that day (e.g. 30 February)."})
    if any(not 1 <= abs(p) <= 5 for p in positions):
        raise ValidationError({"rrule": "BYSETPOS picks one of the first five (1..5) or last five (-1..-5)."})


def start_of(start_date: date, start_time: time, tz: zoneinfo.ZoneInfo) -> datetime:
    return datetime.combine(start_date, start_time, tzinfo=tz)


def _rule(rule: str, dtstart: datetime) -> Any:
    """The dateutil rule (`clean_rule` has refused the rules that can never match, for which dateutil
    would walk every period up to the year 9999)."""
    try:
        return rrulestr(f"RRULE:{rule}", dtstart=dtstart)
    except Exception as exc:  # a parser boundary: whatever dateutil raises, the rule is not valid
        raise ValidationError({"rrule": f"That is not a valid RRULE ({str(exc)[:120]})."}) from exc


def _normalise(local: datetime) -> datetime:
    """A wall-clock time that does not exist (inside a spring-forward gap) moves to the real one after it."""
    round_trip = local.astimezone(UTC).astimezone(local.tzinfo)
    return round_trip if round_trip.replace(tzinfo=None) != local.replace(tzinfo=None) else local


def instances(
    *,
    rule: str,
    start_date: date,
    start_time: time,
    tz_name: str,
    after: datetime,
    before: datetime,
    limit: int = MAX_PER_SYNC,
) -> list[datetime]:
    """Starts (aware, in the series' zone) the rule gives in [after, before), at most `limit`."""
    tz = time_zone(tz_name)
    dtstart = start_of(start_date, start_time, tz)
    out: list[datetime] = []
    for value in _rule(rule, dtstart).xafter(after.astimezone(tz) - timedelta(seconds=1), inc=True):
        if value >= before:
            break
        out.append(_normalise(value))
        if len(out) >= limit:
            break
    return out


def validate(*, rule: str, start_date: date, start_time: time, tz_name: str) -> str:
    """Check a rule before it is saved: canonical RRULE, a real time zone, and at least one session."""
    canonical = clean_rule(rule)
    tz = time_zone(tz_name)
    dtstart = start_of(start_date, start_time, tz)
    first = _rule(canonical, dtstart).after(dtstart - timedelta(seconds=1), inc=True)
    if first is None or first - dtstart > FIRST_WITHIN:
        raise ValidationError(
            {"rrule": "This rule gives no session at all (in the next five years): check it."}
        )
    return canonical


def never_ends(rule: str) -> bool:
    return "COUNT=" not in rule.upper() and "UNTIL=" not in rule.upper()


# --- the friendly form ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Friendly:
    pattern: str  # one of PATTERNS
    weekday: int  # 0 = Monday
    ends: str  # never | on | after
    until: date | None = None
    count: int | None = None


def nth_weekday(day: date) -> int:
    """Which occurrence of its weekday `day` is in its month: 1..4, or -1 for the last (5th) one."""
    n = (day.day - 1) // 7 + 1
    return -1 if n >= 5 else n


def build_rule(friendly: Friendly, start_date: date, tz: zoneinfo.ZoneInfo, start_time: time) -> str:
    """The RRULE for a friendly choice. The end date is inclusive, in the series' zone."""
    parts: dict[str, object] = {}
    day = WEEKDAYS[friendly.weekday]
    if friendly.pattern == "weekly":
        parts = {"FREQ": "WEEKLY", "BYDAY": [day]}
    elif friendly.pattern == "biweekly":
        parts = {"FREQ": "WEEKLY", "INTERVAL": 2, "BYDAY": [day]}
    elif friendly.pattern == "monthly":
        parts = {"FREQ": "MONTHLY", "BYDAY": [f"{nth_weekday(start_date):+d}{day}"]}
    elif friendly.pattern == "weekdays":
        parts = {"FREQ": "WEEKLY", "BYDAY": ["MO", "TU", "WE", "TH", "FR"]}
    else:
        raise ValidationError({"pattern": "Choose how often the series meets."})
    if friendly.ends == "on":
        if friendly.until is None:
            raise ValidationError({"until": "Give the date of the last session."})
        if friendly.until < start_date:
            raise ValidationError({"until": "The last session cannot be before the first one."})
        parts["UNTIL"] = datetime.combine(friendly.until, time(23, 59, 59), tzinfo=tz).astimezone(UTC)
    elif friendly.ends == "after":
        if not friendly.count or not 1 <= friendly.count <= 500:
            raise ValidationError({"count": "Give a number of sessions between 1 and 500."})
        parts["COUNT"] = friendly.count
    return vRecur(parts).to_ical().decode()


def describe(rule: str, start_date: date, start_time: time) -> str:
    """A sentence for people: "Every Friday", "Every 2 weeks on Friday", "The first Friday of each month"."""
    try:
        recur = vRecur.from_ical(rule)
    except (ValueError, TypeError, KeyError, IndexError):
        return rule
    freq = str(recur.get("FREQ", [""])[0]).upper()
    interval = int(recur.get("INTERVAL", [1])[0])
    days = [str(d).upper() for d in recur.get("BYDAY", [])]
    names = [WEEKDAY_NAMES[WEEKDAYS.index(d[-2:])] for d in days if d[-2:] in WEEKDAYS]
    text = rule
    if freq == "WEEKLY" and sorted(d[-2:] for d in days) == sorted(WEEKDAYS[:5]) and interval == 1:
        text = "Every weekday"
    elif freq == "WEEKLY":
        on = ", ".join(names) or WEEKDAY_NAMES[start_date.weekday()]
        text = f"Every {on}" if interval == 1 else f"Every {interval} weeks on {on}"
    elif freq == "MONTHLY" and len(days) == 1 and days[0][:-2].lstrip("+-").isdigit():
        n = int(days[0][:-2])
        text = f"The {ORDINALS.get(n, str(n))} {names[0]} of each month"
    elif freq == "DAILY":
        text = "Every day" if interval == 1 else f"Every {interval} days"
    elif freq == "MONTHLY":
        text = "Every month" if interval == 1 else f"Every {interval} months"
    if "COUNT" in recur:
        text += f", {int(recur['COUNT'][0])} sessions"
    elif "UNTIL" in recur:
        text += f", until {recur['UNTIL'][0]:%-d %b %Y}"
    return text


def friendly_of(rule: str, start_date: date) -> dict[str, object]:
    """Initial values for the friendly form from a stored rule ("custom" when it is something else)."""
    try:
        recur = vRecur.from_ical(rule)
    except (ValueError, TypeError, KeyError, IndexError):
        return {"pattern": "custom"}
    freq = str(recur.get("FREQ", [""])[0]).upper()
    interval = int(recur.get("INTERVAL", [1])[0])
    days = [str(d).upper() for d in recur.get("BYDAY", [])]
    extra = set(recur) - {"FREQ", "INTERVAL", "BYDAY", "UNTIL", "COUNT", "WKST"}
    out: dict[str, object] = {"weekday": start_date.weekday(), "ends": "never"}
    if "COUNT" in recur:
        out.update(ends="after", count=int(recur["COUNT"][0]))
    elif "UNTIL" in recur:
        out.update(
            ends="on",
            until=recur["UNTIL"][0].date() if isinstance(recur["UNTIL"][0], datetime) else recur["UNTIL"][0],
        )
    if extra:
        return {"pattern": "custom"}
    if freq == "WEEKLY" and interval == 1 and sorted(days) == sorted(WEEKDAYS[:5]):
        out["pattern"] = "weekdays"
    elif freq == "WEEKLY" and interval in (1, 2) and len(days) == 1 and days[0] in WEEKDAYS:
        out.update(pattern="weekly" if interval == 1 else "biweekly", weekday=WEEKDAYS.index(days[0]))
    elif freq == "MONTHLY" and interval == 1 and len(days) == 1 and days[0][-2:] in WEEKDAYS:
        out.update(pattern="monthly", weekday=WEEKDAYS.index(days[0][-2:]))
    else:
        return {"pattern": "custom"}
    return out
