"""The engine's contracts: determinism, threads, JSON, fixes, blocking, kinds, batches."""

from __future__ import annotations

import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import ClassVar

import pytest
from pydantic import ValidationError
from tests.conftest import OFFICE_HOURS

from tactful import (
    Applicability,
    Context,
    Edit,
    Finding,
    Fix,
    InputError,
    Report,
    Severity,
    check_message,
    check_messages,
)
from tactful._config import Config
from tactful._engine import ActiveRule
from tactful._model import apply_fixes
from tactful.rule import CheckContext, Rule, Violation

DRAFT = "Subject: Thanks\n\nDear Dr. Patel,\n\nThx 😊 I'm gonna call! Great!\n\nSincerely,\nJess"


def test_public_api_is_explicit() -> None:
    import tactful

    assert "check_message" in tactful.__all__
    assert all(hasattr(tactful, name) for name in tactful.__all__)


def test_findings_are_ordered_by_start_then_code() -> None:
    report = check_message(DRAFT)
    keys = [(f.start, f.code) for f in report.findings]
    assert keys == sorted(keys)
    assert len(keys) >= 4


def test_reports_are_identical_across_threads() -> None:
    texts = [DRAFT.replace("Thx", f"Thx {i}") for i in range(40)]
    expected = [check_message(t).model_dump() for t in texts]
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda t: check_message(t).model_dump(), texts))
    assert results == expected


def test_json_round_trip_is_versioned() -> None:
    report = check_message(DRAFT, id="draft-1")
    data = json.loads(report.model_dump_json())
    assert data["schema_version"] == "1"
    assert data["id"] == "draft-1"
    assert Report.model_validate_json(report.model_dump_json()) == report


def test_apply_fixes_safe_by_default_and_never_overlapping() -> None:
    def with_fix(start: int, end: int, replacement: str, applicability: Applicability) -> Finding:
        fix = Fix(
            title="t",
            edits=(Edit(start=start, end=end, replacement=replacement),),
            applicability=applicability,
        )
        return Finding(
            code="X001", name="x", category="informal", severity=Severity.WARNING, message="m",
            start=start, end=end, line=1, column=1, end_line=1, end_column=1, text="", fixes=(fix,),
        )  # fmt: skip

    text = "abcdefghij"
    findings = (
        with_fix(0, 2, "AB", Applicability.SAFE),
        with_fix(1, 3, "!!", Applicability.SAFE),  # overlaps the first: deferred
        with_fix(5, 6, "F", Applicability.UNSAFE),
        with_fix(8, 8, "^", Applicability.DISPLAY),
    )
    assert apply_fixes(text, findings, Applicability.SAFE) == "ABcdefghij"
    assert apply_fixes(text, findings, Applicability.UNSAFE) == "ABcdeFghij"


def test_blocking_follows_fail_on_and_min_score() -> None:
    report = check_message(DRAFT)
    assert report.blocks()
    assert report.blocks("error") is any(f.severity is Severity.ERROR for f in report.findings)
    assert not report.blocks("never")
    assert report.blocks("never", min_score=report.score + 1)
    assert not report.blocks("never", min_score=report.score)


def test_kind_is_inferred_unless_given() -> None:
    followup = "Dear Dr. Patel,\n\nI am writing to ask about the status of my application.\n\nSincerely,\nJess"
    assert check_message(followup).kind == "status_followup"
    assert check_message(DRAFT).kind == "thank_you"
    assert check_message(followup, context=Context(kind="thank_you")).kind == "thank_you"


@pytest.mark.parametrize(
    "cue",
    [
        "STATUS OF MY APPLICATION",
        "Checking In",
        "chec\u212a\u0130ng in",  # the Kelvin sign and dotted capital I fold to k and i
        "\u017ftatus of my application",  # long s folds to s
    ],
)
def test_status_cues_match_in_any_case(cue: str) -> None:
    followup = f"Dear Dr. Patel,\n\nI am writing, {cue}, about the role.\n\nSincerely,\nJess"
    assert check_message(followup).kind == "status_followup"


def test_check_messages_keeps_order_and_per_item_context() -> None:
    items = [DRAFT, (DRAFT, Context(kind="status_followup")), "Dear Dr. Patel, thank you."]
    reports = list(check_messages(items, context=OFFICE_HOURS))
    assert [r.kind for r in reports] == ["thank_you", "status_followup", "thank_you"]
    assert reports[0] == check_message(DRAFT, context=OFFICE_HOURS)


