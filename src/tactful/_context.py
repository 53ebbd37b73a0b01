"""What tactful knows about a message beyond its text: who it is for, when the interview was."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

from tactful._model import MessageKind


def _parse_when(value: Any) -> Any:
    """Accept ISO 8601 text for a date or a datetime ("2026-11-20", "2026-11-20T10:00-05:00")."""
    if isinstance(value, str):
        text = value.strip()
        if "T" not in text and " " not in text:
            return date.fromisoformat(text)
        return datetime.fromisoformat(text)
    return value


When = Annotated[date | datetime, BeforeValidator(_parse_when)]
Moment = Annotated[datetime, BeforeValidator(_parse_when)]


class Context(BaseModel):
    """Facts about the message that its text may not carry. Every field is optional.

    Rules that need a missing field do less rather than guess. A date without a time
    means that whole day; a datetime without a zone is the writer's local time.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    recipient: str | None = Field(
        default=None, description='who the note is for, with or without title: "Dr. Ana Patel"'
    )
    recipient_title: str | None = Field(default=None, description='"Dr.", "Ms.", "Prof."')
    recipient_surname: str | None = Field(
        default=None, description="the family name, for names whose order is not given-first"
    )
    first_name_ok: bool = Field(default=False, description="the recipient invited first-name use")
    interviewers: tuple[str, ...] = Field(default=(), description="everyone the writer met")
    sender: str | None = Field(default=None, description="the writer's own name")
    position: str | None = None
    organization: str | None = None
    interview_at: When | None = None
    sent_at: Moment | None = Field(
        default=None, description="when the message will be sent; else the Date header, else now"
    )
    kind: MessageKind | None = Field(default=None, description="None: inferred from the text")
    topics: tuple[str, ...] = Field(default=(), description="things discussed at the interview")
    previous_followups: tuple[Moment, ...] = Field(
        default=(), description="when earlier status follow-ups were sent (not the thank-you)"
    )
    decision_expected_by: When | None = None
