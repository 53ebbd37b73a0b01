"""CUL018 call-time-zone: a proposed time in a foreign zone, or in 24-hour form, with no US zone."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator

import regex

from tactful._model import Applicability, Edit, Fix, FixAvailability, Severity
from tactful.checks._shared import US_ONLY, phrase_pattern
from tactful.rule import CheckContext, Resources, Rule, Violation

# A clock time. Group "h"/"m" hold the hour and minutes; "ampm" a 12-hour marker;
# "hrs" a 24-hour marker. Minutes need two digits and no unit after them, so ratios
# (1:10, 20:80 v/v) and lab values (14.00 mL) are not read as times. Every time starts
# with a digit, which is a word character: "\b(?=\d)" says "not after a word character"
# as "(?<!\w)" would, and lets the engine skip the other places quickly.
_TIME = regex.compile(
    r"\b(?=\d)(?<![:.,/])(?:"
    r"(?P<h>[01]?\d|2[0-3])(?P<sep>[:h]|\.(?=\d\d\s*(?:hrs|hours|h)\b))(?P<m>[0-5]\d)"
    r"|(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)(?=\s*(?:hrs|hours|h)\b)"
    r"|(?P<h12>1[0-2]|0?[1-9])(?=\s*(?:a\.?m\.?|p\.?m\.?)(?!\w)))"
    r"(?P<ampm>\s*(?:a\.?m\.?|p\.?m\.?)(?!\w))?(?P<hrs>\s*(?:hrs|hours|h)\b)?"
    r"(?![\d:]|\.\d|\s*(?:%|mL|ml|µL|uL|L\b|mg|g\b|mm|cm|nm|°|x\b|ratio|dilution|v/v|rpm))",
    regex.IGNORECASE,
)
# Where a time may start: what any _TIME match consumes first (its hour, then the minutes,
# or "a"/"p" after any spaces, or four digits), without the lookarounds. Searched in the
# whole text, it finds every place where a time starts in a sentence, and few others:
# most of a note's digits are in dates, counts and lab values.
_MAY_START_TIME = regex.compile(r"\d{1,2}(?:[:h.]\d\d|\s*[ap])|\d{4}", regex.IGNORECASE)
_OFFSET_ZONE = regex.compile(r"\b(?:GMT|UTC)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?\b")


def twelve_hour(hour: int, minute: int) -> str:
    suffix = "AM" if hour < 12 else "PM"
    shown = hour % 12 or 12
    return f"{shown}:{minute:02d} {suffix}"


class CallTimeZone(Rule):
    """
    ## What it does
    Flags a time proposed for a call or meeting that a US reader cannot use as
    written: one given in a foreign zone (“10 AM IST”, “15:00 GMT+1”, “Lagos time”),
    or in 24-hour form (“14:00”, “1600 hrs”) with no US zone in the same sentence.
    A sentence that also names a US zone (“2 PM ET / 12:30 AM IST”) is fine. A
    24-hour time counts only in a sentence that proposes a call or meeting
    (“available”, “call”, “free”, “slot”, ...), so lab routines (“the 14:00 courier
    run”), values and ratios stay clean.

    ## Why it matters
    A US hiring manager thinks in their own zone and in 12-hour time. Asking them to
    convert from IST or to read 16:00 adds work and risks a missed call; the article
    tactful grew from stresses punctuality, and a call at the wrong hour is the
    opposite. 24-hour time and local zones are correct and normal in most of the world.

    ## Example
    ```text
    Dear Dr. Brandt,

    I am free for a short call on Thursday at 14:00, or at another time that suits him.
    ```
    ```text
    Dear Dr. Moore,

    I am available for a call any weekday between 9 and 11 AM IST.
    ```

    ## Use instead
    ```text
    Dear Dr. Brandt,

    I am free for a short call on Thursday at 2:00 PM Eastern, or at another time that
    suits him. I spun the tubes at 14:00 rpm for a 1:10 dilution in 20:80 v/v buffer.
    ```

    ## Fix safety
    For 24-hour times the fix writes the 12-hour form (14:00 becomes 2:00 PM); you
    still need to add the zone, so the fix is unsafe. Foreign zones get no fix: only
    you know the converted time.
    """

    code = "CUL018"
    name = "call-time-zone"
    category = "culture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.SOMETIMES
    audiences = US_ONLY

    def setup(self, resources: Resources) -> None:
        self.foreign = phrase_pattern(resources.lexicon("foreign-time-zones"), ignore_case=False)
        self.us = phrase_pattern(resources.lexicon("us-time-zones"), ignore_case=False)
        self.scheduling = phrase_pattern(resources.lexicon("scheduling-words"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        text = ctx.message.prose_text
        # Most notes have no place where a time may start, and most sentences none.
        starts = [match.start() for match in _MAY_START_TIME.finditer(text, overlapped=True)]
        if not starts:
            return
        for sentence in ctx.sentences:
            start, end = sentence.start_char, sentence.end_char
            first = bisect_left(starts, start)
            if first == len(starts) or starts[first] >= end:
                continue
            chunk = text[start:end]
            places = starts[first : bisect_left(starts, end, first)]
            times = _times(chunk, [place - start for place in places])
            if not times or self.us.search(chunk):
                continue
            offsets = list(_OFFSET_ZONE.finditer(chunk))
            zones = sorted(
                [
                    *offsets,
                    *(  # "GMT" inside "GMT+1" is the same zone
                        m
                        for m in self.foreign.finditer(chunk)
                        if not any(o.start() <= m.start() < o.end() for o in offsets)
                    ),
                ],
                key=lambda m: m.start(),
            )
            if not zones and not self.scheduling.search(chunk):
                continue  # a 24-hour time that nobody proposes (a courier run, a ratio)
            if zones:
                first = min(times[0].start(), zones[0].start())
                last = max(times[-1].end(), zones[-1].end())
                named = " and ".join(dict.fromkeys(f"“{z.group()}”" for z in zones))
                yield Violation(
                    start + first,
                    start + last,
                    message=f"The time is given in {named}, which is natural where you are; a US "
                    "hiring manager has to convert it, and a slip means a missed call.",
                    help="Give the time in the recipient's zone (for example “9:30 AM Eastern”), "
                    "or both zones.",
                )
                continue
            edits = [
                Edit(start=start + m.start(), end=start + m.end(), replacement=new)
                for m in times
                if (new := _converted(m)) is not None
            ]
            if not edits:
                continue
            span_start, span_end = edits[0].start, edits[-1].end
            shown = ctx.text[span_start:span_end]
            yield Violation(
                span_start,
                span_end,
                message=f"“{shown}” is 24-hour time with no time zone. That is the norm in most "
                "countries, but a US reader uses 12-hour time and needs to know whose clock "
                "you mean.",
                help=f"Write “{edits[0].replacement} Eastern” (or the recipient's own zone).",
                fixes=(
                    Fix(
                        title="Use 12-hour time (then add the zone)",
                        edits=tuple(edits),
                        applicability=Applicability.UNSAFE,
                    ),
                ),
            )


def _times(chunk: str, places: list[int]) -> list[regex.Match[str]]:
    """``list(_TIME.finditer(chunk))``, given the places in the chunk where a time may
    start (every one, and maybe others): the pattern is matched there alone instead of
    tried at every place."""
    found: list[regex.Match[str]] = []
    resume = 0
    for place in places:
        if place < resume:
            continue  # inside the last time
        match = _TIME.match(chunk, place)
        if match is not None:  # never empty: a time holds a digit
            found.append(match)
            resume = match.end()
    return found


def _converted(match: regex.Match[str]) -> str | None:
    """The 12-hour form of a 24-hour time; None for times already in 12-hour form."""
    if match.group("ampm") or match.group("h12"):
        return None
    if match.group("hh"):
        hour, minute = int(match.group("hh")), int(match.group("mm"))
    else:
        hour, minute = int(match.group("h")), int(match.group("m"))
        if hour <= 12 and not match.group("hrs") and not match.group("h").startswith("0"):
            return None  # "at 10:30" reads the same on both clocks
    return twelve_hour(hour, minute)
