"""TIM004 off-hours-send: sent late at night or at the weekend."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel, Field

from tactful._model import Severity
from tactful.checks._timing import OPTIONS, send_span
from tactful.rule import CheckContext, Rule, Violation


class OffHoursSendOptions(BaseModel):
    model_config = OPTIONS

    night_starts: int = Field(default=22, ge=0, le=23, description="hour the night starts")
    night_ends: int = Field(default=6, ge=0, le=23, description="hour the night ends")


class OffHoursSend(Rule):
    """
    ## What it does
    Notes a send time between 22:00 and 06:00 or on a Saturday or Sunday, in the writer's
    own time (the zone of `sent_at` or of the Date header). A notice, not a warning.

    ## Why it matters
    Nothing is wrong with a note written at night, but it lands at the top of the inbox
    at an odd hour or sinks under Monday's mail. Some advisers suggest scheduling it for
    business hours.

    ## Example
    ```text
    Date: Tue, 17 Nov 2026 23:40:00 -0500

    Dear Dr. Patel,

    Thank you for meeting with me today.
    ```

    ## Use instead
    ```text
    Date: Tue, 17 Nov 2026 16:40:00 -0500

    Dear Dr. Patel,

    Thank you for meeting with me today.
    ```

    ## Options
    `night-starts` (22) and `night-ends` (6), hours of the writer's clock.
    """

    code = "TIM004"
    name = "off-hours-send"
    category = "timing"
    severity = Severity.INFO
    prose_only = False
    options_model = OffHoursSendOptions

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        sent_at = ctx.sent_at
        if sent_at is None:
            return
        hour = sent_at.hour
        start, end = self.options.night_starts, self.options.night_ends
        at_night = hour >= start or hour < end if start > end else start <= hour < end
        weekend = sent_at.weekday() >= 5
        if not (at_night or weekend):
            return
        # "%H:%M" by hand: strftime costs several times more, and the digits are the same.
        when = f"on a {sent_at:%A}" if weekend else f"at {sent_at.hour:02d}:{sent_at.minute:02d}"
        yield Violation(
            *send_span(ctx),
            message=f"It goes out {when}, outside business hours.",
            help="Consider scheduling it to arrive on a weekday morning.",
        )
