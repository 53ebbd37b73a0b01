"""Scoring: traceable to findings, one span charged once, adding a flaw never raises the score."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tactful import Finding, Severity, check_message
from tactful._scoring import PENALTY, score

CATEGORIES = ["informal", "emoji", "length"]


def finding(
    start: int, end: int, severity: Severity = Severity.WARNING, category: str = "informal"
) -> Finding:
    return Finding(
        code="INF001",
        name="slang",
        category=category,
        severity=severity,
        message="m",
        start=start,
        end=end,
        line=1,
        column=start + 1,
        end_line=1,
        end_column=end + 1,
        text="x" * (end - start),
    )


def test_disjoint_findings_add_up() -> None:
    result = score([finding(0, 3), finding(5, 8, Severity.ERROR)], CATEGORIES)
    assert result.total == 100 - PENALTY[Severity.WARNING] - PENALTY[Severity.ERROR]
    assert result.penalties == (10, 25)
    assert result.verdict == "not ready"


def test_one_span_is_charged_once_at_the_larger_penalty() -> None:
    result = score([finding(0, 10, category="length"), finding(2, 5, Severity.ERROR)], CATEGORIES)
    assert result.total == 100 - PENALTY[Severity.ERROR]
    assert result.penalties == (0, 25)
    assert result.subscores == {"informal": 75, "emoji": 100, "length": 100}


def test_a_long_span_bridging_two_findings_does_not_hide_them() -> None:
    two = score([finding(0, 3), finding(10, 13)], CATEGORIES).total
    bridged = score(
        [finding(0, 3), finding(10, 13), finding(0, 13, Severity.ERROR)], CATEGORIES
    ).total
    assert bridged <= two


def test_zero_width_findings_never_overlap() -> None:
    assert score([finding(4, 4), finding(4, 4)], CATEGORIES).total == 80


spans = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 8), st.sampled_from(list(Severity))),
    max_size=9,
).map(lambda items: [finding(s, s + w, sev) for s, w, sev in items])


@given(spans, st.tuples(st.integers(0, 30), st.integers(0, 8), st.sampled_from(list(Severity))))
def test_adding_a_finding_never_raises_the_score(
    findings: list[Finding], extra: tuple[int, int, Severity]
) -> None:
    start, width, severity = extra
    before = score(findings, CATEGORIES)
    after = score([*findings, finding(start, start + width, severity)], CATEGORIES)
    assert after.total <= before.total
    assert sum(before.penalties) == min(100, 100 - before.total) or before.total == 0


def test_verdict_bands() -> None:
    assert score([], CATEGORIES).verdict == "ready"
    assert score([finding(0, 1, Severity.INFO)], CATEGORIES).verdict == "ready"
    assert score([finding(0, 1)], CATEGORIES).verdict == "revise"
    assert score([finding(i * 3, i * 3 + 1) for i in range(5)], CATEGORIES).verdict == "not ready"


def test_report_penalties_are_traceable() -> None:
    report = check_message("Dear Dr. Patel,\n\nThx, I'm gonna call!! Wow!\n\nSincerely,\nJess")
    assert report.score == 100 - sum(f.penalty for f in report.findings)
    for category, subscore in report.subscores.items():
        lost = sum(f.penalty for f in report.findings if f.category == category)
        assert subscore == max(0, 100 - lost)


def test_large_overlapping_components_are_charged_each_stretch_once() -> None:
    from tactful._scoring import EXACT_LIMIT

    words = [finding(i * 10, i * 10 + 3) for i in range(EXACT_LIMIT + 10)]
    sentence = finding(0, len(words) * 10, Severity.ERROR, category="length")
    result = score([sentence, *words], CATEGORIES)
    # The sentence's error covers one word's stretch; every other word is charged once.
    assert result.penalties[0] == PENALTY[Severity.ERROR]
    assert sorted(result.penalties[1:]) == [0] + [PENALTY[Severity.WARNING]] * (len(words) - 1)
