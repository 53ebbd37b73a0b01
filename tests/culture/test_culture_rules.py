"""Culture and directness: audience, selection, overlaps and the edges of each rule."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tactful import Config, Context, Severity, check_message
from tactful._registry import build_registry

REGISTRY = build_registry(plugins=False)
CULTURE = sorted(c for c, r in REGISTRY.rules.items() if r.category == "culture")
DIRECTNESS = sorted(c for c, r in REGISTRY.rules.items() if r.category == "directness")

FLAWED = """Subject: Follow-up

Respected Sir,

Greetings of the day. I attended the interview a week back. Kindly revert at the earliest,
and kindly do the needful. I am having four years of experience. I have a doubt about the
shift. I can join a call on 05/11/2026 at 14:00.

Thanking you,
Ravi
"""


def findings(text: str, *select: str, context: Context | None = None, **config: object) -> list:
    report = check_message(
        text, context=context, config=Config(select=list(select), plugins=False, **config)
    )
    return list(report.findings)


def test_both_categories_are_populated() -> None:
    assert len(CULTURE) >= 15
    assert len(DIRECTNESS) >= 5


def test_every_culture_rule_speaks_only_for_the_us_audience() -> None:
    assert all(REGISTRY.rules[code].audiences == frozenset({"us"}) for code in CULTURE)


def test_culture_rules_fire_for_the_default_us_audience() -> None:
    codes = {f.code for f in findings(FLAWED, "culture")}
    assert {"CUL001", "CUL002", "CUL003", "CUL006", "CUL009", "CUL010", "CUL013"} <= codes
    assert {"CUL014", "CUL016", "CUL017", "CUL018"} <= codes


@pytest.mark.parametrize("audience", ["in", "uk", "ng", "International"])
def test_culture_rules_stay_silent_for_another_audience(audience: str) -> None:
    assert findings(FLAWED, "culture", audience=audience) == []


def test_audience_is_case_insensitive() -> None:
    assert findings(FLAWED, "culture", audience=" US ")


def test_selecting_by_category_name_and_prefix_works() -> None:
    by_category = {f.code for f in findings(FLAWED, "culture")}
    by_prefix = {f.code for f in findings(FLAWED, "CUL")}
    by_name = {f.code for f in findings(FLAWED, "revert-for-reply")}
    assert by_category == by_prefix
    assert by_name == {"CUL002"}


def test_body_sentences_are_clipped_to_the_body() -> None:
    # The greeting and the first sentence come out of the sentencizer as one sentence;
    # rules reading body sentences must still see the first one.
    text = "Dear Dr. Blake,\n\nSorry to bother you during a busy week. I am writing.\n\nBest,\nAn\n"
    hits = findings(text, "DIR002")
    assert [f.text for f in hits] == ["Sorry to bother"]


def test_the_first_body_sentence_counts_for_buried_purpose() -> None:
    text = (
        "Dear Dr. Grady,\n\nI am writing to ask whether there is any update on the position. "
        "I enjoyed the tour. I read about plate reading.\n\nBest,\nAoife\n"
    )
    assert findings(text, "DIR005", context=Context(kind="status_followup")) == []


def test_numeric_date_gives_both_readings_when_ambiguous() -> None:
    text = "Dear Ms. Foster,\n\nI can start on 05/11/2026.\n\nBest,\nLi\n"
    (finding,) = findings(text, "CUL017")
    assert finding.severity is Severity.WARNING
    assert "May 11, 2026" in finding.message
    assert "November 5, 2026" in finding.message
    assert "ambiguous" in finding.message
    assert {fix.edits[0].replacement for fix in finding.fixes} == {
        "May 11, 2026",
        "November 5, 2026",
    }
    assert text[finding.start : finding.end] == "05/11/2026"


@pytest.mark.parametrize(
    ("date", "expected"),
    [
        ("13/11/2026", Severity.INFO),  # only day-first is possible: a notice
        ("11/13/2026", None),  # only month-first: already US
        ("05/05/2026", None),  # both readings agree
        ("31/02/2026", None),  # no such date either way
        ("2026-11-05", None),  # ISO
        ("05.11.2026", Severity.WARNING),
        ("05-11-2026", Severity.WARNING),
        ("05/11/26", Severity.WARNING),
    ],
)
def test_numeric_date_readings(date: str, expected: Severity | None) -> None:
    hits = findings(f"Dear Ms. Foster,\n\nMy notice ends {date}.\n\nBest,\nLi\n", "CUL017")
    assert [f.severity for f in hits] == ([expected] if expected else [])


@pytest.mark.parametrize(
    "lab_value",
    ["a 1/2 dilution", "10/20 mL aliquots", "a 1:40 titer", "by 1/2 before", "ratio 3/4 of"],
)
def test_numeric_date_leaves_lab_values_alone(lab_value: str) -> None:
    text = f"Dear Dr. Ruiz,\n\nWe prepared {lab_value} the run.\n\nBest,\nLi\n"
    assert findings(text, "CUL017", "CUL018") == []


def test_one_kindly_is_a_notice_and_two_are_warnings() -> None:
    one = findings("Dear Dr. Patel,\n\nKindly let me know.\n\nBest,\nPriya\n", "CUL014")
    two = findings(
        "Dear Dr. Patel,\n\nKindly let me know. Could you kindly send it?\n\nBest,\nPriya\n",
        "CUL014",
    )
    assert [f.severity for f in one] == [Severity.INFO]
    assert [f.severity for f in two] == [Severity.WARNING, Severity.WARNING]


def test_kindly_counts_as_politeness_not_as_a_hedge() -> None:
    text = "Dear Dr. Patel,\n\nKindly, please let me know about the shift.\n\nBest,\nPriya\n"
    assert findings(text, "directness") == []


def test_sir_madam_needs_a_known_name_unless_respected() -> None:
    unknown = "Dear Sir/Madam,\n\nI am writing about the position.\n\nBest,\nMark\n"
    assert findings(unknown, "CUL016") == []
    known = findings(unknown, "CUL016", context=Context(recipient="Dr. Ana Patel"))
    assert [f.text for f in known] == ["Dear Sir/Madam"]
    assert known[0].fixes[0].edits[0].replacement == "Dear Dr. Patel"
    respected = "Respected Sir/Madam,\n\nI am writing about the position.\n\nBest,\nMark\n"
    assert [f.text for f in findings(respected, "CUL016")] == ["Respected Sir/Madam"]


def test_stacked_honorific_fix_keeps_one_dear() -> None:
    text = "Dear Mr. Hall Sir,\n\nThank you for the interview.\n\nBest,\nEmeka\n"
    (finding,) = findings(text, "CUL015")
    fixed = text[: finding.start] + finding.fixes[0].edits[0].replacement + text[finding.end :]
    assert fixed.startswith("Dear Mr. Hall,\n")


def test_hedge_stack_and_minimizing_just_are_charged_once() -> None:
    text = "Dear Mr. Price,\n\nI was just wondering if maybe there is news.\n\nBest,\nKate\n"
    report = check_message(text, config=Config(select=["directness"], plugins=False))
    codes = sorted(f.code for f in report.findings)
    assert codes == ["DIR001", "DIR003"]
    assert sum(f.penalty for f in report.findings) == 10


def test_stative_progressive_fix_reads_as_us_english() -> None:
    text = "Dear Ms. Nolan,\n\nI'm having 4 years of experience, and she is knowing it.\n\nBest,\nJoy\n"
    hits = findings(text, "CUL013")
    fixed = text
    for finding in sorted(hits, key=lambda f: -f.start):
        edit = finding.fixes[0].edits[0]
        fixed = fixed[: edit.start] + edit.replacement + fixed[edit.end :]
    assert "I have 4 years of experience, and she knows it." in fixed


def test_findings_in_quoted_text_are_not_reported() -> None:
    text = (
        "Dear Dr. Goldberg,\n\nI am writing again to ask about the position.\n\nBest regards,\n"
        "Samuel\n\nOn Thu, Nov 12, 2026 at 9:05 AM Samuel <s@example.com> wrote:\n"
        "> Greetings of the day. Kindly revert at the earliest.\n>\n> Thanking you,\n> Samuel\n"
    )
    assert findings(text, "culture", "directness") == []


@given(
    st.lists(
        st.sampled_from(
            [
                *("the same", "revert", "kindly", "doubt", "back", "PFA", "14:00", "05/11/2026"),
                *("just", "I", "am", "having", "sort", "of", "maybe", "analyzer", "to", "me"),
                *(".", ",", "\n"),
            ]
        ),
        max_size=30,
    )
)
def test_spans_are_exact_on_arbitrary_word_salad(words: list[str]) -> None:
    text = "Dear Dr. Patel,\n\n" + " ".join(words) + " end.\n\nBest,\nA\n"
    report = check_message(text, config=Config(select=["culture", "directness"], plugins=False))
    for finding in report.findings:
        assert finding.text == text[finding.start : finding.end]
        for fix in finding.fixes:
            for edit in fix.edits:
                assert 0 <= edit.start <= edit.end <= len(text)


@pytest.mark.parametrize(
    ("to", "flagged"),
    [
        ("Laura Bishop <lbishop@example.org>", True),
        ("Dr. Laura Bishop <lbishop@example.org>", True),
        ("HR Department <hr@example.org>", False),
        ("Careers Team <careers@example.org>", False),
        ("careers@example.org", False),
        ("Laura Bishop <lb@example.org>, Tom Reyes <tr@example.org>", False),
    ],
)
def test_dear_sir_is_flagged_only_when_the_to_header_names_a_person(to: str, flagged: bool) -> None:
    text = f"To: {to}\n\nDear Sir/Madam,\n\nI am writing about the position.\n\nBest,\nMark\n"
    assert bool(findings(text, "CUL016")) is flagged


@pytest.mark.parametrize(
    "sentence",
    [
        "The lab is having a great year, and the team is holding a strong position.",
        "I am having lunch with my former supervisor, and we are having a call tomorrow.",
        "We were having trouble with the centrifuge last year.",
    ],
)
def test_having_and_holding_without_a_possession_are_not_stative(sentence: str) -> None:
    assert findings(f"Dear Dr. Patel,\n\n{sentence}\n\nBest,\nJess\n", "CUL013") == []


def test_having_hands_on_experience_is_stative() -> None:
    text = "Dear Dr. Patel,\n\nI am having hands-on experience in ELISA.\n\nBest,\nJess\n"
    assert [f.text for f in findings(text, "CUL013")] == ["am having"]


def test_directness_rules_run_for_every_audience() -> None:
    # Hedge stacks and buried requests cost any busy reader time; only culture is US-bound.
    assert all(REGISTRY.rules[code].audiences is None for code in DIRECTNESS)
    text = "Dear Dr. Patel,\n\nSorry to bother you. I think perhaps I rushed.\n\nBest,\nA\n"
    assert {f.code for f in findings(text, "directness", audience="in")} == {"DIR001", "DIR002"}


@pytest.mark.parametrize(
    "closing", ["With regards,", "Thanking you in advance,", "Thanking you sir,"]
)
def test_culture_closings_are_parsed_as_closings(closing: str) -> None:
    text = f"Dear Dr. Patel,\n\nThank you for the tour.\n\n{closing}\nRavi Iyer\n"
    report = check_message(text, config=Config(select=["CUL010"], plugins=False))
    assert report.parts.closing is not None
    assert text[report.parts.closing.start : report.parts.closing.end] == closing


@pytest.mark.parametrize(
    "sentence",
    [
        "The analyzer reverts on power loss.",
        "The values revert when the lot changes, and the settings reverted at midnight.",
        "We revert the analyzer to its validated settings.",
        "If the LIS update fails, IT reverts it overnight.",
        "The chemistry line reverted to the old method.",
    ],
)
def test_revert_keeps_its_ordinary_sense(sentence: str) -> None:
    assert findings(f"Dear Dr. Hayes,\n\n{sentence}\n\nBest,\nWei\n", "CUL002") == []


@pytest.mark.parametrize(
    ("sentence", "flagged"),
    [
        ("Kindly revert me at the earliest.", "revert"),
        ("I will revert with the documents by Monday.", "revert"),
        ("Please revert back.", "revert back"),
        ("Awaiting your kind revert.", "revert"),
    ],
)
def test_revert_meaning_reply(sentence: str, flagged: str) -> None:
    hits = findings(f"Dear Dr. Park,\n\n{sentence}\n\nBest,\nSuresh\n", "CUL002")
    assert [f.text for f in hits] == [flagged]


@pytest.mark.parametrize("just", ["Just", "JUſT", "juﬆ"])
def test_minimizing_just_folds_case_past_its_word_test(just: str) -> None:
    # The rule skips notes without "just" in their folded text: a long s (folds to "s")
    # and the "st" ligature (folds to two letters) must still reach the pattern.
    text = f"Dear Dr. Patel,\n\nI am {just} checking in on the position.\n\nSincerely,\nJess\n"
    assert [(f.code, f.text) for f in findings(text, "DIR003")] == [("DIR003", just)]
