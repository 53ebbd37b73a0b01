"""The faster forms of the rules' regexes (phrase tries, \\b anchors) find what the originals find."""

from __future__ import annotations

from collections.abc import Mapping

import pytest
import regex
from hypothesis import given
from hypothesis import strategies as st

from tactful import Config
from tactful._engine import RuleSet
from tactful.checks import _shared, _words

#: Lexicons the rules compile with ``_shared.phrase_pattern`` and ``_words.phrase_pattern``.
SHARED_LISTS = (
    "apology-heads",
    "apology-impositions",
    "foreign-time-zones",
    "hedges",
    "scheduling-words",
    "status-purpose-cues",
    "us-time-zones",
)
WORDS_LISTS = ("casual-greetings", "memory-cues", "recall-cues", "recall-cues-after")
#: Characters that trip case folding, apostrophe and spacing classes and word boundaries.
ODD = [" ", "  ", "\t", "\n", "\u00a0", "'", "’", "‘", "`", "-", ".", "_", "x", "1"]
ODD += ["ß", "ﬁ", "ﬂ", "\u212a", "ſ", "İ", "ı", "é", "\u0301"]


@pytest.fixture(scope="module")
def lexicons() -> Mapping[str, tuple[str, ...]]:
    return RuleSet.for_config(Config()).resources.lexicons


def variant(phrase: str, data: st.DataObject) -> str:
    """The phrase, maybe cut short, in other case and with other spaces and apostrophes."""
    if data.draw(st.booleans()):
        phrase = phrase[: data.draw(st.integers(0, len(phrase)))]
    out = []
    for char in phrase:
        if char == " ":
            char = data.draw(st.sampled_from([" ", "  ", "\t", "\n", " \n "]))
        elif char in "'’":
            char = data.draw(st.sampled_from(["'", "’", "‘", "`"]))
        elif data.draw(st.integers(0, 3)) == 0:
            char = char.swapcase()
        out.append(char)
    return "".join(out)


def text_from(phrases: list[str], data: st.DataObject) -> str:
    pieces = st.sampled_from(phrases).map(lambda p: variant(p, data)) | st.sampled_from(ODD)
    return "".join(data.draw(st.lists(pieces, min_size=1, max_size=14)))


def spans(pattern: regex.Pattern[str] | _shared.PhrasePattern, text: str, pos: int) -> list:
    return [m.span() for m in pattern.finditer(text, pos)]


@pytest.mark.parametrize("name", SHARED_LISTS)
@pytest.mark.parametrize("ignore_case", [True, False])
def test_shared_trie_finds_what_the_alternation_finds(
    lexicons: Mapping[str, tuple[str, ...]], name: str, ignore_case: bool
) -> None:
    phrases = list(lexicons[name])
    pattern = _shared.phrase_pattern(phrases, ignore_case=ignore_case)
    assert pattern._trie is not None  # the shipped lists all take the fast path
    alternation = regex.compile(pattern.source, pattern.flags)

    @given(st.data())
    def check(data: st.DataObject) -> None:
        text = text_from(phrases, data)
        pos = data.draw(st.integers(0, len(text)))
        assert spans(pattern, text, pos) == spans(alternation, text, pos)
        found = pattern.search(text, pos)
        expected = alternation.search(text, pos)
        assert (found and found.span()) == (expected and expected.span())

    check()


@pytest.mark.parametrize("name", WORDS_LISTS)
def test_words_trie_finds_what_the_alternation_finds(
    lexicons: Mapping[str, tuple[str, ...]], name: str
) -> None:
    phrases = list(lexicons[name])
    pattern = _words.phrase_pattern(phrases)
    ordered = sorted({_words.normalise(p) for p in phrases if p.strip()}, key=len, reverse=True)
    parts = [
        r"[ \t]+".join(
            "['’‘`]".join(regex.escape(piece) for piece in word.split("'"))
            for word in phrase.split()
        )
        for phrase in ordered
    ]
    alternation = regex.compile(rf"(?<![\w'’])(?:{'|'.join(parts)})(?![\w'’])", regex.IGNORECASE)
    assert pattern.pattern != alternation.pattern  # the trie, not the alternation

    @given(st.data())
    def check(data: st.DataObject) -> None:
        text = text_from(phrases, data)
        pos = data.draw(st.integers(0, len(text)))
        assert spans(pattern, text, pos) == spans(alternation, text, pos)

    check()


