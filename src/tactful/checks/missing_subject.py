"""LEN004 missing-subject: headers but no subject, or an empty one."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._model import Applicability, FixAvailability, Severity
from tactful.checks._subjects import suggested_subject
from tactful.rule import CheckContext, Rule, Violation, replace


class MissingSubject(Rule):
    """
    ## What it does
    Flags a message that has header lines (`To:`, `Date:`, `Subject:` …) but no
    `Subject:` line, or a `Subject:` line left empty, and offers a short subject. A
    body pasted without any header lines is not checked: its subject is not known.

    ## Why it matters
    The subject is how a busy hiring manager finds your note among dozens of others and
    knows at once what it is. In a study of some 40 million emails, messages without a
    subject got the fewest replies. “Thank you - Clinical Lab Technician interview” does
    the job in a few words.

    ## Example
    ```text
    To: Ana Patel <apatel@example.org>

    Dear Dr. Patel,

    Thank you for the tour of the microbiology bench.
    ```
    ```text
    Subject:
    To: Ana Patel <apatel@example.org>

    Dear Dr. Patel,

    Thank you for the tour of the microbiology bench.
    ```

    ## Use instead
    ```text
    Subject: Thank you - Microbiology Technologist interview
    To: Ana Patel <apatel@example.org>

    Dear Dr. Patel,

    Thank you for the tour of the microbiology bench.
    ```
    ```text
    Dear Dr. Patel,

    Thank you for the tour of the microbiology bench.
    ```

    ## Fix safety
    The fix adds a suggested subject built from the position in the context. Check the
    wording before sending, so the fix is marked unsafe.
    """

    code = "LEN004"
    name = "missing-subject"
    category = "length"
    severity = Severity.WARNING
    fix_availability = FixAvailability.ALWAYS
    prose_only = False  # the finding sits in the headers

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        headers = ctx.message.parts.headers
        if not headers:
            return
        suggestion = suggested_subject(ctx)
        subject = ctx.message.header("subject")
        if subject is None:
            first = min(h.start for h in headers)
            line_start = ctx.text.rfind("\n", 0, first) + 1
            yield Violation(
                line_start,
                line_start,
                message="The message has no subject line; a note without one is easy to "
                "miss and least likely to be answered.",
                help=f"Add a short subject such as “{suggestion}”.",
                fixes=(
                    replace(
                        line_start,
                        line_start,
                        f"Subject: {suggestion}\n",
                        title=f"Add “Subject: {suggestion}”",
                        applicability=Applicability.UNSAFE,
                    ),
                ),
            )
        elif not subject.value.strip():
            where = subject.start
            prefix = " " if where > 0 and ctx.text[where - 1] == ":" else ""
            yield Violation(
                where,
                where,
                message="The subject line is empty; a note without a subject is easy to miss "
                "and least likely to be answered.",
                help=f"Write a short subject such as “{suggestion}”.",
                fixes=(
                    replace(
                        where,
                        subject.end,
                        prefix + suggestion,
                        title=f"Use “{suggestion}”",
                        applicability=Applicability.UNSAFE,
                    ),
                ),
            )
