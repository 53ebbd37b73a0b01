"""No suggested fix introduces a finding of another rule.

Every fixture email in tests/fixtures/ is checked with every registered rule selected
(preview rules included). Each fix a finding offers (safe or unsafe; display-only fixes
are advice, not edits) is applied on its own, the text is checked again with the same
context and options, and no other rule may report more findings than before: removing an
emoji must not leave "!!" behind, lower-casing "REALLY" must not uncover slang, a new
sign-off must not create a greeting problem.

Two allowances, both exact and listed below: a finding that takes over from the one fixed
(TAKES_OVER), and the words a fix adds, which may carry a note that sits exactly at a word
budget across it (WORD_BUDGETS; the budgets are raised by the words added and nothing else
may change).
"""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from tactful import Applicability, Config, Context, Report, check_message
from tactful._model import Fix
from tactful._registry import build_registry
from tactful._text import count_words

FIXTURES = Path(__file__).parents[1] / "fixtures"
REGISTRY = build_registry(plugins=False)
EVERY_RULE = tuple(REGISTRY.rules)
#: Findings that take over from another when that one is fixed: the problem was there all
#: along, reported as part of the other ("the same problem is reported once").
#: new code -> the code it was part of. Keep this short.
TAKES_OVER = {
    # No signature at all is one finding (STR003); once a name is there, the missing phone
    # or email under it is reported on its own (STR004, a notice).
    "STR004": "STR003",
}
#: Rules that judge a word count: spelling out a word ("gonna" -> "going to") adds a word,
#: and a note already at its budget then goes over it. The test allows exactly the words
#: the fix added (the budgets are raised by that many), no more.
WORD_BUDGETS = {
    "LEN001": ("body-too-long", ("thank-you-words", "status-followup-words")),
    "LEN003": ("long-sentence", ("max-words",)),
}


def fixture_files() -> list[Path]:
    return sorted(p for p in FIXTURES.glob("*/*") if p.suffix in {".txt", ".eml"})


def load(path: Path) -> tuple[str, Context | None, Config]:
    """The fixture as the text tactful reports on, its context, and a config running every rule."""
    context = None
    config_data: dict[str, object] = {}
    sidecar = path.with_suffix(".toml")
    if sidecar.exists():
        data = tomllib.loads(sidecar.read_text(encoding="utf-8"))
        context = Context.model_validate(data.get("context", {}))
        config_data = data.get("config", {})
    config = Config.model_validate({**config_data, "select": EVERY_RULE, "plugins": False})
    raw = path.read_bytes()
    message: str | bytes = raw if path.suffix == ".eml" else raw.decode("utf-8")
    # Fix offsets refer to report.text; compare the text with itself, before and after.
    text = check_message(message, context=context, config=config).text
    return text, context, config


def applied(text: str, fix: Fix) -> str:
    pieces: list[str] = []
    cursor = 0
    for edit in sorted(fix.edits, key=lambda e: (e.start, e.end)):
        pieces += [text[cursor : edit.start], edit.replacement]
        cursor = edit.end
    return "".join([*pieces, text[cursor:]])


def counts(report: Report) -> Counter[str]:
    return Counter(f.code for f in report.findings)


def introduced(before: Counter[str], after: Counter[str], fixed_code: str) -> dict[str, int]:
    """Codes with more findings after the fix, other than the fixed rule's own."""
    new = {
        code: after[code] - before[code]
        for code in after
        if code != fixed_code and after[code] > before[code]
    }
    return {
        code: n
        for code, n in new.items()
        if not (code in TAKES_OVER and after[TAKES_OVER[code]] < before[TAKES_OVER[code]])
    }


def with_budgets_raised(config: Config, words: int) -> Config:
    rules = {key: dict(value) for key, value in config.rules.items()}
    for code, (name, options) in WORD_BUDGETS.items():
        defaults = REGISTRY.rules[code].options_model().model_dump(by_alias=True)
        table = rules.setdefault(name, {})
        for option in options:
            table[option] = int(table.get(option, defaults[option])) + words
    return config.model_copy(update={"rules": rules})


@pytest.mark.parametrize("path", fixture_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_fix_introduces_a_finding_of_another_rule(path: Path) -> None:
    text, context, config = load(path)
    report = check_message(text, context=context, config=config)
    before = counts(report)
    problems: list[str] = []
    for finding in report.findings:
        for fix in finding.fixes:
            if fix.applicability is Applicability.DISPLAY:
                continue
            fixed_text = applied(text, fix)
            after = counts(check_message(fixed_text, context=context, config=config))
            new = introduced(before, after, finding.code)
            grown = count_words(fixed_text) - count_words(text)
            if new and grown > 0 and set(new) <= set(WORD_BUDGETS):
                raised = with_budgets_raised(config, grown)
                again = counts(check_message(fixed_text, context=context, config=raised))
                baseline = counts(check_message(text, context=context, config=raised))
                new = introduced(baseline, again, finding.code)
            if new:
                problems.append(
                    f"{finding.code} fix “{fix.title}” at {finding.line}:{finding.column} "
                    f"({finding.text!r}) introduces {new}"
                )
    assert not problems, "\n".join(problems)


def test_a_fix_that_adds_words_may_only_move_a_note_across_its_budget() -> None:
    """The allowance above is exact: a body of 200 words with “gonna” goes to 201."""
    body = " ".join(["I ran the Sysmex QC every morning."] * 28) + " I am gonna stay."
    text = f"Dear Dr. Patel,\n\n{body}\n\nSincerely,\nJess Miller\n"
    config = Config(select=("LEN001", "INF001"), plugins=False)
    report = check_message(text, config=config)
    assert report.word_count == 200
    (slang,) = [f for f in report.findings if f.code == "INF001"]
    fixed_text = applied(text, slang.fixes[0])
    after = counts(check_message(fixed_text, config=config))
    assert introduced(counts(report), after, "INF001") == {"LEN001": 1}
    raised = with_budgets_raised(config, count_words(fixed_text) - count_words(text))
    again = counts(check_message(fixed_text, config=raised))
    assert introduced(counts(check_message(text, config=raised)), again, "INF001") == {}


def test_every_rule_is_exercised_by_some_fixture() -> None:
    """The test above only means something if the fixtures cover every rule's fixes."""
    with_fixtures = {p.parent.name for p in fixture_files()}
    assert set(EVERY_RULE) <= with_fixtures
