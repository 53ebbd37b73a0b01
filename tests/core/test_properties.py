"""Properties that hold for any text: spans are exact, scores bounded, fixes help."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import check_context
from tests.strategies import drafts, email_like_text

from tactful import Applicability, Report, TactfulError, check_message
from tactful._model import fixes_to_apply


def checked(text: str) -> Report | None:
    try:
        return check_message(text)
    except TactfulError:
        return None


def assert_well_formed(report: Report) -> None:
    assert 0 <= report.score <= 100
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(report.text)
        assert report.text[finding.start : finding.end] == finding.text
        for fix in finding.fixes:
            for edit in fix.edits:
                assert 0 <= edit.start <= edit.end <= len(report.text)
    keys = [(f.start, f.code, f.end) for f in report.findings]
    assert keys == sorted(keys)
    assert sum(f.penalty for f in report.findings) == 100 - report.score or report.score == 0


@given(st.one_of(email_like_text, drafts))
def test_any_text_gives_a_well_formed_report_or_a_tactful_error(text: str) -> None:
    report = checked(text)
    if report is not None:
        assert_well_formed(report)


@given(drafts)
def test_safe_fixes_remove_what_they_fix(text: str) -> None:
    report = checked(text)
    if report is None:
        return
    applied = fixes_to_apply(report.text, report.findings, Applicability.SAFE)
    fixed_text = report.apply_fixes()
    if not applied or not fixed_text.strip():
        return
    again = checked(fixed_text)
    assert again is not None
    before = Counter(f.code for f in report.findings)
    after = Counter(f.code for f in again.findings)
    for code, fixed in Counter(finding.code for finding, _ in applied).items():
        assert after[code] <= before[code] - fixed, code


@given(email_like_text)
def test_the_same_text_gives_the_same_report(text: str) -> None:
    first, second = checked(text), checked(text)
    assert (first is None) == (second is None)
    if first is not None and second is not None:
        assert first.model_dump() == second.model_dump()


@pytest.mark.slow
def test_a_hundred_thousand_character_line() -> None:
    line = ("gonna 😊 U/L " * 9000)[:100_000]
    report = check_message("Dear Dr. Patel,\n\n" + line + "\n\nSincerely,\nJess")
    assert_well_formed(report)
    assert any(f.code == "INF001" for f in report.findings)


def test_lone_surrogates_are_analysed_as_replacement_characters() -> None:
    text = "Dear Dr. Patel,\n\n\ud800 gonna\n"
    report = check_message(text)
    assert report.text == "Dear Dr. Patel,\n\n\ufffd gonna\n"
    (finding,) = [f for f in report.findings if f.code == "INF001"]
    assert finding.start == text.index("gonna")
    report.model_dump_json()  # serialisable


@given(st.one_of(email_like_text, drafts))
def test_token_tables_read_from_arrays_equal_the_token_attributes(text: str) -> None:
    ctx = check_context(text)
    if ctx is None:
        return
    doc = ctx.doc
    assert ctx.token_starts == tuple(token.idx for token in doc)
    assert ctx.token_texts == tuple(token.text for token in doc)
    assert ctx.token_lowers == tuple(token.lower_ for token in doc)
    assert ctx.token_is_punct == tuple(token.is_punct for token in doc)
    assert ctx.token_is_space == tuple(token.is_space for token in doc)


SENTENCE_PIECES = ["Thank you", "I enjoyed the tour", "QC", ".", "!", "?", "…", ",", "(", ")"]
SENTENCE_PIECES += [" ", "  ", "\n", "\n\n", " \n ", "\t", "- a bullet", "1) a step", "Dr."]
bodies = st.lists(st.sampled_from(SENTENCE_PIECES), min_size=1, max_size=24).map("".join)
notes = st.builds(lambda body: f"Dear Dr. Patel,\n\n{body}\n\nBest,\nAna\n", bodies)


@given(st.one_of(email_like_text, drafts, notes))
def test_body_sentences_are_the_sentences_clipped_to_the_body(text: str) -> None:
    ctx = check_context(text)
    if ctx is None:
        return
    body, prose = ctx.message.parts.body, ctx.message.prose_text
    expected = []
    for sentence in ctx.sentences:
        start, end = max(sentence.start_char, body.start), min(sentence.end_char, body.end)
        clipped = ctx.doc.char_span(start, end, alignment_mode="contract") if start < end else None
        tokens = list(clipped or ())
        while tokens and tokens[0].is_space:
            tokens.pop(0)
        while tokens and tokens[-1].is_space:
            tokens.pop()
        if tokens and prose[tokens[0].idx : tokens[-1].idx + len(tokens[-1])].strip():
            expected.append((tokens[0].i, tokens[-1].i + 1))
    assert [(span.start, span.end) for span in ctx.body_sentences] == expected


@given(st.one_of(email_like_text, drafts))
def test_visible_text_blanks_all_but_prose_subject_and_signature(text: str) -> None:
    from tactful import Config
    from tactful._engine import RuleSet
    from tactful._text import blank_except

    try:
        parsed = RuleSet.for_config(Config()).parse(text)
    except TactfulError:
        return
    shown = list(parsed.prose)
    subject = parsed.header("subject")
    if subject is not None:
        shown.append((subject.start, subject.end))
    if parsed.parts.signature is not None:
        shown.append((parsed.parts.signature.start, parsed.parts.signature.end))
    assert parsed.visible_text == blank_except(parsed.text, shown)


@given(st.one_of(email_like_text, drafts, notes))
def test_body_sentence_pieces_are_cut_at_every_paragraph_break_and_bullet(text: str) -> None:
    from tactful.checks._words import _BULLET_LINE, _PARAGRAPH_BREAK, body_sentences

    ctx = check_context(text)
    if ctx is None:
        return
    body, text = ctx.message.parts.body, ctx.text
    expected = []
    for sentence in ctx.sentences:
        start, end = max(sentence.start_char, body.start), min(sentence.end_char, body.end)
        chunk = text[start:end] if start < end else ""
        cuts = {m.start() for m in _PARAGRAPH_BREAK.finditer(chunk)}
        cuts |= {m.start() for m in _BULLET_LINE.finditer(chunk)}
        previous = 0
        for cut in [*sorted(cuts), len(chunk)]:
            piece = chunk[previous:cut]
            if piece.strip():
                offset = start + previous + len(piece) - len(piece.lstrip())
                expected.append((offset, offset + len(piece.strip())))
            previous = cut
    assert body_sentences(ctx) == expected
