"""Edge cases of the salutation, timing, recipients and structure rules beyond the fixtures."""

from __future__ import annotations

from datetime import date

import pytest

from tactful import Config, Context, check_message
from tactful._engine import RuleSet
from tactful._names import NameBook, fold, name_book
from tactful.checks._timing import business_days_after

BODY = (
    "Thank you for the tour of the hematology bench. I am very interested in the position."
    "\n\nSincerely,\nJess Miller\n(317) 555-0150\n"
)


def codes(text: str | bytes, context: Context | None = None, select: str = "ALL") -> list[str]:
    config = Config(select=(select,), plugins=False)
    return [f.code for f in check_message(text, context=context, config=config).findings]


def book() -> NameBook:
    return name_book(RuleSet.for_config(Config(plugins=False)).resources)


def test_fold_ignores_case_and_accents_not_spelling() -> None:
    assert fold("Siobhán O’Neill") == fold("siobhan o'neill")
    assert fold("Patel") != fold("Patell")


@pytest.mark.parametrize(
    ("name", "surname", "given"),
    [
        ("Dr. Ana Patel", "Patel", ("Ana",)),
        ("María José De la Cruz", "De la Cruz", ("María", "José")),
        ("Jan van der Berg", "van der Berg", ("Jan",)),
        ("Fatima Al-Sayed", "Al-Sayed", ("Fatima",)),
        ("Patel, Ana", "Patel", ("Ana",)),
        ("Oluwaseun", "Oluwaseun", ()),
    ],
)
def test_names_split_into_given_and_surname(
    name: str, surname: str, given: tuple[str, ...]
) -> None:
    known = book().parse_name(name)
    assert (known.surname, known.given) == (surname, given)


@pytest.mark.parametrize(
    ("greeting", "recipient", "expected"),
    [
        ("Dear Dr. Patel,", "Dr. Ana Patel", []),
        ("Dear DR. PATEL,", "Dr. Ana Patel", []),
        ("Dear Prof. Lindqvist,", "Professor Annika Lindqvist", []),
        ("Dear Mx. Ellis,", "Mx. Rowan Ellis", []),
        ("Dear Ms. Al Sayed,", "Ms. Fatima Al-Sayed", []),
        ("Dear Dr. Patel and Mr. Ruiz,", "Dr. Ana Patel", []),
        ("Dear Dr. Patel Ma'am,", "Dr. Ana Patel", []),
        ("Dear Ms. Patell,", "Dr. Ana Patel", ["SAL004"]),
        ("Dear Ms. Patel,", "Dr. Ana Patel", ["SAL005"]),
        ("Dear Ana,", "Dr. Ana Patel", ["SAL002"]),
        ("Dear Patel,", "Dr. Ana Patel", ["SAL002"]),
        ("Dear Sir or Madam,", "Dr. Ana Patel", ["SAL003"]),
        ("Respected Sir/Madam,", "Dr. Ana Patel", ["SAL003"]),
    ],
)
def test_greetings_against_a_known_recipient(
    greeting: str, recipient: str, expected: list[str]
) -> None:
    found = codes(f"{greeting}\n\n{BODY}", Context(recipient=recipient), "salutation")
    assert found == expected


def test_generic_greeting_passes_when_no_name_is_known() -> None:
    assert codes(f"Dear Hiring Manager,\n\n{BODY}", None, "salutation") == []


def test_wrong_name_is_reported_once() -> None:
    text = f"To: Karen Morris <kmorris@example.org>\n\nDear Ms. Harris,\n\n{BODY}"
    assert codes(text, None, "SAL") + codes(text, None, "REC") == ["SAL004"]


def test_business_days_skip_weekends() -> None:
    thursday, monday = date(2026, 11, 19), date(2026, 11, 23)
    assert business_days_after(thursday, monday) == 2
    assert business_days_after(monday, date(2026, 11, 30)) == 5


