"""INF003 casual-greeting: "Hey", "Yo", "Hiya" opening the note."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from tactful._model import FixAvailability, Severity
from tactful.checks._words import phrase_pattern
from tactful.rule import CheckContext, Resources, Rule, Violation, replace

_NAME_AFTER = regex.compile(r"(,?[ \t]+)(?=\p{Lu})")


class CasualGreeting(Rule):
    """
    ## What it does
    Flags a greeting that opens with a casual word such as “Hey”, “Yo”, “Hiya” or
    “Howdy”, and offers “Dear” (before a name) or “Hello”.

    ## Why it matters
    The greeting is the first thing the hiring manager reads. “Hey” is how friends and
    close colleagues greet each other; from a candidate it reads as too familiar, and
    US career advisers recommend “Dear” with the person's title and surname.

    ## Example
    ```text
    Hey Ms. Morales,

    Thank you for showing me the grossing room and the Leica stainers.
    ```
    ```text
    Hey there,

    Thank you for the tour of the microbiology bench.
    ```

    ## Use instead
    ```text
    Dear Ms. Morales,

    Thank you for showing me the grossing room and the Leica stainers.
    ```

    ## Fix safety
    Replacing the casual word with “Dear” or “Hello” keeps the rest of the greeting; safe.
    Whether the name itself is right is the salutation rules' business.
    """

    code = "INF003"
    name = "casual-greeting"
    category = "informal"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS

    def setup(self, resources: Resources) -> None:
        self._greetings = phrase_pattern(resources.lexicon("casual-greetings"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        greeting = ctx.message.parts.greeting
        if greeting is None:
            return
        line = ctx.text[greeting.start : greeting.end]
        match = self._greetings.match(line)
        if match is None:
            return
        start, end = greeting.start + match.start(), greeting.start + match.end()
        word = ctx.text[start:end]
        if ctx.is_allowed(word):
            return
        name = _NAME_AFTER.match(line, match.end())
        if name:
            # "Hey Ms. Morales," / "Hey, Dr. Patel" -> "Dear Ms. Morales," / "Dear Dr. Patel"
            fix = replace(start, greeting.start + name.end(), "Dear ", title="Replace with “Dear”")
            better = "Dear"
        else:
            fix = replace(start, end, "Hello")
            better = "Hello"
        yield Violation(
            start,
            end,
            message=f"“{word}” is a casual greeting; to a hiring manager it reads as too familiar.",
            help=f"Open with “{better}”"
            + (" and the person's title and surname." if better == "Dear" else "."),
            fixes=(fix,),
        )
