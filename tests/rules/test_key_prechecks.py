"""The cheap pre-checks that let rules skip sentences never skip one their regex matches in."""

from __future__ import annotations

from collections.abc import Mapping
from types import SimpleNamespace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.rules.test_fast_patterns import SHARED_LISTS, WORDS_LISTS, text_from

from tactful import Config
from tactful._engine import RuleSet
from tactful.checks import _shared, _words


@pytest.fixture(scope="module")
def lexicons() -> Mapping[str, tuple[str, ...]]:
    return RuleSet.for_config(Config()).resources.lexicons


def fresh_ctx() -> Any:
    """All the pre-checks read of a context: a per-message cache."""
    return SimpleNamespace(doc=SimpleNamespace(user_data={}))


def test_folded_text_keeps_offsets_and_maps_look_alikes() -> None:
    ctx = fresh_ctx()
    assert _shared.folded_text(ctx, "\u212aelvin ſo ıt") == "kelvin so it"
    assert _shared.folded_text(ctx, "Straße") is None  # "ß" folds to "ss"
    assert _shared.folded_text(ctx, "İt") is None  # so does "İ"

    @given(st.text(alphabet=st.sampled_from([*"aZ ’'.", "İ", "ı", "ſ", "\u212a", "é", "Σ"])))
    def check(text: str) -> None:
        folded_copy = _shared.folded_text(fresh_ctx(), text)
        if folded_copy is not None:
            assert len(folded_copy) == len(text)

    check()


@pytest.mark.parametrize("name", SHARED_LISTS + WORDS_LISTS)
def test_a_phrase_match_always_holds_a_key(
    lexicons: Mapping[str, tuple[str, ...]], name: str
) -> None:
    phrases = list(lexicons[name])
    patterns: list[Any] = (
        [_shared.phrase_pattern(phrases), _shared.phrase_pattern(phrases, ignore_case=False)]
        if name in SHARED_LISTS
        else [_words.phrase_pattern(phrases)]
    )
    keys = _shared.PhraseKeys(phrases)

    @given(st.data())
    def check(data: st.DataObject) -> None:
        text = text_from(phrases, data)
        starts = keys.starts(fresh_ctx(), text)
        for pattern in patterns:
            for match in pattern.finditer(text):
                assert _shared.may_hold(starts, match.start(), match.end()), match

    check()


def test_phrases_without_an_ascii_piece_rule_nothing_out() -> None:
    keys = _shared.PhraseKeys(["café au lait", "ß"])
    assert keys.starts(fresh_ctx(), "nothing here") is None


def test_every_indirect_wish_holds_would_or_hop() -> None:
    from tests.rules.test_fast_patterns import WISHES

    from tactful.checks.indirect_request import IndirectRequest

    rule = IndirectRequest()
    rule.setup(RuleSet.for_config(Config()).resources)

    @given(st.data())
    def check(data: st.DataObject) -> None:
        text = text_from(WISHES, data)
        folded_copy = _shared.folded_text(fresh_ctx(), text)
        if folded_copy is None:
            return  # the rule searches every sentence of these
        for pattern in (rule.pattern, rule.simple_case_pattern):
            for match in pattern.finditer(text):
                inside = folded_copy[match.start() : match.end()]
                assert "would" in inside or "hop" in inside

    check()


def test_sort_of_and_kind_of_hold_sort_or_kind() -> None:
    from tactful.checks.hedge_stack import _SORT_KIND

    @given(st.data())
    def check(data: st.DataObject) -> None:
        phrases = ["sort of", "kind of", "OF", "ſort of", "\u212aind of", "KİND of", "kınd of"]
        text = text_from(phrases, data)
        folded_copy = _shared.folded_text(fresh_ctx(), text)
        if folded_copy is None:
            return
        for match in _SORT_KIND.finditer(text):
            matched = folded_copy[match.start() : match.end()]
            assert "of" in matched
            assert "sort" in matched or "kind" in matched

    check()


def test_keys_skip_substrings_of_other_keys() -> None:
    keys = _shared.PhraseKeys(["if that's ok", "if that's okay", "i wonder", "wondering"])
    assert keys._keys == ("ok", "wonder")


def test_a_stacked_intensifier_is_never_ruled_out(lexicons: Mapping[str, tuple[str, ...]]) -> None:
    from tactful.checks.stacked_intensifier import StackedIntensifier

    rule = StackedIntensifier()
    rule.setup(RuleSet.for_config(Config()).resources)
    words = sorted({_words.normalise(w) for w in lexicons["intensifiers"]})
    pieces = [*words, " ", ", ", " ,\t", "-", "al", "SO", "ſo", "\u212a", "²", "é", "_", "’", "1"]

    @given(st.data())
    def check(data: st.DataObject) -> None:
        text = text_from(pieces, data)
        ctx: Any = SimpleNamespace(
            doc=SimpleNamespace(user_data={}), message=SimpleNamespace(prose_text=text)
        )
        if rule._pattern.search(text):
            assert rule._may_repeat(ctx)

    check()