def test_the_longest_phrase_wins_and_whole_words_only() -> None:
    pattern = _shared.phrase_pattern(["kind", "kind of", "kind of like", "I'm sorry"])
    text = "A kind of likely kind of like it. Kinda. IM SORRY, I’m  sorry."
    assert [m.group() for m in pattern.finditer(text)] == [
        "kind of",
        "kind of like",
        "I’m  sorry",
    ]


def test_full_case_folding_is_kept() -> None:
    pattern = _shared.phrase_pattern(["fine", "fail", "class"])
    assert [m.group() for m in pattern.finditer("ﬁne, then CLAß")] == ["ﬁne", "CLAß"]
    assert _shared.phrase_pattern(["class"], ignore_case=False).search("claß") is None


def test_lists_the_trie_cannot_take_stay_alternations() -> None:
    pattern = _shared.phrase_pattern(["café au lait", "a\tb"])
    assert pattern._trie is None
    assert pattern.search("un CAFÉ AU LAIT") is not None


WISHES = [
    "it would be great if",
    "That would really be so helpful to find out whether",
    "I would greatly appreciate it if there",
    "i would be most grateful if there",
    "I'm hoping that there will be any news",
    "I am hope there have been some updates",
]


def test_indirect_request_fast_pattern_matches_as_the_full_case_one() -> None:
    from tactful.checks.indirect_request import IndirectRequest

    rule = IndirectRequest()
    rule.setup(RuleSet.for_config(Config()).resources)

    @given(st.data())
    def check(data: st.DataObject) -> None:
        text = text_from(WISHES, data)
        if _shared.folds_to_several(text):
            return  # the rule uses the full-case pattern on these
        found = rule.simple_case_pattern.search(text)
        expected = rule.pattern.search(text)
        assert (found and found.span()) == (expected and expected.span())

    check()


CLOCK_PIECES = ["9", "09", "14", "23", "7", ":", "30", ".", "00", "h", " hrs", " hours", "am"]
CLOCK_PIECES += [" p.m.", "PM", " ", "/", ",", "x", "1:10", "mL", "٣", "²", "_", "a"]


@given(st.lists(st.sampled_from(CLOCK_PIECES + ODD), max_size=16).map("".join))
def test_clock_time_regex_matches_as_with_its_look_behind(text: str) -> None:
    from tactful.checks.call_time_zone import _TIME

    prefix = r"\b(?=\d)(?<![:.,/])(?:"
    assert _TIME.pattern.startswith(prefix)
    original = regex.compile(r"(?<![\w:.,/])(?:" + _TIME.pattern[len(prefix) :], _TIME.flags)
    assert [m.span() for m in _TIME.finditer(text)] == [m.span() for m in original.finditer(text)]


def test_stacked_intensifier_regex_matches_as_the_alternation(
    lexicons: Mapping[str, tuple[str, ...]],
) -> None:
    from tactful.checks.stacked_intensifier import StackedIntensifier

    rule = StackedIntensifier()
    rule.setup(RuleSet.for_config(Config()).resources)
    words = sorted({_words.normalise(w) for w in lexicons["intensifiers"]}, key=len)
    alternation = "|".join(regex.escape(w) for w in reversed(words))
    original = regex.compile(
        rf"(?<![\w-])({alternation})(?:[ \t]*,?[ \t]+\1)+(?![\w-])"
        r"(?!(?<=\bso)\s+(?:far|that|as|on|forth)\b)",
        regex.IGNORECASE,
    )
    assert rule._pattern.pattern != original.pattern
    pieces = [*words, " ", ", ", "-", " far", " that"]

    @given(st.data())
    def check(data: st.DataObject) -> None:
        text = text_from(pieces, data)
        found = [m.span(1) for m in rule._pattern.finditer(text)]
        assert found == [m.span(1) for m in original.finditer(text)]
        assert [m.span() for m in rule._pattern.finditer(text)] == [
            m.span() for m in original.finditer(text)
        ]

    check()
