"""The branch-by-branch scan of pack patterns finds exactly what one scan of the pattern finds."""

from __future__ import annotations

import random

import pytest
import regex

from tactful._registry import build_registry
from tactful.packs._kinds import PackPattern, compile_pattern
from tactful.packs._scan import (
    _BOUNDARY_ESCAPES,
    _CLASS_BOUNDARY_CHARS,
    _ESCAPED_PUNCTUATION,
    _PLAIN_PUNCTUATION,
    ASCII_FOLDS,
    Branch,
    FoldedText,
    Leading,
    fold,
    read_leading,
    read_needs,
    required_words,
    split_branches,
)

SEPARATORS = [" ", "  ", "\n", ", ", ". ", "! ", "? ", "'", "’", "-", "", " (", ") ", "\t"]
FILLER = ["the", "a", "an", "I", "i", "you", "really", "so", "not", "no", "one", "me", "é", "İ"]


def pattern_rules() -> list[tuple[str, str, bool]]:
    registry = build_registry(plugins=False)
    found = []
    for code, rule in registry.rules.items():
        spec = getattr(rule, "spec", None)
        pattern = getattr(spec, "pattern", None)
        if spec is not None and pattern:
            found.append((code, pattern, spec.ignore_case))
    return found


def whole_spans(pattern: PackPattern, text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in pattern.whole.finditer(text) if m.end() > m.start()]


def random_text(words: list[str], rng: random.Random) -> str:
    parts = []
    for _ in range(rng.randint(1, 40)):
        word = rng.choice(words)
        case = rng.random()
        if case < 0.15:
            word = word.upper()
        elif case < 0.3:
            word = word.title()
        parts.append(word + rng.choice(SEPARATORS))
    return "".join(parts)


@pytest.mark.parametrize("makes_words", [False, True])
@pytest.mark.parametrize(("code", "source", "ignore_case"), pattern_rules())
def test_builtin_patterns_scan_the_same(
    code: str, source: str, ignore_case: bool, makes_words: bool
) -> None:
    pattern = PackPattern(source, ignore_case)
    if pattern.scanner is not None:
        pattern.scanner.makes_words = makes_words  # whole words by lookup, or all by scan
    words = regex.findall(r"[A-Za-z’']+|\d+|[^\sA-Za-z\\()?:|*+]", source) + FILLER
    rng = random.Random(code)
    for _ in range(1500):
        text = random_text(words, rng)
        assert list(pattern.spans(text)) == whole_spans(pattern, text), (code, text)


