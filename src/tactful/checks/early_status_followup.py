"""TIM002 early-status-followup: asking for news before it is due."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, Field

from tactful._context import Context
from tactful._model import Severity
from tactful.checks._timing import OPTIONS, business_days_after, local_date, moment, send_span
from tactful.rule import CheckContext, Rule, Violation


class EarlyStatusFollowupOptions(BaseModel):
    model_config = OPTIONS

    business_days: int = Field(default=5, ge=1, description="wait at least this many weekdays")


class EarlyStatusFollowup(Rule):
    """
    ## What it does
    Flags a status follow-up sent sooner than 5 business days (Monday to Friday) after
    the interview, or on or before the decision date the interviewer gave (context
    `decision_expected_by`). Public holidays are not counted out. It needs the interview
    date and the send time (context `sent_at` or the Date header).

    ## Why it matters
    Hiring takes time: advisers say to wait 5-7 business days, or until at least a day
    after the date you were given. Asking sooner reads as impatient and does not speed
    the decision.

    ## Example
    ```text
    Date: Wed, 18 Nov 2026 09:00:00 -0600

    Dear Mr. DeLuca,

    I am following up on my application for the microbiology technician position.
    ```

    ## Use instead
    ```text
    Date: Wed, 25 Nov 2026 09:00:00 -0600

    Dear Mr. DeLuca,

    I am following up on my application for the microbiology technician position.
    ```

    ## Options
    `business-days` (5).
    """

    code = "TIM002"
    name = "early-status-followup"
    category = "timing"
    severity = Severity.WARNING
    prose_only = False
    options_model = EarlyStatusFollowupOptions
    example_context = Context(interview_at="2026-11-16T10:00:00-06:00", kind="status_followup")

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        sent_at = ctx.sent_at
        if ctx.kind != "status_followup" or sent_at is None:
            return
        sent_day = local_date(sent_at, sent_at)
        decision = ctx.context.decision_expected_by
        if decision is not None:
            decision_day = local_date(moment(decision, sent_at.tzinfo).earliest, sent_at)
            if sent_day <= decision_day:
                yield Violation(
                    *send_span(ctx),
                    message=f"You were told to expect a decision by {decision_day:%B} "
                    f"{decision_day.day}; asking on or before that day reads as impatient.",
                    help="Wait until at least one business day after that date.",
                )
                return
        if ctx.context.interview_at is None:
            return
        interview_day = local_date(
            moment(ctx.context.interview_at, sent_at.tzinfo).earliest, sent_at
        )
        waited = business_days_after(interview_day, sent_day)
        wanted = self.options.business_days
        if sent_day < interview_day or waited >= wanted:
            return
        yield Violation(
            *send_span(ctx),
            message=f"Only {waited} business day{'s' if waited != 1 else ''} since the "
            f"interview; advisers say to wait at least {wanted} before asking for news.",
            help="Schedule it for later; in the meantime a thank-you note is the right message.",
        )
