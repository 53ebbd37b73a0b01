"""What the word-level rules (informal, emoji, length, eagerness, personalization) must
leave alone, and the options that change them. Fixture snapshots cover what they flag."""

from __future__ import annotations

from pathlib import Path

import pytest

from tactful import Config, Context, PackError, check_message
from tactful.packs import load_pack

WORD_CATEGORIES = ("informal", "emoji", "length", "eagerness", "personalization")
CONFIG = Config(select=WORD_CATEGORIES, plugins=False)


def flagged(body: str, **context: object) -> list[tuple[str, str]]:
    text = f"Dear Dr. Patel,\n\n{body}\n\nSincerely,\nJess Miller\n"
    report = check_message(text, context=Context(**context), config=CONFIG)  # type: ignore[arg-type]
    return [(f.code, f.text) for f in report.findings if f.code != "PER001"]


@pytest.mark.parametrize(
    "sentence",
    [
        "The ALT was 45 U/L, the glucose 98 mg/dL and the CK 120 u/L.",
        "Please cool the samples on ice and keep the slides cool in the cool room.",
        "Store the reagents in a cool, dry place; the specimens were cool to the touch.",
        "I served as the LIS super-user and tested super-resolution imaging.",
        "I ran the CBC, QC and PT/INR on the Sysmex line and reported ASAP for STAT orders.",
        "My ASCP MLT, HIPAA and CLIA training covered PCR, qPCR, EDTA tubes and HPLC.",
        "The Cobas® and Atellica™ lines, a 1:3 dilution at 10:30, and troponin <3 ng/L.",
        "Results ↑ or ↓ are flagged with ✓ in the i-STAT log (items (i) to (iv)).",
        "The hot block, the positive control and sick leave were covered in orientation.",
        "I have not heard back yet, so I wanted to ask whether there is an update.",
        "Thank you for giving me the chance to interview; please consider me for the role.",
        "It is one of the most organized labs I have seen, and so far the plan makes sense.",
        "The drive-thru draw station and the ALL and AML cases were new to me.",
    ],
)
def test_lab_and_ordinary_language_is_not_flagged(sentence: str) -> None:
    assert flagged(sentence) == []


def test_contractions_are_off_by_default_and_an_info_notice_when_selected() -> None:
    text = "Dear Dr. Patel,\n\nI'm grateful, and I don't mind nights.\n\nSincerely,\nJess\n"
    assert not [f for f in check_message(text).findings if f.code == "INF007"]
    config = Config(extend_select=("contraction",), plugins=False)
    found = [f for f in check_message(text, config=config).findings if f.code == "INF007"]
    assert [f.text for f in found] == ["I'm", "don't"]
    assert {f.severity for f in found} == {"info"}


def test_budgets_are_options_in_kebab_case() -> None:
    body = " ".join(["The Sysmex line ran well."] * 12)  # 60 words
    text = f"Dear Dr. Patel,\n\n{body}\n\nSincerely,\nJess\n"
    config = Config.model_validate(
        {"select": ["LEN001"], "rules": {"body-too-long": {"thank-you-words": 50}}}
    )
    (finding,) = check_message(text, config=config).findings
    assert "Cut about 10 words" in finding.message


def test_word_count_counts_words_as_readers_do() -> None:
    text = "Dear Dr. Patel,\n\nI'm glad: the batch-process step, 5 mg/dL.\n\nSincerely,\nJess\n"
    assert check_message(text).word_count == 7


def test_emoji_in_the_subject_line_but_not_the_signature_or_quote() -> None:
    text = (
        "Subject: Thank you 😊\n\nDear Dr. Patel,\n\nThank you for the tour of the blood bank."
        "\n\nSincerely,\nJess 🙂\n\n> See you 😀\n"
    )
    config = Config(select=("EMO001",), plugins=False)
    (finding,) = check_message(text, config=config).findings
    assert finding.text == "😊"
    assert finding.line == 1


