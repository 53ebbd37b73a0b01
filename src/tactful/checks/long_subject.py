"""LEN005 long-subject: a subject line too long to read in an inbox."""

from __future__ import annotations

from collections.abc import Iterator

import regex
from pydantic import Field

from tactful._model import Severity
from tactful.checks._subjects import suggested_subject
from tactful.checks._words import RuleOptions
from tactful.rule import CheckContext, Rule, Violation

_REPLY_PREFIX = regex.compile(r"^(?:\s*(?:re|fwd?|aw|sv)\s*:\s*)+", regex.IGNORECASE)
_WORD = regex.compile(r"[\p{L}\p{N}]")


class LongSubjectOptions(RuleOptions):
    max_words: int = Field(default=12, gt=0, description="most words in the subject line")


class LongSubject(Rule):
    """
    ## What it does
    Flags a subject line of more than 12 words (a leading “Re:” or “Fwd:” is not
    counted) and suggests a short one.

    ## Why it matters
    An inbox shows the first 40-70 characters of a subject, fewer on a phone; the rest
    is cut off. In a study of some 40 million emails, subjects of three or four words
    got the most replies. A subject such as “Thank you - Clinical Lab Technician
    interview” tells the reader what the note is before they open it.

    ## Example
    ```text
    Subject: Thank you so much for taking the time to interview me yesterday for the QC Chemist position at your company
    To: Ana Patel <apatel@example.org>

    Dear Dr. Patel,

    Thank you for the tour of the HPLC lab.
    ```

    ## Use instead
    ```text
    Subject: Thank you - QC Chemist interview
    To: Ana Patel <apatel@example.org>

    Dear Dr. Patel,

    Thank you for the tour of the HPLC lab.
    ```
    """

    code = "LEN005"
    name = "long-subject"
    category = "length"
    severity = Severity.WARNING
    options_model = LongSubjectOptions
    prose_only = False  # the finding is the Subject header's value

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        subject = ctx.message.header("subject")
        if subject is None:
            return
        limit: int = self.options.max_words
        if len(subject.value.split()) <= limit:
            return  # the words are some of these pieces, after the prefix is cut
        value = _REPLY_PREFIX.sub("", subject.value)
        words = [w for w in value.split() if _WORD.search(w)]
        if len(words) <= limit:
            return
        yield Violation(
            subject.start,
            subject.end,
            message=f"The subject line has {len(words)} words; past {limit} it is cut off "
            "in the inbox (subjects of three or four words get the most replies).",
            help=f"Shorten it, for example to “{suggested_subject(ctx)}”.",
        )
