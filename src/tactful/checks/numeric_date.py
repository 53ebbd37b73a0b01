"""CUL017 numeric-date: dates like 05/11/2026 that a US reader takes month-first."""

from __future__ import annotations

import calendar
from collections.abc import Iterator

import regex

from tactful._model import Applicability, FixAvailability, Severity
from tactful.checks._shared import US_ONLY
from tactful.rule import CheckContext, Rule, Violation, replace

# Day, month and year with the same separator; a two-digit year only with "/".
# Not inside a longer run of digits, versions (v1.2.2026) or ratios.
_FULL = regex.compile(
    r"(?<![\w/.:-])(?P<a>\d{1,2})(?P<sep>[/.-])(?P<b>\d{1,2})(?P=sep)"
    r"(?P<year>(?:19|20)\d{2}|(?<=/\d{1,2}/)\d{2})(?![\w/-]|\.\d)"
)
# Day and month alone only right after a word that introduces a date ("on 05/11"), and
# not a simple fraction ("by 1/2"): lab values such as 1/2 dilutions or 10/20 mL stay clean.
_SHORT = regex.compile(
    r"(?<=\b(?:[Oo]n|[Bb]y|[Bb]efore|[Aa]fter|[Uu]ntil|[Tt]ill|[Ss]ince|[Dd]ated)\s)"
    r"(?P<a>\d{1,2})/(?P<b>\d{1,2})(?![\w/]|\.\d)(?=\s*(?:[,;)]|\.|$|\s+(?:at|or|and|to|in|from"
    r"|morning|afternoon|evening|onwards?|itself|this|next)\b))",
    regex.MULTILINE,
)
_DOTTED_OR_DASHED_YEARS = (".19", ".20", "-19", "-20")
_FRACTIONS = frozenset({(1, 2), (1, 3), (2, 3), (1, 4), (3, 4), (1, 5), (1, 8)})


def spelled(month: int, day: int, year: int | None) -> str:
    text = f"{calendar.month_name[month]} {day}"
    return f"{text}, {year}" if year is not None else text


def valid(month: int, day: int, year: int | None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year or 2024, month)[1]


class NumericDate(Rule):
    """
    ## What it does
    Flags numeric dates that can be read day-first (05/11/2026, 5.11.2026,
    05-11-2026, and “on 05/11”). When both readings are real dates the finding is a
    warning that gives both (“May 11, 2026” or “November 5, 2026”). When the first
    number is over 12 (13/11/2026) the date can only be day-first: a US reader will
    work it out, so it is a notice with the spelled-out date. Dates that can only be
    month-first (11/13/2026), ISO dates (2026-11-05) and lab values (a 1/2 dilution,
    10/20 mL, ratios) are not flagged.

    ## Why it matters
    The US writes dates month-first; most of the world writes them day-first. A US
    hiring manager reads 09/11/2026 as September 11, not 9 November, so a start date,
    an availability or a notice period can be misread by months. Writing the month as
    a word removes the doubt for every reader.

    ## Example
    ```text
    Dear Ms. Foster,

    My notice period ends on 01/12/2026, so I can start any time after that.
    ```
    ```text
    Dear Dr. Moore,

    Thank you again for interviewing me on 09/11/2026. I can also come in on 20/11.
    ```

    ## Use instead
    ```text
    Dear Ms. Foster,

    My notice period ends on December 1, 2026. I prepared a 1/2 dilution and 10/20 mL
    aliquots, and the form is dated 2026-11-05 (11/13/2026 in the LIS).
    ```

    ## Fix safety
    For an ambiguous date only you know which reading you meant, so each fix is
    unsafe; choose the one you meant. A date that can only be day-first gets a safe
    fix.
    """

    code = "CUL017"
    name = "numeric-date"
    category = "culture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    audiences = US_ONLY

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        text = ctx.message.prose_text
        slash = "/" in text
        # A full date with "." or "-" puts a year in 19xx or 20xx right after the second
        # separator; any other date holds a "/". Most notes hold neither.
        if slash or any(piece in text for piece in _DOTTED_OR_DASHED_YEARS):
            for match in _FULL.finditer(text):
                year = int(match.group("year"))
                yield from self._report(ctx, match, year + 2000 if year < 100 else year)
        for match in _SHORT.finditer(text) if slash else ():
            first, second = int(match.group("a")), int(match.group("b"))
            if (first, second) not in _FRACTIONS:
                yield from self._report(ctx, match, None)

    def _report(
        self, ctx: CheckContext, match: regex.Match[str], year: int | None
    ) -> Iterator[Violation]:
        first, second = int(match.group("a")), int(match.group("b"))
        start, end = match.start(), match.end()
        shown = ctx.text[start:end]
        month_first = valid(first, second, year)
        day_first = valid(second, first, year)
        if not day_first or (month_first and first == second):
            return  # only the US reading exists, or both readings agree
        day_first_text = spelled(second, first, year)
        if month_first:
            month_first_text = spelled(first, second, year)
            yield Violation(
                start,
                end,
                message=f"“{shown}” is ambiguous: a US reader takes it as {month_first_text}, "
                f"while in most other countries it means {day_first_text}.",
                help=f"Write the month as a word: “{day_first_text}” or “{month_first_text}”.",
                fixes=(
                    replace(start, end, day_first_text, applicability=Applicability.UNSAFE),
                    replace(start, end, month_first_text, applicability=Applicability.UNSAFE),
                ),
            )
            return
        yield Violation(
            start,
            end,
            message=f"“{shown}” is written day-first, as in most countries; US readers write the "
            "month first and will have to stop to read it.",
            severity=Severity.INFO,
            help=f"Write “{day_first_text}”.",
            fixes=(replace(start, end, day_first_text, applicability=Applicability.SAFE),),
        )