def test_specific_reference_is_a_strength() -> None:
    text = "Dear Dr. Patel,\n\nThank you for showing me the MALDI-TOF.\n\nSincerely,\nJess\n"
    report = check_message(text, config=Config(select=("PER001",), plugins=False))
    assert report.findings == ()
    (strength,) = [s for s in report.strengths if s.name == "specific-reference"]
    assert "MALDI-TOF" in strength.message


def test_topics_and_interviewers_from_context_count_as_specific() -> None:
    config = Config(select=("PER001",), plugins=False)
    generic = "Dear Dr. Patel,\n\nThank you for your time today.\n\nSincerely,\nJess\n"
    assert check_message(generic, config=config).findings
    topic = "Dear Dr. Patel,\n\nThank you; I keep thinking about weekend staffing.\n\nBest,\nJess\n"
    report = check_message(topic, context=Context(topics=("weekend staffing gaps",)), config=config)
    assert report.findings == ()
    person = "Dear Dr. Patel,\n\nThank you, and please thank Rosa for the tour.\n\nBest,\nJess\n"
    report = check_message(
        person,
        context=Context(recipient="Dr. Ana Patel", interviewers=("Rosa Diaz",)),
        config=config,
    )
    assert report.findings == ()


def test_visible_scope_needs_a_pattern(tmp_path: Path) -> None:
    pack = tmp_path / "pack.toml"
    pack.write_text(
        """
[[rule]]
code = "ACME001"
name = "acme"
category = "informal"
severity = "warning"
kind = "existence"
scope = "visible"
message = "m"
tokens = ["x"]
[rule.docs]
what = "w"
why = "y"
[rule.examples]
bad = ["x"]
good = ["y"]
""",
        encoding="utf-8",
    )
    with pytest.raises(PackError, match="needs a pattern"):
        load_pack(pack)


GENERIC_NOTES = [
    "Thank you for the opportunity to interview for the Clinical Lab Scientist position at "
    "Mercy Regional Medical Center. I appreciated the chance to learn about the role and the "
    "department's goals. I am confident my skills align well with your needs.",
    "It was a pleasure meeting you and the team yesterday. Thank you for taking the time to "
    "explain the responsibilities of the position and what a typical day looks like.",
    "Thank you for your time today. I enjoyed our conversation and hearing about your vision "
    "for the laboratory. My experience and passion for laboratory science make me a fit.",
    "I wanted to thank you again for interviewing me for the Lab Assistant role. It was great "
    "to see the lab in person and get a feel for how things run day to day.",
    "As I mentioned, I am making a career change after twelve years of teaching high school "
    "chemistry, and I am comfortable explaining technical information to people.",
]
SPECIFIC_NOTES = [
    "The detail that your couriers now scan every bag at pickup stuck with me.",
    "I keep thinking about the question you asked about hemolyzed samples from the ED.",
    "Hearing that the night team often works short-staffed on weekends made me appreciate "
    "the flexibility you need.",
    "Meeting Carla and the evening crew made me even more excited about the role.",
    "Thank you for showing me around the bacteriology section.",
    "It was helpful to hear about the transition from paper notebooks to Benchling.",
]


@pytest.mark.parametrize("body", GENERIC_NOTES)
def test_generic_notes_are_flagged(body: str) -> None:
    text = f"Dear Dr. Evans,\n\n{body}\n\nSincerely,\nPaul Reed\n"
    report = check_message(text, config=Config(select=("PER001",), plugins=False))
    assert [f.code for f in report.findings] == ["PER001"]


@pytest.mark.parametrize("body", SPECIFIC_NOTES)
def test_specific_notes_pass_without_any_context(body: str) -> None:
    text = f"Dear Dr. Evans,\n\nThank you for the interview. {body}\n\nSincerely,\nPaul Reed\n"
    report = check_message(text, config=Config(select=("PER001",), plugins=False))
    assert report.findings == ()
