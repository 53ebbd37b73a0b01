"""The pydantic schema of a pack file; validation errors name the file and the field."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from tactful._context import Context
from tactful._model import Applicability, Severity, Stability

CODE_PATTERN = r"^[A-Z]{1,6}[0-9]{3,4}$"
NAME_PATTERN = r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PackDocs(_Strict):
    what: str = Field(min_length=1, description="What it does")
    why: str = Field(min_length=1, description="Why it matters")
    fix_safety: str | None = None
    references: tuple[str, ...] = ()


class PackExamples(_Strict):
    bad: tuple[str, ...] = Field(min_length=1, description="texts the rule must flag")
    good: tuple[str, ...] = Field(min_length=1, description="texts the rule must not flag")
    context: Context | None = None


class _RuleBase(_Strict):
    code: Annotated[str, Field(pattern=CODE_PATTERN)]
    name: Annotated[str, Field(pattern=NAME_PATTERN)]
    category: Annotated[str, Field(pattern=NAME_PATTERN)]
    severity: Severity
    stability: Stability = Stability.STABLE
    message: str = Field(min_length=1)
    help: str | None = None
    audiences: tuple[str, ...] | None = None
    scope: Literal["prose", "body", "visible"] = Field(
        default="prose",
        description="prose: greeting, body, closing; body: the body only; visible: prose, "
        "Subject line and signature (pattern rules only)",
    )
    docs: PackDocs
    examples: PackExamples


class _PhraseRule(_RuleBase):
    ignore_case: bool = True

    @model_validator(mode="after")
    def _phrases_read_prose(self) -> _PhraseRule:
        if self.scope == "visible" and not getattr(self, "pattern", None):
            raise ValueError("scope 'visible' needs a pattern: phrases are matched in prose only")
        return self

    exceptions: tuple[str, ...] = Field(
        default=(), description="phrases inside which a match is fine ('cool the samples')"
    )


class ExistenceRule(_PhraseRule):
    kind: Literal["existence"]
    tokens: tuple[str, ...] = Field(min_length=1)
    suggestion: str | None = None


class SubstitutionRule(_PhraseRule):
    kind: Literal["substitution"]
    swap: dict[str, str] = Field(min_length=1)
    fix: Applicability = Applicability.SAFE


class OccurrenceRule(_PhraseRule):
    kind: Literal["occurrence"]
    tokens: tuple[str, ...] = ()
    pattern: str | None = None
    max: int = Field(ge=0)
    per: Literal["message", "sentence"] = "message"

    @model_validator(mode="after")
    def _one_source(self) -> OccurrenceRule:
        if bool(self.tokens) == bool(self.pattern):
            raise ValueError("give exactly one of 'tokens' or 'pattern'")
        return self


class PatternRule(_RuleBase):
    kind: Literal["pattern"]
    pattern: str = Field(min_length=1)
    ignore_case: bool = False
    replacement: str | None = Field(default=None, description="a fixed text to put in place")
    fix: Applicability = Applicability.SAFE


PackRuleSpec = Annotated[
    ExistenceRule | SubstitutionRule | OccurrenceRule | PatternRule, Field(discriminator="kind")
]


class PackMeta(_Strict):
    name: str | None = None
    description: str | None = None


class PackFile(_Strict):
    pack: PackMeta = PackMeta()
    rule: tuple[PackRuleSpec, ...] = ()
    lexicon: dict[str, tuple[str, ...]] = Field(
        default_factory=dict, description="named word lists that Python rules read"
    )

    @field_validator("lexicon")
    @classmethod
    def _names(cls, value: dict[str, Any]) -> dict[str, Any]:
        for name in value:
            if not name.replace("_", "-").replace("-", "").isalnum():
                raise ValueError(f"lexicon name {name!r} must be letters, digits, - or _")
        return value