@pytest.mark.parametrize("most_starts", [0, 1, 3])
@pytest.mark.parametrize(("code", "source", "ignore_case"), pattern_rules())
def test_frequent_leading_strings_scan_the_same(
    code: str, source: str, ignore_case: bool, most_starts: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Few allowed starts: a text holding more leading strings is searched whole instead."""
    monkeypatch.setattr(Branch, "MOST_STARTS", most_starts)
    pattern = PackPattern(source, ignore_case)
    words = regex.findall(r"[A-Za-z’']+|\d+|[^\sA-Za-z\\()?:|*+]", source) + FILLER
    rng = random.Random(code)
    for _ in range(300):
        text = random_text(words, rng)
        assert list(pattern.spans(text)) == whole_spans(pattern, text), (code, text)


@pytest.mark.parametrize(("code", "source", "ignore_case"), pattern_rules())
def test_builtin_patterns_compile(code: str, source: str, ignore_case: bool) -> None:
    """The shipped packs are loaded without compiling their patterns: this is their check."""
    compile_pattern(source, ignore_case)


def test_every_builtin_alternation_is_split() -> None:
    split = {code for code, source, _ in pattern_rules() if split_branches(source)}
    assert {"EAG001", "EAG003", "EAG006", "PER002", "CUL003"} <= split
    assert {"CUL006", "CUL008", "EAG002"} <= split  # one branch each


def test_fold_covers_every_case_insensitive_match_of_ascii() -> None:
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    matched = regex.findall("(?-f)[ -~]", everything, flags=regex.V1 | regex.IGNORECASE)
    for char in set(matched) - {chr(c) for c in range(0x80)}:
        for ascii_char in map(chr, range(0x20, 0x7F)):
            if compile_pattern(regex.escape(ascii_char), True).fullmatch(char):
                assert fold(char) == ascii_char.lower(), (char, ascii_char)
    assert set(ASCII_FOLDS) <= set(matched)


@pytest.mark.parametrize(
    ("source", "text"),
    [
        # At one place the earlier branch wins, even when a later one is longer.
        (r"\bneed\b|\bneed \s+ this \s+ job", "I need this job, I need it"),
        (r"(?x) \bneed \s+ this \s+ job | \bneed\b", "I need this job, I need it"),
        # A match of one branch hides a later-starting match of another inside it.
        (r"taking \s+ so \s+ long|so \s+ long \s+ now", "it is taking so long now; so long now"),
        # Lookbehind sees the text before where a search resumes.
        (r"(?x)(?<=\bback\s)again|back", "back again back again"),
        # An empty match: the whole pattern is scanned instead.
        (r"(?x) x* | \bneed\b", "need xx need"),
        (r"(?x) (?=need) | need", "need need"),
        # A repeat's counts are not words of the text.
        (r"(?x) \bbest \s+ (?:\w+ \s+){0,3}? ever | \bzz{2}", "the best lab I have ever seen, zzz"),
        # Case folding: İ, ı, ſ and K match i, I, s and k.
        (r"(?x) \bİ \s+ need | \bsıx | kelvın", "İ need SIX, six, ſix and KELVIN"),
        # Whole words: next to a boundary, inside longer words, after optional groups.
        (r"(?x) \bneed\b | \bjob \s+ | zz", "needed, I need. a job\tjobs"),
        (r"(?x) \bI \s+ (?:so \s+)? (?:really[\s,]+)* need\b | zz", "I so really, need it"),
        (r"(?x) (?<=\s) need (?=\s) | \bsix\b | zz", "ſix need Kneed need!"),
        (r"(?x) \bdon['’]t \s+ know\b | zz", "I don’t know; I DON'T KNOW"),
        (r"(?x) need \b | \b need | zz", "kneed needs"),
        (r"(?x) [\s-]+ need [.,]+ | zz", "a -need,, b need"),
        (r"(?x) (?i: \bneed\b ) | zz", "NEED"),
        # Matches tried only where a leading string occurs: folded, punctuation, prefixes,
        # lookbehinds, and too many places (one search then).
        (r"(?x) \bkelvin \b | \bsix | zz", "\u212aELVIN kelvin Kelvin ſix SIX"),
        (r"(?x) \[ [^\]\n]{0,10} \] | \{ \w+ \} | zz", "[a] {b} [ [x]] {{c}}"),
        (r"(?x) (?:means|mean|meant) \s+ it | zz", "it means it, meant it, mean it"),
        (r"(?x) (?<=\s) need (?=\s) | %[A-Z]+% | zz", "need need %NAME% %x% %%"),
        (r"(?x) \ba \s+ b | zz", "a " * 30 + "a b"),
        # One branch only.
        (r"(?<![!?])!(?![!?])", "Hi! Yes!! a!b ?! !"),
        (
            r"(?x) (?<=\b(?:a|two|\d{1,3}) \s+ (?:day|weeks?) \s+) back \b",
            "two weeks back, 3 day back",
        ),
        (r"(?<=(?:^|[.!?;]|\n)[ \t]*)PFA(?=\s*[:,]\s)", "PFA: x. PFA, y PFA: z"),
    ],
)
def test_tricky_patterns_scan_the_same(source: str, text: str) -> None:
    for ignore_case in (False, True):
        for makes_words in (False, True):
            pattern = PackPattern(source, ignore_case)
            assert pattern.scanner is not None
            pattern.scanner.makes_words = makes_words
            assert list(pattern.spans(text)) == whole_spans(pattern, text)


@pytest.mark.parametrize(
    "source",
    [
        r"(a)|\1",  # back-reference
        r"(?i)a|b(?x)c",  # a bare flag switch in the middle reaches later branches
        r"a(?(1)b|c)",  # conditional, no top-level alternation anyway
        r"(?|(a)|(b))",
        r"(?:ab){e<=1}|cd",  # fuzzy
        r"\Ga|b",
        r"(?r)a|b",
        r"[]a]|b",
        r"(?R)|a",
        r"\Ga",
    ],
)
def test_unclear_patterns_are_scanned_whole(source: str) -> None:
    assert split_branches(source) is None


def test_a_pattern_without_a_top_level_bar_is_one_branch() -> None:
    assert split_branches(r"(?x) (?<=\d\s) back \b") == ("(?x)", [r" (?<=\d\s) back \b"])
    assert split_branches(r"a(?:b|c)") == ("", [r"a(?:b|c)"])


def test_splitting_respects_classes_escapes_comments_and_groups() -> None:
    source = "(?x) [|\\]] | \\| (?# a | b ) | (?:c|d) # e | f\n | [[:alpha:]|]"
    assert split_branches(source) == (
        "(?x)",
        [" [|\\]] ", " \\| (?# a | b ) ", " (?:c|d) # e | f\n ", " [[:alpha:]|]"],
    )


def test_required_words_skip_what_may_not_be_there() -> None:
    source = r"\bbest \s+ (?:\w+ \s+){0,3}? (?:ever|in (?:the)? world) x? (?=seen) [abc] \# \bforg(?:ot|otten)"
    assert required_words("(?x)", source, True) == (
        frozenset({"best"}),
        frozenset({"forg"}),
        frozenset({"#"}),
        frozenset({"ever", "world"}),
    )
    assert required_words("(?i)", "need", False) == ()  # full case folding may apply
    assert required_words("", r"\bX{3,}\b|ab+c?d*|e{2}", False) == ()  # alternatives of a branch
    assert required_words("", r"\bX{3,}\b abbb+c?d*e{3}", False) == (
        frozenset({"abbb"}),
        frozenset({"eee"}),
        frozenset({"xxx"}),
    )


@pytest.mark.parametrize(
    ("prefix", "source", "ignore_case", "expected"),
    [
        ("(?x)", r" \bplease [\s,!.]+ please \b", True, Leading(("please",), True)),
        ("(?x)", r" (?<=\s) Need (?=\s)", False, Leading(("Need",), False)),
        ("(?x)", r" \b(?:XYZ|ABC) \s+ Lab", False, Leading(("ABC", "XYZ"), False)),
        ("(?x)", r" \b(?:XYZ|ABC) \s+ Lab", True, Leading(("abc", "xyz"), True)),
        ("(?x)", r" \[ [^\]]* \]", False, Leading(("[",), False)),
        ("(?x)", r" (?:means|mean|meant) \s+ it", True, Leading(("mean",), True)),
        ("", r"ab?c", True, Leading(("a",), True)),
        ("(?x-i)", r" Need", True, Leading(("Need",), False)),
        ("(?x)", r" X{3,} ", False, None),
        ("(?x)", r" (?:please \s+)? hire", True, None),
        ("(?x)", r" (?:hire|) me", True, None),
        ("(?x)", r" (?i: need )", False, None),
        ("(?i)", r"need", False, None),  # full case folding may apply
        ("(?x)", r" \w+ ", True, None),
    ],
)
def test_leading_strings_are_what_every_match_starts_with(
    prefix: str, source: str, ignore_case: bool, expected: Leading | None
) -> None:
    assert read_leading(prefix, source, ignore_case) == expected


def test_folding_keeps_every_offset() -> None:
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert len(fold(text)) == len(text)


def test_a_hostile_branch_still_times_out() -> None:
    pattern = PackPattern(r"(a+)+$|\bneed\b", ignore_case=False)
    assert pattern.scanner is not None
    with pytest.raises(TimeoutError):
        list(pattern.spans("need " + "a" * 5000 + "!"))


def test_boundaries_never_match_a_letter_or_digit_of_the_folded_text() -> None:
    """Next to a boundary, a run of ASCII letters and digits is a whole word of the fold."""
    everything = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    folded_alnum = regex.compile("[a-z0-9]")
    wordlike = [char for char in everything if folded_alnum.search(fold(char))]
    boundaries = [rf"\\{escape}" for escape in _BOUNDARY_ESCAPES]
    boundaries += [regex.escape(char) for char in _ESCAPED_PUNCTUATION | _PLAIN_PUNCTUATION]
    boundaries += [regex.escape(char) for char in _CLASS_BOUNDARY_CHARS]
    for ignore_case in (False, True):
        any_boundary = compile_pattern("|".join(boundaries), ignore_case)
        word = compile_pattern(r"\w", ignore_case)  # \b sits between \w and the rest
        for char in wordlike:
            assert any_boundary.fullmatch(char) is None, char
            assert word.fullmatch(char) is not None, char


def test_whole_words_are_those_between_boundaries() -> None:
    source = (
        r"\bneed \s+ (?:this \s+)? (?:job|role)\b (?! \s+ x) | "
        r"beg (?:ging)? \s+ you | \bforg(?:ot) | \bwait\s* | don['’]t\b"
    )
    whole = {}
    for branch in split_branches("(?x)" + source)[1]:  # type: ignore[index]
        whole[branch.strip()[:6]] = read_needs("(?x)", branch, True)[1]
    assert whole == {
        r"\bneed": {"need", "job", "role"},
        "beg (?": frozenset(),  # nothing known after "you": "young" matches too
        r"\bforg": frozenset(),
        r"\bwait": frozenset(),
        "don['’": {"t"},  # nothing known before "don": "Brandon't" matches too
    }
    assert read_needs("(?xa)", r"\bneed\b", True)[1] == frozenset()  # ASCII \b
    assert read_needs("(?xw)", r"\bneed\b", True)[1] == frozenset()  # Unicode word \b


def test_words_of_the_folded_text() -> None:
    text = FoldedText("I DON’T need-it; Kelvin ſix café_x 3rd")
    assert text.words == {"i", "don", "t", "need", "it", "kelvin", "six", "caf", "x", "3rd"}
