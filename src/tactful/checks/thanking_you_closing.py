"""CUL010 thanking-you-closing: "Thanking you," as the sign-off."""

from __future__ import annotations

from collections.abc import Iterator

import regex

from tactful._model import Applicability, FixAvailability, Severity
from tactful.checks._shared import US_ONLY
from tactful.packs._scan import fold
from tactful.rule import CheckContext, Rule, Violation, replace

_THANKING = regex.compile(
    r"^thanking\s+you(?:\s+(?:in\s+advance|in\s+anticipation|once\s+again|again|sir|madam|ma'am"
    r"|for\s+your\s+(?:time|consideration|kind\s+consideration)))?\s*[,.!]*$",
    regex.IGNORECASE,
)
_LINE = regex.compile(r"[^\r\n]+")


class ThankingYouClosing(Rule):
    """
    ## What it does
    Flags “Thanking you,” (also “Thanking you in advance,”) used as the closing line
    before your name, or standing alone as the last line of the body.

    ## Why it matters
    “Thanking you,” is a standard letter closing in India, Nigeria and much of
    Africa, taught in school letter formats. US readers expect a closing with a
    complete phrase such as “Thank you,” or “Sincerely,”; “Thanking you,” reads to
    them as an unfinished sentence, so the note ends on a small stumble.

    ## Example
    ```text
    Dear Ms. Ward,

    I remain very interested in the role and in joining the team at Lakewood.

    Thanking you,
    Olumide Bakare
    ```

    ## Use instead
    ```text
    Dear Ms. Ward,

    Thanking you for the tour seemed too little, so I wrote up the notes you asked for.

    Thank you,
    Olumide Bakare
    ```

    ## Fix safety
    “Thank you,” keeps the meaning and the place in the letter; the fix is safe.
    """

    code = "CUL010"
    name = "thanking-you-closing"
    category = "culture"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    audiences = US_ONLY

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        # Every candidate line is part of the text and must start with "thanking", which
        # folding keeps (it maps what the case-insensitive regex matches to the letter).
        if "thanking" not in fold(ctx.text):
            return
        parts = ctx.message.parts
        candidates = []
        if parts.closing is not None:
            candidates.append((parts.closing.start, parts.closing.end))
        body_text = ctx.text[parts.body.start : parts.body.end]
        lines = [m for m in _LINE.finditer(body_text) if m.group().strip()]
        if lines:  # a lone "Thanking you." closing the body, before another closing line
            last = lines[-1]
            candidates.append((parts.body.start + last.start(), parts.body.start + last.end()))
        for start, end in candidates:
            line = ctx.text[start:end]
            stripped = line.strip()
            if not _THANKING.match(stripped):
                continue
            start += len(line) - len(line.lstrip())
            end = start + len(stripped.rstrip(",.!"))
            trailing = stripped[len(stripped.rstrip(",.!")) :]
            yield Violation(
                start,
                end,
                message=f"“{ctx.text[start:end]}{trailing}” is a standard closing in Indian and "
                "African letter writing; a US reader expects a full phrase here and may read it "
                "as an unfinished sentence.",
                help="Close with “Thank you,” or “Sincerely,”.",
                fixes=(replace(start, end, "Thank you", applicability=Applicability.SAFE),),
            )
