"""STR004 missing-contact-line: no phone number or email address under the name."""

from __future__ import annotations

from collections.abc import Iterator

from tactful._model import Severity
from tactful.checks._structure import sign_off
from tactful.rule import CheckContext, Rule, Violation


class MissingContactLine(Rule):
    """
    ## What it does
    Notes a signature with no phone number, email address or LinkedIn link. A notice,
    not a warning: the reply address is in the email itself.

    ## Why it matters
    Advisers list the sender's full name and contact details as the last part of a
    follow-up. A phone number under the name makes it easy to call you with an offer
    from a mobile phone or a forwarded copy.

    ## Example
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today.

    Best regards,
    Jess Miller
    ```

    ## Use instead
    ```text
    Dear Dr. Patel,

    Thank you for meeting with me today.

    Best regards,
    Jess Miller
    (317) 555-0150
    ```
    """

    code = "STR004"
    name = "missing-contact-line"
    category = "structure"
    severity = Severity.INFO
    prose_only = False

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        end = sign_off(ctx)
        text = ctx.text
        name = end.name_line(text)
        if name is None or end.has_contact(text):
            return  # no signature at all is missing-sender-name's finding
        at = end.lines[-1][1]
        yield Violation(
            at,
            at,
            message="The signature has no phone number or email address.",
            help="Add a line under your name with your phone number (and email), such as "
            "“(317) 555-0150”.",
        )