@pytest.mark.parametrize(
    ("interview_at", "sent_at", "expected"),
    [
        ("2026-11-16T10:00:00-05:00", "2026-11-17T09:00:00-05:00", []),
        ("2026-11-16T10:00:00-05:00", "2026-11-17T11:00:00-05:00", ["warning"]),
        ("2026-11-16T10:00:00-05:00", "2026-11-18T11:00:00-05:00", ["error"]),
        # A date alone is the whole day: late only when late whatever the hour was.
        ("2026-11-16", "2026-11-17T23:00:00", []),
        ("2026-11-16", "2026-11-18T01:00:00", ["warning"]),
        # A naive send time is the writer's local time, read in the interview's zone.
        ("2026-11-16T10:00:00-08:00", "2026-11-17T09:30:00", []),
        # Sent from another zone: 09:00 in New York is 06:00 in Los Angeles, 20 h later.
        ("2026-11-16T10:00:00-08:00", "2026-11-17T09:00:00-05:00", []),
    ],
)
def test_late_thank_you(interview_at: str, sent_at: str, expected: list[str]) -> None:
    context = Context(kind="thank_you", interview_at=interview_at, sent_at=sent_at)
    config = Config(select=("TIM001",), plugins=False)
    report = check_message(f"Dear Dr. Patel,\n\n{BODY}", context=context, config=config)
    assert [str(f.severity) for f in report.findings] == expected


def test_timing_needs_the_interview_date() -> None:
    found = codes(f"Dear Dr. Patel,\n\n{BODY}", Context(kind="thank_you"), "timing")
    assert [c for c in found if c != "TIM004"] == []


def test_timing_without_a_send_time_means_now() -> None:
    from datetime import datetime, timedelta

    three_days_ago = (datetime.now().astimezone() - timedelta(days=3)).isoformat()
    context = Context(kind="thank_you", interview_at=three_days_ago)
    assert "TIM001" in codes(f"Dear Dr. Patel,\n\n{BODY}", context, "timing")
    long_ago = Context(kind="status_followup", interview_at="2026-01-05")
    found = codes(f"Dear Dr. Patel,\n\n{BODY}", long_ago, "timing")
    assert [c for c in found if c != "TIM004"] == []


def test_thank_you_note_does_not_count_as_a_status_followup() -> None:
    context = Context(kind="thank_you", previous_followups=("2026-11-10", "2026-11-17"))
    assert "TIM003" not in codes(f"Dear Dr. Patel,\n\n{BODY}", context, "timing")


def test_attachment_rule_is_silent_on_plain_drafts() -> None:
    text = f"Dear Dr. Patel,\n\nPlease find attached my résumé.\n\n{BODY}"
    assert codes(text, None, "STR006") == []
    assert codes(("MIME-Version: 1.0\n\n" + text).encode(), None, "STR006") == ["STR006"]


def test_strengths_for_thanks_and_a_courteous_closing() -> None:
    report = check_message(f"Dear Dr. Patel,\n\n{BODY}", config=Config(plugins=False))
    assert {"thanks", "courteous-closing"} <= {s.name for s in report.strengths}


def test_sign_off_shapes_people_use() -> None:
    head = "Dear Dr. Patel,\n\nThank you for the tour. I remain very interested in the role.\n\n"
    for ending in (
        "Best regards, Jess Miller\n317-555-0150\n",
        "Thank you for your time,\nJess Miller\n317-555-0150\n",
        "Sincerely,\n\n-- \nJess Miller, MLT(ASCP)\njess@example.org\n",
    ):
        assert codes(head + ending, None, "structure") == [], ending


def test_timing_options_are_written_in_kebab_case() -> None:
    context = Context(kind="thank_you", interview_at="2026-11-16T10:00", sent_at="2026-11-17T15:00")
    text = f"Dear Dr. Patel,\n\n{BODY}"
    strict = Config(select=("TIM001",), plugins=False)
    relaxed = Config.model_validate(
        {"select": ["TIM001"], "plugins": False, "rules": {"late-thank-you": {"within-hours": 30}}}
    )
    assert len(check_message(text, context=context, config=strict).findings) == 1
    assert check_message(text, context=context, config=relaxed).findings == ()