def test_a_thanking_you_line_leaves_thanking_in_the_folded_text() -> None:
    from tactful.checks.thanking_you_closing import _THANKING
    from tactful.packs._scan import fold

    @given(st.data())
    def check(data: st.DataObject) -> None:
        line = text_from(
            ["thanking you", "THANKING YOU", "than\u212aing you", "thankıng you"], data
        )
        if _THANKING.match(line.strip()):
            assert "thanking" in fold(line)

    check()


def test_every_stacked_honorific_match_reported_holds_a_reported_word() -> None:
    from tactful.checks.stacked_honorific import _HONORIFIC_FIRST, _REPORTED_WORDS, _STACKED

    pieces = ["Dear", "Respected", "Most", "Honoured", "Esteemed", "Dr.", "Prof", "Ms"]
    pieces += ["Kapoor", "Anil", "Sir", "Madam", "Ma'am", "Ji", "Sahib", "Mam", "Doctor"]

    @given(st.lists(st.sampled_from(pieces), min_size=1, max_size=7))
    def check(words: list[str]) -> None:
        text = " ".join(words) + ","
        reported = [m for m in _STACKED.finditer(text) if m.group("lead") or m.group("tail")]
        first = _HONORIFIC_FIRST.search(text)
        for match in [*reported, *([first] if first is not None else [])]:
            assert any(word in match.group() for word in _REPORTED_WORDS), match

    check()


def test_every_numeric_date_holds_a_slash_or_a_dotted_or_dashed_year() -> None:
    from tactful.checks.numeric_date import _DOTTED_OR_DASHED_YEARS, _FULL, _SHORT

    pieces = ["05", "5", "11", "2026", "1999", "26", "/", ".", "-", " ", "on ", "v", "٢"]

    @given(st.lists(st.sampled_from(pieces), max_size=12))
    def check(parts: list[str]) -> None:
        text = "".join(parts)
        for match in _FULL.finditer(text):
            found = match.group()
            assert "/" in found or any(p in found for p in _DOTTED_OR_DASHED_YEARS), found
        for match in _SHORT.finditer(text):
            assert "/" in match.group()

    check()


@pytest.mark.parametrize("name", SHARED_LISTS)
def test_a_phrase_match_holds_all_the_words_of_its_phrase(
    lexicons: Mapping[str, tuple[str, ...]], name: str
) -> None:
    phrases = list(lexicons[name])
    gate = _shared.PhraseWords(phrases)
    patterns = [_shared.phrase_pattern(phrases), _shared.phrase_pattern(phrases, ignore_case=False)]

    @given(st.data())
    def check(data: st.DataObject) -> None:
        text = text_from(phrases, data)
        if any(pattern.search(text) for pattern in patterns):
            assert gate.may_match(fresh_ctx(), text)

    check()


def test_every_titled_name_holds_a_title_key() -> None:
    from tactful.checks.generic_note import _TITLE_KEYS, _TITLED_NAME

    pieces = ["Dr", "Mr", "Mrs", "Ms", "Mx", "Prof", "Professor", "Doctor", "Miss", "DR"]
    pieces += [".", " ", "\t", "\n", "Patel", "O'Neil", "Ng-Li", "ng", "and", "Ñuñez", ","]

    @given(st.lists(st.sampled_from(pieces), max_size=10))
    def check(parts: list[str]) -> None:
        text = "".join(parts)
        for match in _TITLED_NAME.finditer(text):
            assert any(key in match.group() for key in _TITLE_KEYS), match

    check()


def test_a_capitalised_run_is_read_in_place() -> None:
    from tactful.checks.generic_note import _capitalised_run

    texts = ["at", "St.", "Luke", "’s", "Medical", "Center", "and", "Riverbend", "Labs", "."]

    @given(st.data())
    def check(data: st.DataObject) -> None:
        first = data.draw(st.integers(0, len(texts) - 1))
        indices = range(first, data.draw(st.integers(first + 1, len(texts))))
        position = data.draw(st.integers(0, len(indices) - 1))
        run = _capitalised_run(texts, indices, position)
        assert texts[indices[position]] in run
        assert " ".join(run) in " ".join(texts[indices.start : indices.stop])

    check()
    assert _capitalised_run(texts, range(len(texts)), 4) == texts[1:6]
    assert _capitalised_run(texts, range(3, 9), 5) == ["Riverbend", "Labs"]
    assert _capitalised_run(texts, range(3, 9), 0) == ["’s", "Medical", "Center"]


def test_a_stretch_has_no_more_words_than_tokens_reaching_into_it() -> None:
    """long-sentence (LEN003) counts a sentence's words only when this bound exceeds its limit."""
    from bisect import bisect_left, bisect_right

    from tactful._nlp import get_pipeline
    from tactful._text import count_words

    nlp = get_pipeline()
    pieces = ["word", "I'm", "mg/dL", "9:30", "—", "-", "...", "(", ")", ",", ".", "!", "😊"]
    pieces += [" ", "  ", "\n", "\n\n", "\t", "e.g.", "U/L", "Dr.", "re-run", "’", "\u00ad"]

    @given(st.lists(st.sampled_from(pieces), min_size=1, max_size=16), st.data())
    def check(parts: list[str], data: st.DataObject) -> None:
        text = "".join(parts)
        starts = [token.idx for token in nlp.make_doc(text)]
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start + 1, len(text)))
        tokens = bisect_left(starts, end) - bisect_right(starts, start) + 1
        assert count_words(text[start:end]) <= tokens

    check()


