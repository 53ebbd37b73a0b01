"""INF004 casual-closing: "Cheers", "Later", "xoxo" as the sign-off."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from tactful._model import FixAvailability, Severity
from tactful.checks._words import normalise
from tactful.rule import CheckContext, Resources, Rule, Violation, replace

_TRAILING = regex.compile(r"[\s,.!:;—–-]+$")


class CasualClosing(Rule):
    """
    ## What it does
    Flags a casual sign-off such as “Cheers”, “Later”, “Talk soon”, “xoxo” or “See ya”
    on the line before your name, and offers “Best regards”.

    ## Why it matters
    The closing is the last impression the note leaves. “Cheers” is an everyday sign-off
    in British and Australian English, and “Later” or “Talk soon” are fine between
    friends, but a US hiring manager reads them as casual. “Sincerely,” “Best regards,”
    and “Thank you,” are the safe choices.

    ## Example
    ```text
    Dear Ms. Morales,

    Thank you for showing me the grossing room and the Leica stainers.

    Cheers,
    Connor Riley
    ```
    ```text
    Dear Ms. Morales,

    Thank you for showing me the grossing room and the Leica stainers.

    Later,
    Connor Riley
    ```

    ## Use instead
    ```text
    Dear Ms. Morales,

    Thank you for showing me the grossing room. I will send the forms later.

    Best regards,
    Connor Riley
    ```

    ## Fix safety
    Swapping the sign-off for “Best regards” changes no content; safe.
    """

    code = "INF004"
    name = "casual-closing"
    category = "informal"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS

    def setup(self, resources: Resources) -> None:
        self._closings = frozenset(normalise(c) for c in resources.lexicon("casual-closings"))

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        closing = ctx.message.parts.closing
        if closing is None:
            return
        line = ctx.text[closing.start : closing.end]
        trailing = _TRAILING.search(line)
        words_end = closing.start + (trailing.start() if trailing else len(line))
        words = ctx.text[closing.start : words_end]
        if normalise(words) not in self._closings or ctx.is_allowed(words):
            return
        yield Violation(
            closing.start,
            words_end,
            message=f"“{words}” is a casual sign-off; a US hiring manager expects a "
            "courteous closing.",
            help="Close with “Best regards,” “Sincerely,” or “Thank you,”.",
            # "Later!" -> "Best regards," (the punctuation goes too; a closing takes a comma)
            fixes=(replace(closing.start, closing.end, "Best regards,"),),
        )