@pytest.mark.parametrize("message", ["", "  \n\t", b"", 42])
def test_empty_or_wrong_input(message: object) -> None:
    with pytest.raises(InputError):
        check_message(message)  # type: ignore[arg-type]


def test_ten_megabytes_is_refused_quickly_with_the_limit_named() -> None:
    from tactful import MessageTooLargeError

    with pytest.raises(MessageTooLargeError, match="10,000,000 characters long"):
        check_message("x" * 10_000_000)


def test_vocabulary_stops_growing_once_the_tokenizer_lessons_are_spent(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tactful._nlp as nlp_module
    from tactful._nlp import get_pipeline

    nlp = get_pipeline()
    check_message(DRAFT)  # the rules' set-up adds its own strings once
    before = len(nlp.vocab.strings)
    # A budget of 30 new strings for lessons: after that every check frees what it adds.
    lessons = nlp_module._Lessons(string_limit=before + 30)
    monkeypatch.setitem(nlp_module._lessons, nlp, lessons)
    for i in range(300):
        check_message(f"Dear Dr. Patel,\n\nThank you, zzq{i}word and qqx{i}term.\n")
    assert lessons.done
    assert not lessons.chunks  # the lesson book is let go once nothing more is taught
    assert len(nlp.vocab.strings) - before < 30 + 5  # the budget, and one word's strings


def test_tokenizer_lessons_leave_the_tokens_as_they_were() -> None:
    import spacy

    from tactful._nlp import teach_tokenizer

    texts = [
        "Dear Dr. O'Brien,\n\nI'm grateful (Ms. Kim's tour) -- thanks!! e.g. U/L, 3 a.m.",
        "Hi Mr. Chen,\r\nI can't wait; the QC/QA run (approx. 40 plates) isn't done.\r\n",
        "Dear Prof. García, Thank you 🙏🏽 for the tour of the BSL-2 suite, i.e. the SOPs.",
    ]
    plain = spacy.blank("en")
    expected = [[t.text for t in plain(text)] for text in texts]
    taught = spacy.blank("en")
    for text in texts:
        teach_tokenizer(taught, text)
    assert [[t.text for t in taught(text)] for text in texts] == expected


class _LooseRule(Rule):
    """
    ## What it does
    Yields violations with loosely typed values, as a careless plugin might.

    ## Why it matters
    The engine validates them as findings.

    ## Example
    ```text
    Dear Dr. Patel, thanks.
    ```

    ## Use instead
    ```text
    Dear Dr. Patel, thanks.
    ```
    """

    code = "LOOSE001"
    name = "loose-values"
    category = "tone"
    severity = Severity.WARNING
    bad_severity: ClassVar[str] = "error"

    def check(self, ctx: CheckContext) -> Iterator[Violation]:
        start = ctx.text.index("Patel")
        loose = Violation(start, start + 5, message="m", severity=self.bad_severity, fixes=[])  # type: ignore[arg-type]
        yield loose


def test_loosely_typed_violations_are_validated_as_findings() -> None:
    from tactful._engine import RuleSet
    from tactful._registry import build_registry

    registry = build_registry((), plugins=False)
    rule_set = RuleSet(registry, Config(plugins=False), [])
    rule_set.active = [ActiveRule(_LooseRule(), None)]
    finding = rule_set.check("Dear Dr. Patel,\n\nThanks.\n\nBest,\nAnn").findings[0]
    assert finding.severity is Severity.ERROR  # "error" read as the enum, as pydantic reads it
    assert finding.fixes == ()
    assert (finding.line, finding.column, finding.penalty) == (1, 10, 25)
    _LooseRule.bad_severity = "bogus"
    try:
        with pytest.raises(ValidationError, match="severity"):
            rule_set.check("Dear Dr. Patel,\n\nThanks.\n\nBest,\nAnn")
    finally:
        _LooseRule.bad_severity = "error"


def test_no_config_and_no_context_mean_the_defaults() -> None:
    # check_message keeps one default rule set and one empty context for calls without them.
    context = Context(recipient="Dr. Ana Patel")
    assert check_message(DRAFT) == check_message(DRAFT, config=Config(), context=Context())
    assert check_message(DRAFT, context=context) == check_message(
        DRAFT, config=Config(), context=context
    )
    narrowed = check_message(DRAFT, config=Config(select=("EMO",)))
    assert {f.code[:3] for f in narrowed.findings} == {"EMO"}
    assert check_message(DRAFT).findings != narrowed.findings  # a given config is not cached over
