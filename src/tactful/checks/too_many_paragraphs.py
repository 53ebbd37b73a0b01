"""LEN002 too-many-paragraphs: a short note split into many blocks."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from tactful._model import Severity
from tactful.checks._words import RuleOptions
from tactful.rule import CheckContext, Rule, Violation

_BREAK = regex.compile(r"\n[ \t]*\n\s*")


class TooManyParagraphsOptions(RuleOptions):
    max_paragraphs: int = Field(default=4, gt=0, description="most paragraphs in the body")


class TooManyParagraphs(Rule):
    """
    ## What it does
    Flags a body with more than four paragraphs (blocks separated by a blank line),
    marking where the fifth one starts. Greeting, closing and signature are not counted.

    ## Why it matters
    Advisers describe a good thank-you note as two or three short paragraphs; past three
    or four it looks like a cover letter, and a note split into many one-line blocks
    looks breathless. Merging or cutting paragraphs is usually the quickest way to make
    a note shorter and calmer.

    ## Example
    ```text
    Dear Dr. Whitley,

    Thank you for meeting with me this morning.

    I enjoyed seeing the Sysmex hematology line.

    Ms. Porter was very kind during the tour.

    I ran CBCs and coagulation panels every day during my rotation.

    I am very interested in the position.

    Thank you again.

    Sincerely,
    Madison Clark
    ```

    ## Use instead
    ```text
    Dear Dr. Whitley,

    Thank you for meeting with me this morning. I enjoyed seeing the Sysmex hematology
    line, and Ms. Porter was very kind during the tour.

    I ran CBCs and coagulation panels every day during my rotation, and I am very
    interested in the position.

    Sincerely,
    Madison Clark
    ```
    """

    code = "LEN002"
    name = "too-many-paragraphs"
    category = "length"
    severity = Severity.WARNING
    options_model = TooManyParagraphsOptions

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        limit: int = self.options.max_paragraphs
        body = ctx.message.parts.body
        text = ctx.text[body.start : body.end]
        if text.count("\n") // 2 < limit:
            return  # each break holds two line breaks: too few for more paragraphs than that
        starts = [0] + [m.end() for m in _BREAK.finditer(text)]
        starts = [s for s in starts if text[s:].strip()]
        if len(starts) <= limit:
            return
        where = body.start + starts[limit]
        yield Violation(
            where,
            where,
            message=f"The body has {len(starts)} paragraphs; more than {limit} makes a short "
            "note look long (advisers suggest two or three short ones). Paragraph "
            f"{limit + 1} starts here.",
            help="Merge paragraphs that make the same point, and cut the ones that repeat "
            "your thanks or your interest.",
        )
