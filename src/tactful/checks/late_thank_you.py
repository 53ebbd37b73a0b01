"""TIM001 late-thank-you: a thank-you note sent more than 24 hours after the interview."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, Field

from tactful._context import Context
from tactful._model import Severity
from tactful.checks._timing import OPTIONS, hours_between, moment, send_span
from tactful.rule import CheckContext, Rule, Violation


class LateThankYouOptions(BaseModel):
    model_config = OPTIONS

    within_hours: float = Field(default=24, gt=0, description="when a thank-you is on time")
    afterthought_hours: float = Field(
        default=48, gt=0, description="past this it reads as an afterthought (an error)"
    )


class LateThankYou(Rule):
    """
    ## What it does
    Flags a thank-you note sent more than 24 hours after the interview, as a `warning`,
    and more than 48 hours after as an `error`. It needs the interview time (context
    `interview_at`); the send time is context `sent_at`, else the Date header, else now
    (tactful runs just before sending). An interview given as a date alone counts as lasting all day,
    so the note is late only when it is late whatever the hour was.

    ## Why it matters
    Recruiters and career advisers expect the thank-you within a day of the interview,
    the same day for a morning interview. Past about two days it reads as an afterthought,
    and the decision may already be made.

    ## Example
    ```text
    Date: Thu, 19 Nov 2026 10:15:00 -0500

    Dear Dr. Patel,

    Thank you for meeting with me on Monday.
    ```

    ## Use instead
    ```text
    Date: Mon, 16 Nov 2026 16:40:00 -0500

    Dear Dr. Patel,

    Thank you for meeting with me this morning.
    ```

    ## Options
    `within-hours` (24) and `afterthought-hours` (48).
    """

    code = "TIM001"
    name = "late-thank-you"
    category = "timing"
    severity = Severity.WARNING
    prose_only = False
    options_model = LateThankYouOptions
    example_context = Context(interview_at="2026-11-16T10:00:00-05:00", kind="thank_you")

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        interview_at, sent_at = ctx.context.interview_at, ctx.sent_at
        if ctx.kind != "thank_you" or interview_at is None or sent_at is None:
            return
        interview = moment(interview_at, sent_at.tzinfo)
        hours = hours_between(interview.latest, sent_at)
        if hours <= self.options.within_hours:
            return
        late = hours > self.options.afterthought_hours
        shown = f"{hours / 24:.1f} days" if hours >= 48 else f"{hours:.0f} hours"
        yield Violation(
            *send_span(ctx),
            message=f"This thank-you goes out {shown} after the interview; advisers expect it "
            "within 24 hours"
            + (", and past two days it reads as an afterthought." if late else "."),
            severity=Severity.ERROR if late else None,
            help="Send it now, without apologising at length; a short, specific note still helps.",
        )
