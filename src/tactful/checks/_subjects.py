"""What the subject-line rules share: a short subject to suggest."""

from __future__ import annotations

from tactful.rule import CheckContext


def suggested_subject(ctx: CheckContext) -> str:
    """“Thank you - Clinical Lab Technician interview”, or a plain one without a position."""
    position = (ctx.context.position or "").strip()
    if ctx.kind == "status_followup":
        return (
            f"Following up - {position} interview" if position else "Following up on my interview"
        )
    return f"Thank you - {position} interview" if position else "Thank you for the interview"
