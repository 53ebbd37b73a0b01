"""TIM003 third-status-followup: a third (or later) request for news."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, Field

from tactful._context import Context
from tactful._model import Severity
from tactful.checks._timing import OPTIONS, aligned, send_span
from tactful.rule import CheckContext, Rule, Violation


class ThirdStatusFollowupOptions(BaseModel):
    model_config = OPTIONS

    most: int = Field(default=2, ge=1, description="status follow-ups that are acceptable")


class ThirdStatusFollowup(Rule):
    """
    ## What it does
    Flags a status follow-up when two or more were already sent (context
    `previous_followups`; the thank-you note does not count). When the send time is known,
    only earlier follow-ups count.

    ## Why it matters
    Advisers put the limit at two status follow-ups, about a week apart. A third reads
    as pressure, and a hiring manager who has not answered two is answering in silence.

    ## Example
    ```text
    Dear Ms. Nash,

    I am following up on the phlebotomy technician position once more.
    ```

    ## Use instead
    ```text
    Dear Ms. Nash,

    Thank you again for meeting with me on November 2.
    ```

    ## Options
    `most` (2): how many status follow-ups are acceptable.
    """

    code = "TIM003"
    name = "third-status-followup"
    category = "timing"
    severity = Severity.WARNING
    prose_only = False
    options_model = ThirdStatusFollowupOptions
    example_context = Context(
        previous_followups=("2026-11-10T09:00:00-05:00", "2026-11-17T09:00:00-05:00")
    )

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        if ctx.kind != "status_followup":
            return
        sent_at = ctx.sent_at
        earlier = [
            p
            for p in ctx.context.previous_followups
            if sent_at is None or aligned(p, sent_at)[0] < aligned(p, sent_at)[1]
        ]
        if len(earlier) < self.options.most:
            return
        yield Violation(
            *send_span(ctx),
            message=f"This would be status follow-up number {len(earlier) + 1}; advisers "
            f"suggest at most {self.options.most}.",
            help="Stop here: if there is no answer, turn your attention to other applications; "
            "the employer knows how to reach you.",
        )
