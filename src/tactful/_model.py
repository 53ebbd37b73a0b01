"""The result models: findings, fixes, strengths and the report.

They are frozen pydantic models, so a report can be shared between threads,
hashed, and serialised to the versioned JSON schema documented in
``docs/json-schema.md``.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from tactful._version import __version__

SCHEMA_VERSION: Literal["1"] = "1"


class Severity(StrEnum):
    """How much a finding matters. Ordered: ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


class Applicability(StrEnum):
    """Whether a fix may be applied without review (Ruff's three levels)."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY = "display"


class FixAvailability(StrEnum):
    """Whether a rule offers a fix always, sometimes or never."""

    ALWAYS = "always"
    SOMETIMES = "sometimes"
    NEVER = "never"


class Stability(StrEnum):
    """A rule's life stage. Preview rules run only when selected explicitly."""

    PREVIEW = "preview"
    STABLE = "stable"
    DEPRECATED = "deprecated"


MessageKind = Literal["thank_you", "status_followup"]
Verdict = Literal["ready", "revise", "not ready"]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Edit(_Frozen):
    """Replace ``text[start:end]`` with ``replacement`` (an insertion when start == end)."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)
    replacement: str


class Fix(_Frozen):
    """A titled set of edits that together fix one finding."""

    title: str
    edits: tuple[Edit, ...]
    applicability: Applicability = Applicability.SAFE


class Finding(_Frozen):
    """One problem found in one message."""

    code: str
    name: str
    category: str
    severity: Severity
    message: str
    start: int = Field(ge=0, description="code-point offset into Report.text")
    end: int = Field(ge=0, description="code-point offset into Report.text, exclusive")
    line: int = Field(ge=1, description="1-based line of start")
    column: int = Field(ge=1, description="1-based column of start, in code points")
    end_line: int = Field(ge=1)
    end_column: int = Field(ge=1)
    text: str = Field(description="Report.text[start:end]")
    help: str | None = Field(default=None, description="a concrete suggestion in words")
    fixes: tuple[Fix, ...] = ()
    penalty: int = Field(default=0, ge=0, description="points this finding took off the score")

    @property
    def fixable(self) -> bool:
        return any(fix.applicability is not Applicability.DISPLAY for fix in self.fixes)


class Strength(_Frozen):
    """Something the message does well (thanks given, a specific reference, a closing)."""

    name: str
    message: str
    start: int | None = None
    end: int | None = None


class Span(_Frozen):
    start: int
    end: int


class Header(_Frozen):
    name: str
    value: str
    start: int
    end: int


class MessageParts(_Frozen):
    """Where each part of the message lies in ``Report.text``."""

    headers: tuple[Header, ...] = ()
    greeting: Span | None = None
    body: Span
    closing: Span | None = None
    signature: Span | None = None
    quoted: tuple[Span, ...] = ()
    has_attachment: bool | None = Field(
        default=None, description="None when unknown (a plain draft)"
    )


class Report(_Frozen):
    """The result of checking one message."""

    schema_version: Literal["1"] = SCHEMA_VERSION
    tactful_version: str = __version__
    id: str | None = None
    text: str
    kind: MessageKind
    score: int = Field(ge=0, le=100)
    verdict: Verdict
    subscores: dict[str, int]
    findings: tuple[Finding, ...]
    strengths: tuple[Strength, ...] = ()
    parts: MessageParts
    word_count: int = Field(ge=0, description="words in the body the writer wrote")

    def blocks(
        self, fail_on: Severity | str | None = Severity.WARNING, min_score: int | None = None
    ) -> bool:
        """Whether this message should be held back (CLI exit 1, pre-send refusal)."""
        if min_score is not None and self.score < min_score:
            return True
        if fail_on is None or fail_on == "never":
            return False
        threshold = Severity(fail_on).rank
        return any(finding.severity.rank >= threshold for finding in self.findings)

    def apply_fixes(self, applicability: Applicability | str = Applicability.SAFE) -> str:
        """The text with every non-overlapping fix of at most ``applicability`` applied.

        ``"safe"`` applies safe fixes; ``"unsafe"`` applies safe and unsafe ones.
        Display-only fixes are never applied. Fixes that overlap an earlier one are
        left for a second pass, so the text is never corrupted.
        """
        return apply_fixes(self.text, self.findings, Applicability(applicability))

    def with_id(self, id: str | None) -> Report:
        return self.model_copy(update={"id": id})


_ALLOWED = {
    Applicability.SAFE: {Applicability.SAFE},
    Applicability.UNSAFE: {Applicability.SAFE, Applicability.UNSAFE},
    Applicability.DISPLAY: set(),
}


def apply_fixes(text: str, findings: tuple[Finding, ...], applicability: Applicability) -> str:
    chosen = [
        edit for _, fix in fixes_to_apply(text, findings, applicability) for edit in fix.edits
    ]
    pieces: list[str] = []
    cursor = 0
    for edit in sorted(chosen, key=lambda e: (e.start, e.end)):
        pieces.append(text[cursor : edit.start])
        pieces.append(edit.replacement)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces)


def fixes_to_apply(
    text: str, findings: tuple[Finding, ...], applicability: Applicability
) -> list[tuple[Finding, Fix]]:
    """The first allowed fix of each finding, in text order, skipping any that would overlap."""
    allowed = _ALLOWED[applicability]
    chosen: list[tuple[Finding, Fix]] = []
    taken: list[tuple[int, int]] = []
    for finding in sorted(findings, key=lambda f: (f.start, f.end, f.code)):
        fix = next((fix for fix in finding.fixes if fix.applicability in allowed), None)
        if fix is None or not fix.edits:
            continue
        spans = [(edit.start, edit.end) for edit in fix.edits]
        if any(_conflict(span, other) for span in spans for other in taken):
            continue
        if any(_conflict(a, b) for i, a in enumerate(spans) for b in spans[i + 1 :]):
            continue
        if any(not 0 <= edit.start <= edit.end <= len(text) for edit in fix.edits):
            continue
        taken.extend(spans)
        chosen.append((finding, fix))
    return chosen


def _conflict(a: tuple[int, int], b: tuple[int, int]) -> bool:
    if a == b:
        return True
    return a[0] < b[1] and b[0] < a[1]