def test_clock_times_are_found_from_the_places_a_time_may_start() -> None:
    from tactful.checks.call_time_zone import _MAY_START_TIME, _TIME, _times

    pieces = ["10:30", "9", "am", " a.m.", "14.00", " hrs", "1300", "h", ":", ".", "/", ","]
    pieces += [" ", "at ", "x", "5%", " mL", "0", "٢", "12", "pm", "23:59", "-", "h2", "P", "\n"]
    pieces += ["H", "A.M.", "\t", "2", "١٢:٣٠", "000"]

    @settings(max_examples=500)
    @given(st.lists(st.sampled_from(pieces), max_size=12), st.integers(0, 40), st.integers(0, 40))
    def check(parts: list[str], cut_start: int, cut_end: int) -> None:
        # The places are found in the whole text, the times in a sentence of it.
        text = "".join(parts)
        start, end = sorted((min(cut_start, len(text)), min(cut_end, len(text))))
        chunk = text[start:end]
        starts = [m.start() for m in _MAY_START_TIME.finditer(text, overlapped=True)]
        places = [place - start for place in starts if start <= place < end]
        found = [match.span() for match in _times(chunk, places)]
        assert found == [match.span() for match in _TIME.finditer(chunk)]

    check()


def test_a_late_recall_cue_holds_all_the_words_of_its_phrase(
    lexicons: Mapping[str, tuple[str, ...]],
) -> None:
    """PER001 looks for "recall-cues-after" only in notes holding every word of one."""
    phrases = list(lexicons["recall-cues-after"])
    gate = _shared.PhraseWords(phrases)
    pattern = _words.phrase_pattern(phrases)

    @given(st.data())
    def check(data: st.DataObject) -> None:
        text = text_from(phrases, data)
        if pattern.search(text):
            assert gate.may_match(fresh_ctx(), text)

    check()


def test_every_contact_holds_an_at_sign_a_digit_or_a_dot() -> None:
    from tactful.checks._structure import _CONTACT, _MAY_BE_CONTACT

    pieces = ["jess", "@", "example", ".", "com", "(", ")", "317", "555", "-", "0150", " ", "+"]
    pieces += ["LinkedIn", "linkedın", "\u212a", "٣", "²", "x", "\n", "_", "in/jess"]

    @settings(max_examples=500)
    @given(st.lists(st.sampled_from(pieces), max_size=14))
    def check(parts: list[str]) -> None:
        line = "".join(parts)
        if _CONTACT.search(line):
            assert _MAY_BE_CONTACT.search(line)

    check()


def test_a_paragraph_break_holds_two_line_breaks() -> None:
    from tactful.checks.too_many_paragraphs import _BREAK

    @settings(max_examples=500)
    @given(
        st.lists(st.sampled_from(["\n", "\r\n", " ", "\t", "\x0b", "\u2028", "word"]), max_size=20)
    )
    def check(parts: list[str]) -> None:
        text = "".join(parts)
        assert len(_BREAK.findall(text)) <= text.count("\n") // 2

    check()


def test_a_subject_has_no_more_words_than_pieces_between_spaces() -> None:
    from tactful.checks.long_subject import _REPLY_PREFIX, _WORD

    pieces = [
        "Re:",
        "re :",
        "FWD:",
        "Aw:",
        ":",
        " ",
        "\t",
        "\u00a0",
        "\u2003",
        "Thanks",
        "—",
        "2026",
    ]

    @settings(max_examples=500)
    @given(st.lists(st.sampled_from(pieces), max_size=20))
    def check(parts: list[str]) -> None:
        value = "".join(parts)
        words = [w for w in _REPLY_PREFIX.sub("", value).split() if _WORD.search(w)]
        assert len(words) <= len(value.split())

    check()


def test_a_sir_or_madam_greeting_holds_a_cue_when_folded() -> None:
    from tactful.checks.sir_madam_salutation import _ADDRESS, _CUES, _RESPECTED_OTHER
    from tactful.packs._scan import fold

    pieces = ["Dear", "Respected", "Honoured", "ESTEEMED", "most", "Sir", "ſir", "SİR", "sır"]
    pieces += ["Madam", "MA’AM", "ma'am", "maam", "/", " or ", " ", ",", ":", "Hiring Manager"]

    @settings(max_examples=500)
    @given(st.lists(st.sampled_from(pieces), max_size=8))
    def check(parts: list[str]) -> None:
        greeting = "".join(parts)
        if _ADDRESS.match(greeting) or _RESPECTED_OTHER.match(greeting):
            assert any(cue in fold(greeting) for cue in _CUES), greeting

    check()
