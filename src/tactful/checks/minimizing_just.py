"""DIR003 minimizing-just: "just" shrinking a request ("I just wanted to check")."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property

import regex

from tactful._model import Applicability, Fix, FixAvailability, Severity
from tactful.checks._shared import folded_text, phrase_alternation
from tactful.rule import CheckContext, Resources, Rule, Violation, replace


class MinimizingJust(Rule):
    """
    ## What it does
    Flags “just” when it shrinks a request: “I just wanted to check”, “I'm just
    following up”, “Just checking in”, “just a quick question”. “Just” meaning
    “only” or “exactly” (“just two years”, “just after the interview”) and “I just
    wanted to thank you” (a thank-you, not a request) are not flagged.

    ## Why it matters
    “Just” makes a request sound smaller so the reader will not mind it. A hiring
    manager expects follow-ups and does not need the request shrunk; the word makes
    you sound hesitant, and writing guides list it among the words that undercut
    confidence. Dropping it keeps the sentence polite.

    ## Example
    ```text
    Dear Dr. Whitmore,

    I just wanted to check if there has been any progress on the Molecular Technologist position.
    ```
    ```text
    Dear Ms. Lee,

    Just checking in on the Phlebotomist role.
    ```

    ## Use instead
    ```text
    Dear Dr. Whitmore,

    I am writing to ask whether there has been any progress on the position. I just wanted to
    thank you again; I have just two years of NGS experience, gained just after my degree.
    ```

    ## Fix safety
    Removing “just” changes nothing but the tone; the fix is safe.
    """

    code = "DIR003"
    name = "minimizing-just"
    category = "directness"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS

    def setup(self, resources: Resources) -> None:
        lead_ins = phrase_alternation(resources.lexicon("just-lead-ins"))
        verbs = phrase_alternation(resources.lexicon("just-request-verbs"))
        gerunds = phrase_alternation(resources.lexicon("just-request-gerunds"))
        self._source = (
            rf"(?<![\w'’])(?P<just>just)\s+(?:{lead_ins}\s+(?:in\s+)?to\s+{verbs}|{gerunds})"
        )

    @cached_property
    def pattern(self) -> regex.Pattern[str]:
        """Compiled when a message first holds "just": full case folding makes it ~15 ms."""
        return regex.compile(self._source, regex.IGNORECASE | regex.VERSION1)

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        text = ctx.message.prose_text
        # Every match holds "just": a message whose folded text has none cannot match.
        lowered = folded_text(ctx, text)
        if lowered is not None and "just" not in lowered:
            return
        for match in self.pattern.finditer(text):
            start, end = match.span("just")
            yield Violation(
                start,
                end,
                message="“just” makes this request sound smaller than it is; a hiring manager "
                "expects the question, and the word makes you sound hesitant.",
                help="Drop “just”, or open plainly: “I am writing to ask whether ...”.",
                fixes=self._fix(ctx, start, end),
            )

    def _fix(self, ctx: CheckContext, start: int, end: int) -> tuple[Fix, ...]:
        text = ctx.text
        gap = end
        while gap < len(text) and text[gap] == " ":
            gap += 1
        if text[start].isupper() and gap < len(text):
            # "Just checking in" -> "Checking in": the next word takes the capital.
            return (
                replace(
                    start,
                    gap + 1,
                    text[gap].upper(),
                    title="Remove “just”",
                    applicability=Applicability.SAFE,
                ),
            )
        return (replace(start, gap, "", title="Remove “just”", applicability=Applicability.SAFE),)
