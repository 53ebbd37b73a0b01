"""CUL015 stacked-honorific: "Respected Dr. Patel Ma'am", "Dear Mr. Hall Sir"."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from tactful._model import Applicability, FixAvailability, Severity
from tactful.checks._shared import US_ONLY
from tactful.rule import CheckContext, Rule, Violation, replace

_HONORIFIC = r"(?:Sir|Madam|Madame|Ma['’]am|Mam|Maam|Ji|ji|Saheb|Sahib|Sahab)"
_NAME_WORD = rf"(?!{_HONORIFIC}\b)\p{{Lu}}[\p{{L}}'’-]*"
_STACKED = regex.compile(
    r"(?P<lead>(?:Dear\s+)?(?:Most\s+|most\s+)?(?:Respected|respected|Respectable|Honou?red"
    r"|Esteemed)\s+)?"
    r"(?P<title>(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Engr)\.?|Professor|Doctor)\s+"
    rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})"
    rf"(?P<tail>\s+{_HONORIFIC}\b)?",
)
# An honorific before the name: "Dear Ma'am Grace", "Sir Dr. Patel" (a bare "Sir John"
# may be a knight, so "Sir" counts only before a title).
_TITLES = r"(?:(?:Dr|Mr|Mrs|Ms|Mx|Miss|Prof|Engr)\.?|Professor|Doctor)"
_HONORIFIC_FIRST = regex.compile(
    r"(?P<lead>(?:Dear\s+)?(?:(?:Ma['’]am|Madam|Mam|Maam)|Sir(?=\s+" + _TITLES + r"\s)))\s+"
    rf"(?:(?P<title>{_TITLES})\s+)?(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,2}})",
)

# What every reported match holds: a leading word of respect (in _STACKED's "lead") or an
# honorific (in its "tail", and in _HONORIFIC_FIRST); all are matched case-sensitively.
_REPORTED_WORDS = ("espect", "Hono", "Esteemed", "Sir", "Ma", "Ji", "ji", "Sah")


class StackedHonorific(Rule):
    """
    ## What it does
    Flags a greeting that stacks honorifics on a name: “Respected” before a title
    and name (“Respected Dr. Kapoor”), “Sir”/“Ma'am” after one (“Dr. Kapoor
    Ma'am”, “Mr. Hall Sir”), or “Ma'am” before a name (“Dear Ma'am Grace”,
    “Sir Dr. Patel”).

    ## Why it matters
    Adding “Respected” and “Sir” or “Ma'am” to the title and name is a warm, correct
    courtesy in India and several neighbouring countries. In US English the title and
    surname already carry all the respect needed; a second or third honorific reads
    as unusual deference, which can make the note feel less like one from a future
    colleague.

    ## Example
    ```text
    Respected Dr. Kapoor Ma'am,

    Thank you for taking the time to interview me this morning.
    ```
    ```text
    Dear Mr. Hall Sir,

    Thank you for the interview today.
    ```

    ## Use instead
    ```text
    Dear Dr. Kapoor,

    Thank you for taking the time to interview me this morning.
    ```

    ## Fix safety
    The fix keeps your title and name and drops the extra honorifics (“Dear
    Dr. Kapoor”); it is safe. With no title (“Dear Ma'am Grace”) there is no fix: only
    you know the right title and surname.
    """

    code = "CUL015"
    name = "stacked-honorific"
    category = "culture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    audiences = US_ONLY

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        greeting = ctx.message.parts.greeting
        if greeting is None:
            return
        text = ctx.text[greeting.start : greeting.end]
        if not any(word in text for word in _REPORTED_WORDS):
            return
        first = _HONORIFIC_FIRST.search(text)
        if first is not None:
            yield self._honorific_first(ctx, greeting.start, first)
            return
        for match in _STACKED.finditer(text):
            if not match.group("lead") and not match.group("tail"):
                continue
            start, end = greeting.start + match.start(), greeting.start + match.end()
            plain = f"{match.group('title')} {' '.join(match.group('name').split())}"
            # With a leading "Respected" the greeting word goes; otherwise "Dear" stays in place.
            replacement = f"Dear {plain}" if match.group("lead") else plain
            yield Violation(
                start,
                end,
                message=f"“{ctx.text[start:end]}” adds honorifics to the title and name, a warm "
                "courtesy in South Asian English; in the US the title and surname alone carry "
                "the respect, and more reads as unusual deference.",
                help=f"Write “Dear {plain},”.",
                fixes=(replace(start, end, replacement, applicability=Applicability.SAFE),),
            )

    def _honorific_first(
        self, ctx: CheckContext, offset: int, match: regex.Match[str]
    ) -> Violation:
        start, end = offset + match.start(), offset + match.end()
        name = " ".join(match.group("name").split())
        message = (
            f"“{ctx.text[start:end]}” puts an honorific before the name, a warm courtesy in "
            "Philippine and South Asian English; in the US the title and surname alone carry "
            "the respect."
        )
        if match.group("title"):
            plain = f"Dear {match.group('title')} {name}"
            return Violation(
                start,
                end,
                message=message,
                help=f"Write “{plain},”.",
                fixes=(replace(start, end, plain, applicability=Applicability.SAFE),),
            )
        return Violation(
            start,
            end,
            message=message,
            help="Use the title and surname instead, as in “Dear Dr. <surname>,” or “Dear Ms. <surname>,”.",
        )
