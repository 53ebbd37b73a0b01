"""Scanning a pack pattern fast without changing what it finds.

A pattern such as ``\\bI \\s+ need ... | \\bwhy \\s+ ... | ...`` makes the regex engine try
every branch at every position of the text, and almost no message matches any of them. So
a pattern whose top level is an alternation is also kept as one compiled pattern per branch,
each with the words any match of it must contain (“need”, “why”, ...). Per message, only the
branches whose words occur in the text are searched, and their matches are merged exactly as
one scan of the whole pattern would report them: leftmost first, and at one position the
earlier branch wins. A branch without such words is always searched. A pattern without a
top-level bar is one such branch.

Searching a branch costs ~50 ns a character of the text. Most branches start with a string
every match starts with ("please", "[", "XYZ" or "ABC"): where it occurs a few times, the
branch is matched at those places alone.

Anything this module does not fully understand (back-references, recursion, inline flags in
the middle, fuzzy matching, odd character classes) keeps the plain scan of the whole pattern;
so does any message on which a branch matches the empty string. Reading the words errs the
safe way: a part it cannot read for sure adds no word, so the branch is searched more often,
never less. Branches are compiled the first time a message needs them.
"""

from __future__ import annotations

import re
import string
import time
from typing import NamedTuple

import regex

from tactful._lazy import cached_by_identity

#: Characters outside ASCII that the regex module's simple case folding matches to an ASCII
#: letter (tests check this against every code point). Folding the text maps them to that
#: letter, so a word search in the folded text never misses a case-insensitive match.
ASCII_FOLDS: dict[str, str] = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}

#: Only these may appear in the flags group that opens a pattern, e.g. ``(?x)``; other global
#: flags (best match, POSIX, reverse, version 0) change how a search proceeds.
_SAFE_GLOBAL_FLAGS = frozenset("aifmsuwx-")


def fold(text: str) -> str:
    """The text lowercased, with the few non-ASCII look-alikes of ASCII letters mapped to them.

    Only word containment is asked of it, so its length need not match the text's.
    """
    if not text.isascii():
        for char, letter in ASCII_FOLDS.items():
            if char in text:
                text = text.replace(char, letter)  # before lower(): "İ".lower() is two characters
    return text.lower()


#: Bytes that end a word of the folded text: every one but ASCII lowercase letters and digits
#: (non-ASCII characters are encoded as "?" first).
_WORD_BREAKS = bytes(
    char if chr(char) in string.ascii_lowercase + string.digits else ord(" ") for char in range(256)
)


class FoldedText:
    """A message's text folded once for every pattern that scans it, and its words.

    ``words`` are the maximal runs of ASCII letters and digits of the folded text; made on
    first use, as making them costs about ten scans of the text.
    """

    __slots__ = ("_words", "folded")

    def __init__(self, text: str) -> None:
        self.folded = fold(text)
        self._words: set[str] | None = None

    @property
    def words(self) -> set[str]:
        if self._words is None:
            ascii_text = self.folded.encode("ascii", "replace").translate(_WORD_BREAKS)
            self._words = set(ascii_text.decode("ascii").split())
        return self._words

    @property
    def words_if_made(self) -> set[str] | None:
        return self._words


@cached_by_identity(4)  # prose and visible text alternate
def folded_text(text: str) -> FoldedText:
    """``text`` folded, shared with the other patterns scanning this very text object:
    every pattern rule reads the same text object of a message, so it is folded once."""
    return FoldedText(text)


class Branch:
    """One top-level alternative of a pattern, compiled the first time a message needs it."""

    #: Most places where a branch's leading strings occur in a text that are tried one by
    #: one; with more, one search of the text costs less.
    MOST_STARTS = 24

    def __init__(
        self,
        source: str,
        flags: int,
        needs: tuple[frozenset[str], ...],
        whole_words: frozenset[str] = frozenset(),
        leading: Leading | None = None,
    ) -> None:
        self.source = source
        self.flags = flags
        #: Strings one of which every match starts with, in the folded text or as written.
        self.leading = leading
        #: A match always contains a word of each set (folded); empty: nothing is known.
        self.needs = needs
        #: Per set of ``needs``: its words that matches hold whole (a set lookup answers for
        #: them), and the others (a scan of the folded text does).
        self.checks = tuple(
            (words & whole_words, tuple(sorted(words - whole_words))) for words in needs
        )
        #: Each set of ``needs`` as words to scan for, whole ones too: for a text whose
        #: words are not at hand.
        self.scans = tuple(tuple(sorted(whole)) + scanned for whole, scanned in self.checks)
        self._pattern: regex.Pattern[str] | None = None

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = regex.compile(self.source, self.flags)
        return self._pattern

    def search(
        self, text: str, folded: FoldedText, position: int, timeout: float
    ) -> regex.Match[str] | None:
        """``pattern.search(text, position)``, by trying the pattern only where a leading
        string occurs (where a match can start) when they are few."""
        # The arguments are passed by position (endpos, concurrent, partial, timeout): the
        # regex module takes ~0.3 µs longer to read them by keyword, and a check makes
        # some ten of these calls.
        starts = self._starts(text, folded, position)
        if starts is None:
            return self.pattern.search(text, position, None, None, False, timeout)
        deadline = time.monotonic() + timeout
        for start in starts:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            found = self.pattern.match(text, start, None, None, False, remaining)
            if found is not None:
                return found
        return None

    def _starts(self, text: str, folded: FoldedText, position: int) -> list[int] | None:
        """Where a leading string occurs from ``position`` on, in order; None if unknown or
        too many."""
        if self.leading is None:
            return None
        haystack = folded.folded if self.leading.folded else text
        strings = self.leading.strings
        # str.count (no overlaps: never more than the places found below) rules out a
        # frequent string ("i" of "\bI\s+") in one C pass, not MOST_STARTS finds, and
        # most often finds none at all.
        places = 0
        for leading in strings:
            places += haystack.count(leading, position)
        starts: list[int] = []
        if places > self.MOST_STARTS:
            return None
        if not places:
            return starts
        for leading in strings:
            at = haystack.find(leading, position)
            while at != -1:
                starts.append(at)
                if len(starts) > self.MOST_STARTS:
                    return None
                at = haystack.find(leading, at + 1)
        starts.sort()
        return starts

    def may_match(self, text: FoldedText, words: set[str] | None) -> bool:
        """Whether every set of ``needs`` has a word in the text.

        ``words``: the text's words, or None to scan for whole words too (a scan finds a
        word wherever a lookup would, and in longer words besides: never fewer matches).
        """
        # Loops, not any() over generators: this runs for some forty branches a check.
        folded = text.folded
        if words is None:
            for options in self.scans:
                for word in options:
                    if word in folded:
                        break
                else:
                    return False
            return True
        for whole, scanned in self.checks:
            if not whole.isdisjoint(words):
                continue
            for word in scanned:
                if word in folded:
                    break
            else:
                return False
        return True


class EmptyMatch(Exception):
    """A branch matched the empty string: the caller scans the whole pattern instead."""


# Compiled once: the regex module's own cache costs ~4 µs a call, and reading every pack
# pattern makes hundreds. None looks behind or anchors, so each matches at ``pos`` as it
# would at the start of the text cut there.
_FLAGS_GROUP = regex.compile(r"\(\?([a-zA-Z-]+)\)")
_REPEAT_COUNTS = regex.compile(r"\{\s*[0-9,]")
_GROUP_NAME = regex.compile(r"P?<[A-Za-z_]\w*>")
_SCOPED_FLAGS = regex.compile(r"([a-zA-Z-]*):")
_LEAST_COUNT = regex.compile(r"\{([0-9]+)(?:,[0-9]*)?\}")
_PASSED_GROUP_OPENING = regex.compile(r"\(\?(?::|>|P?<[A-Za-z_]\w*>)")


def split_branches(pattern: str) -> tuple[str, list[str]] | None:
    """The opening flags group and the top-level branches of a pattern (one when it has no
    top-level bar), or None if unsure."""
    flags = _FLAGS_GROUP.match(pattern)
    prefix = flags.group(0) if flags else ""
    if flags and not set(flags.group(1)) <= _SAFE_GLOBAL_FLAGS:
        return None
    verbose = bool(flags) and "x" in flags.group(1).split("-")[0]
    branches: list[str] = []
    depth = 0
    start = index = len(prefix)
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            following = pattern[index + 1 : index + 2]
            if not following or following in "0123456789gGK":
                return None  # back-references, \G (depends on where a search starts), \K
            index += 2
            continue
        if char == "[":
            end = _class_end(pattern, index)
            if end is None:
                return None
            index = end
            continue
        if char == "(":
            if pattern.startswith("(?#", index):
                close = pattern.find(")", index)
                if close < 0:
                    return None
                index = close + 1
                continue
            if pattern.startswith("(?", index) and not _plain_group(pattern, index):
                return None
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif char == "{" and not _REPEAT_COUNTS.match(pattern, index):
            return None  # fuzzy matching ({e<=1}) searches differently
        elif char == "#" and verbose:
            newline = pattern.find("\n", index)
            index = len(pattern) if newline < 0 else newline
            continue
        elif char == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
        index += 1
    if depth != 0:
        return None
    branches.append(pattern[start:])  # one branch when there is no top-level bar
    return prefix, branches


def _plain_group(pattern: str, index: int) -> bool:
    """Whether a ``(?`` group at ``index`` is one a branch can be cut out with unchanged.

    Non-capturing, atomic, lookaround and named groups are; scoped flags are unless they
    switch verbose mode; recursion, conditionals, branch resets and bare flag switches
    (which in version 1 reach into later branches) are not.
    """
    rest = pattern[index + 2 : index + 4]
    if rest[:1] in (":", ">", "=", "!") or rest[:2] in ("<=", "<!"):
        return True
    if _GROUP_NAME.match(pattern, index + 2):
        return True
    scoped = _SCOPED_FLAGS.match(pattern, index + 2)
    return (
        bool(scoped) and "x" not in scoped.group(1) and set(scoped.group(1)) <= _SAFE_GLOBAL_FLAGS
    )


def _class_end(pattern: str, index: int) -> int | None:
    """The index just after the character class opening at ``index`` (sets may nest)."""
    depth = 0
    position = index
    while position < len(pattern):
        char = pattern[position]
        if char == "\\":
            position += 2
            continue
        if char == "[":
            if pattern[position + 1 : position + 2] == "]" or pattern.startswith(
                "^]", position + 1
            ):
                return None  # a literal "]" first: read differently by versions; leave it
            depth += 1
        elif char == "]":
            depth -= 1
            if depth == 0:
                return position + 1
        position += 1
    return None


def required_words(prefix: str, branch: str, ignore_case: bool) -> tuple[frozenset[str], ...]:
    """Sets of folded words such that every match of a branch contains a word of each set.

    Read from the branch's source: runs of letters and digits outside classes, repeats,
    lookarounds and flag groups, and the alternatives of plain groups (“said” or “told”).
    Empty when nothing is known or when full case folding (“ss” matching “ß”) may apply.
    """
    return read_needs(prefix, branch, ignore_case)[0]


def read_needs(
    prefix: str, branch: str, ignore_case: bool
) -> tuple[tuple[frozenset[str], ...], frozenset[str]]:
    """``required_words`` of a branch, and those of its words that a match always holds whole.

    A whole word (“need” in ``\\bneed\\s+``) stands in every match between word
    boundaries or characters that are not letters or digits, so it is a word of the folded
    message (see ``FoldedText.words``): a set lookup answers for it, not a scan of the text.
    """
    flags = _FLAGS_GROUP.match(prefix)
    switched_on = flags.group(1).split("-")[0] if flags else ""
    if "f" in switched_on or ("i" in switched_on and not ignore_case):
        return (), frozenset()  # version 1 folds fully under a plain (?i); see compile_pattern
    sites = _WordSites()
    needs = _needs(branch, "x" in switched_on, sites)
    if not needs:
        return (), frozenset()
    # Each word costs a scan of the message, and most branches are ruled out by their first
    # set: so sets of one long (rare) word first; sets holding a one- or two-letter word,
    # which nearly every message contains, are not worth a scan ("[" and "%" are).
    useful = {words for words in needs if all(_worth_a_scan(word) for word in words)}
    ordered = tuple(
        sorted(useful, key=lambda words: (len(words), -min(map(len, words)), sorted(words)))
    )
    # ASCII mode (a non-ASCII letter such as the Kelvin sign is then a boundary) and Unicode
    # word mode (no boundary inside "don't") change what a boundary says about its neighbours.
    if "a" in switched_on or "w" in switched_on:
        return ordered, frozenset()
    return ordered, sites.whole()


class Leading(NamedTuple):
    """Strings one of which every match of a branch starts with."""

    strings: tuple[str, ...]
    #: Whether they are to be found in the folded text (the branch ignores case) rather
    #: than in the text as written. Folding keeps every offset (tests check it).
    folded: bool


def read_leading(prefix: str, branch: str, ignore_case: bool) -> Leading | None:
    """The strings one of which every match of a branch starts with; None when unsure.

    Read from the branch's source after what matches no text (word boundaries,
    lookarounds, comments): a run of characters that stand for themselves (ASCII letters,
    digits, punctuation), up to one a repeat follows, or a plain group whose alternatives
    each start with one. Under ``ignore_case`` they are folded, as a case-insensitive match
    of an ASCII letter or digit is in the folded text.
    """
    flags = _FLAGS_GROUP.match(prefix)
    switched = flags.group(1).split("-") if flags else [""]
    switched_on, switched_off = switched[0], "".join(switched[1:])
    if "f" in switched_on or ("i" in switched_on and not ignore_case):
        return None  # version 1 folds fully under a plain (?i); see compile_pattern
    folds = (ignore_case or "i" in switched_on) and "i" not in switched_off
    strings = _leading_strings(branch, "x" in switched_on, folds)
    if not strings:
        return None
    # Where a longer string ("means") occurs, a shorter one it starts with ("mean") does.
    shortest = {s for s in strings if not any(o != s and s.startswith(o) for o in strings)}
    return Leading(tuple(sorted(shortest)), folds)


def _leading_strings(source: str, verbose: bool, folds: bool) -> frozenset[str] | None:
    index = 0
    while True:  # past what matches no text
        index = _skip_silent(source, index, verbose)
        if source.startswith("\\b", index) and not _repeated(source, index + 2, verbose):
            index += 2
        elif _lookaround(source, index):
            close = _group_end(source, index, verbose)
            if close is None or _repeated(source, close + 1, verbose):
                return None
            index = close + 1
        else:
            break
    if index >= len(source):
        return None
    run: list[str] = []
    while index < len(source):
        char = source[index]
        if char in _WORD_CHARS or char in _PLAIN_PUNCTUATION:
            literal, after = char, index + 1
        elif char == "\\" and source[index + 1 : index + 2] in _ESCAPED_PUNCTUATION:
            literal, after = source[index + 1], index + 2  # \[ is "["
        else:
            break
        if _repeated(source, after, verbose):
            break  # this one may be repeated none or many times
        run.append(literal)
        index = after
    if run:
        return frozenset({"".join(run).lower() if folds else "".join(run)})
    if source[index : index + 1] != "(":
        return None
    close = _group_end(source, index, verbose)
    if close is None or _repeated(source, close + 1, verbose):
        return None
    inner = _group_body(source, index, close)
    alternatives = None if inner is None else _alternatives(inner, verbose)
    if alternatives is None:
        return None
    strings: set[str] = set()
    for alternative in alternatives:
        found = _leading_strings(alternative, verbose, folds)
        if found is None:
            return None
        strings |= found
    return frozenset(strings)


def _worth_a_scan(word: str) -> bool:
    return len(word) >= 3 or any(char in _RARE for char in word)


class _WordSites:
    """Each word read from a branch, and whether every place it came from bounds it."""

    def __init__(self) -> None:
        self.bounded: set[str] = set()
        self.loose: set[str] = set()

    def add(self, word: str, bounded_before: bool, bounded_after: bool) -> None:
        whole = bounded_before and bounded_after and word.isascii() and word.isalnum()
        (self.bounded if whole else self.loose).add(word)

    def whole(self) -> frozenset[str]:
        return frozenset(self.bounded - self.loose)


def _needs(
    source: str,
    verbose: bool,
    sites: _WordSites,
    bounded_before: bool = False,
    bounded_after: bool = False,
) -> list[frozenset[str]] | None:
    """What every match of ``source`` contains; None when unsure (no pruning then).

    ``bounded_before`` and ``bounded_after``: whether the text just before and just after
    any match of ``source`` is a boundary (see ``_boundary_end``); ``sites`` records, for
    each word read, whether it is bounded on both sides where it was read.
    """
    alternatives = _alternatives(source, verbose)
    if alternatives is None:
        return None
    if len(alternatives) > 1:
        # Any one alternative may match: keep, from each, the set it is surest to need.
        union: set[str] = set()
        for alternative in alternatives:
            found = _needs(alternative, verbose, sites, bounded_before, bounded_after)
            if found is None:
                return None
            if not found:
                return []  # this alternative needs nothing known, so neither does the group
            union |= max(found, key=lambda words: (min(map(len, words)), -len(words)))
        return [frozenset(union)]
    needs: list[frozenset[str]] = []
    run: list[str] = []
    # Whether what was matched just before ``index`` ends at a boundary, and whether the
    # current run of literals began at one.
    at_boundary = bounded_before
    run_bounded_before = False

    def end_run(bounded: bool) -> None:
        if run:
            word = "".join(run)
            needs.append(frozenset({word}))
            sites.add(word, run_bounded_before, bounded)
            run.clear()

    index = 0
    while index < len(source):
        char = source[index]
        literal = None
        if char in _WORD_CHARS or char in _PLAIN_PUNCTUATION:
            literal, index = char.lower(), index + 1
        elif char == "\\" and source[index + 1 : index + 2] in _ESCAPED_PUNCTUATION:
            literal, index = source[index + 1], index + 2  # \[ is "["
        if literal is not None:
            if not run:
                run_bounded_before = at_boundary
            at_boundary = False
            if _repeated(source, index, verbose):
                # The repeat applies to this character alone: its least count is certain
                # ("X{3,}" needs "xxx"), what follows may not come right after it.
                run.extend(literal * _least_count(source, index, verbose))
                end_run(False)
            else:
                run.append(literal)
            continue
        if run:
            end_run(_bounded_at(source, index, verbose, bounded_after))
        if verbose and (char.isspace() or char == "#"):
            if char == "#":
                newline = source.find("\n", index)
                index = len(source) if newline < 0 else newline
            else:
                index += 1
            continue  # spaces and comments in verbose mode match nothing
        if source.startswith("(?#", index):
            comment_end = source.find(")", index)
            index = len(source) if comment_end < 0 else comment_end + 1
            continue
        boundary_end = _boundary_end(source, index, verbose)
        if boundary_end is not None:
            at_boundary = True
            index = boundary_end
            continue
        bounded_before_element, at_boundary = at_boundary, False
        if char == "\\":
            after = _escape_end(source, index)
            if after is None:
                return None
            index = after
        elif char == "[":
            after = _class_end(source, index)
            if after is None:
                return None
            index = after
        elif char == "(":
            group_start = index
            close = _group_end(source, index, verbose)
            if close is None:
                return None
            inner = _group_body(source, index, close)
            index = close + 1
            repeated = _repeated(source, index, verbose)
            if inner is not None and not repeated:
                found = _needs(
                    inner,
                    verbose,
                    sites,
                    bounded_before=bounded_before_element,
                    bounded_after=_bounded_at(source, index, verbose, bounded_after),
                )
                if found is None:
                    return None
                needs.extend(found)
                at_boundary = _ends_at_boundary(inner, verbose)
            elif inner is not None and (repeat_end := _repeat_end(source, index, verbose)):
                # Repeated: the text before what follows ends at a boundary if each of its
                # alternatives does, and if it may be absent, what came before it did.
                optional = _least_count(source, index, verbose) == 0
                at_boundary = (bounded_before_element or not optional) and _ends_at_boundary(
                    inner, verbose
                )
                index = repeat_end
            elif _lookaround(source, group_start) and not repeated:
                at_boundary = bounded_before_element  # it matches no text
        elif char == "{":
            close = source.find("}", index)  # a repeat's counts ({0,3}) are not text
            index = index + 1 if close < 0 else close + 1
        else:
            index += 1
    end_run(bounded_after)
    return needs


def _bounded_at(source: str, index: int, verbose: bool, bounded_after: bool) -> bool:
    """Whether what a match of ``source`` holds at ``index`` is always a boundary."""
    while True:
        index = _skip_silent(source, index, verbose)
        if not _lookaround(source, index):
            break
        close = _group_end(source, index, verbose)  # it matches no text: look past it
        if close is None or _repeated(source, close + 1, verbose):
            return False
        index = close + 1
    if index >= len(source):
        return bounded_after
    return _boundary_end(source, index, verbose) is not None


def _lookaround(source: str, index: int) -> bool:
    return source.startswith(("(?=", "(?!", "(?<=", "(?<!"), index)


def _ends_at_boundary(source: str, verbose: bool) -> bool:
    """Whether each alternative of ``source`` ends with a boundary (see ``_boundary_end``)."""
    alternatives = _alternatives(source, verbose)
    return alternatives is not None and all(
        _last_is_boundary(alternative, verbose) for alternative in alternatives
    )


def _last_is_boundary(source: str, verbose: bool) -> bool:
    last_is_boundary = False
    index = _skip_silent(source, 0, verbose)
    while index < len(source):
        boundary_end = _boundary_end(source, index, verbose)
        last_is_boundary = boundary_end is not None
        if boundary_end is not None:
            index = boundary_end
        elif source[index] == "\\":
            after = _escape_end(source, index)
            if after is None:
                return False
            index = after
        elif source[index] == "[":
            after = _class_end(source, index)
            if after is None:
                return False
            index = after
        elif source[index] == "(":
            close = _group_end(source, index, verbose)
            if close is None:
                return False
            index = close + 1
        else:
            index += 1
        index = _skip_silent(source, index, verbose)
    return last_is_boundary


def _skip_silent(source: str, index: int, verbose: bool) -> int:
    """The index after the comments (and, in verbose mode, spaces) at ``index``."""
    while index < len(source):
        if verbose and source[index].isspace():
            index += 1
        elif verbose and source[index] == "#":
            newline = source.find("\n", index)
            index = len(source) if newline < 0 else newline
        elif source.startswith("(?#", index):
            close = source.find(")", index)
            index = len(source) if close < 0 else close + 1
        else:
            break
    return index


#: Escapes that match only characters folding to no ASCII letter or digit (tests check it).
_BOUNDARY_ESCAPES = frozenset("sWntr")
#: Characters that stand for themselves in a class and fold to no ASCII letter or digit;
#: not the ones that build ranges and set operations ("-", "&&", "||", "~~") or nest.
_CLASS_BOUNDARY_CHARS = frozenset(string.punctuation + " \t\n’‘“”") - frozenset("[]\\^-&|~#")


def _boundary_end(source: str, index: int, verbose: bool) -> int | None:
    r"""The index after the boundary at ``index`` and its repeat, or None if it is none.

    A boundary is ``\b``, or an element that matches at least one character and only
    characters that fold to no ASCII letter or digit: ``\s``, ``\W``, punctuation, a space
    outside verbose mode, a class of those. Between two, a run of letters and digits is a
    whole word of the folded text.
    """
    char = source[index]
    if char == "\\":
        escape = source[index + 1 : index + 2]
        if escape == "b":
            return None if _repeated(source, index + 2, verbose) else index + 2
        if not escape or not (escape in _BOUNDARY_ESCAPES or escape in _ESCAPED_PUNCTUATION):
            return None
        end = index + 2
    elif char == "[":
        class_end = _class_end(source, index)
        if class_end is None or not _boundary_class(source[index + 1 : class_end - 1]):
            return None
        end = class_end
    elif char in _PLAIN_PUNCTUATION or (not verbose and char in " \t\n"):
        end = index + 1
    else:
        return None
    if not _repeated(source, end, verbose):
        return end
    if _least_count(source, end, verbose) < 1:
        return None
    return _repeat_end(source, end, verbose)


def _boundary_class(body: str) -> bool:
    """Whether a class with this inside matches only boundary characters (see above)."""
    if not body or body.startswith("^"):
        return False
    if body.endswith("-") and not body.endswith("\\-"):
        body = body[:-1]  # a "-" last stands for itself
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\":
            escape = body[index + 1 : index + 2]
            if not escape or not (escape in _BOUNDARY_ESCAPES or escape in _ESCAPED_PUNCTUATION):
                return False
            index += 2
        elif char in _CLASS_BOUNDARY_CHARS:
            index += 1
        else:
            return False
    return True


def _repeat_end(source: str, index: int, verbose: bool) -> int | None:
    """The index after the repeat at ``index``, with its lazy or possessive mark."""
    while verbose and index < len(source) and source[index].isspace():
        index += 1
    if source.startswith("{", index):
        close = source.find("}", index)
        if close < 0:
            return None
        index = close + 1
    elif source[index : index + 1] in ("?", "*", "+"):
        index += 1
    else:
        return None  # a comment, which may hide a repeat after it
    if source[index : index + 1] in ("?", "+"):
        index += 1
    return index


_WORD_CHARS = frozenset(string.ascii_letters + string.digits)
#: Punctuation that stands for itself outside a class: not a metacharacter, no case.
_PLAIN_PUNCTUATION = frozenset("!\"%&',-/:;<=>@_`~")
_ESCAPED_PUNCTUATION = frozenset(string.punctuation)
#: Characters rare enough in a follow-up that even a short word holding one rules much out.
_RARE = frozenset("[]{}<>%*|_~@^&=#$\\`")


def _repeated(source: str, index: int, verbose: bool) -> bool:
    """Whether a repeat (?, *, +, {...}) follows at ``index``; in verbose mode after spaces."""
    while verbose and index < len(source) and source[index].isspace():
        index += 1
    return source[index : index + 1] in ("?", "*", "+", "{", "#" if verbose else "?")


def _least_count(source: str, index: int, verbose: bool) -> int:
    """The least count of the repeat at ``index``: 1 for +, m for {m,n}, else 0."""
    while verbose and index < len(source) and source[index].isspace():
        index += 1
    if source.startswith("+", index):
        return 1
    counts = _LEAST_COUNT.match(source, index)
    return int(counts.group(1)) if counts else 0


def _escape_end(source: str, index: int) -> int | None:
    """The index after the escape at ``index``; escapes with an argument skip it whole."""
    letter = source[index + 1 : index + 2]
    if letter in ("x", "u", "U", "N", "p", "P", "L", "o"):
        if source[index + 2 : index + 3] in ("{", "<"):
            close = source.find("}" if source[index + 2] == "{" else ">", index)
            return None if close < 0 else close + 1
        return None  # \x41, \pL and the like: not worth reading
    return index + 2 if letter else None


def _skip_opaque(source: str, index: int, verbose: bool) -> int | None:
    """The index after the escape, character class or comment starting at ``index``
    (whose ``|`` and parentheses are not syntax); ``index`` when none starts there; None
    when it cannot be read."""
    char = source[index]
    if char == "\\":
        return _escape_end(source, index)
    if char == "[":
        return _class_end(source, index)
    if source.startswith("(?#", index):
        close = source.find(")", index)
        return None if close < 0 else close + 1
    if char == "#" and verbose:
        newline = source.find("\n", index)
        return len(source) if newline < 0 else newline
    return index


#: The characters _next_syntax stops at; it steps over all others.
_GROUP_SYNTAX = re.compile(r"[\\\[()|#]")


def _next_syntax(source: str, index: int, verbose: bool) -> int | None:
    """The index of the next character ``_GROUP_SYNTAX`` stops at, from ``index`` on,
    outside escapes, character classes and comments; ``len(source)`` when there is none;
    None when the source cannot be read."""
    while (syntax := _GROUP_SYNTAX.search(source, index)) is not None:
        index = syntax.start()
        after = _skip_opaque(source, index, verbose)
        if after is None or after == index:
            return after
        index = after
    return len(source)


def _alternatives(source: str, verbose: bool) -> list[str] | None:
    """``source`` cut at its top-level bars."""
    pieces: list[str] = []
    start = index = 0
    while (found := _next_syntax(source, index, verbose)) != len(source):
        if found is None:
            return None
        index = found
        char = source[index]
        if char == "(":
            close = _group_end(source, index, verbose)
            if close is None:
                return None
            index = close + 1
            continue
        if char == "|":
            pieces.append(source[start:index])
            start = index + 1
        index += 1
    pieces.append(source[start:])
    return pieces


def _group_end(source: str, index: int, verbose: bool) -> int | None:
    """The index of the ``)`` closing the group opened at ``index``."""
    if source.startswith("(?#", index):
        close = source.find(")", index)
        return None if close < 0 else close
    depth = 0
    while (found := _next_syntax(source, index, verbose)) != len(source):
        if found is None:
            return None
        index = found
        char = source[index]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1
    return None


def _group_body(source: str, index: int, close: int) -> str | None:
    """The inside of a group every match passes through as written; None for the others.

    Plain, capturing, named and atomic groups qualify; lookarounds, comments and flag
    groups do not.
    """
    if not source.startswith("(?", index):
        return source[index + 1 : close]
    opening = _PASSED_GROUP_OPENING.match(source, index, close)
    return source[opening.end() : close] if opening else None


class BranchScanner:
    """The spans one ``finditer`` of the whole pattern gives, searching only likely branches."""

    #: Whole words a scanner tests per message (counting each branch's first set, which
    #: rules most branches out) from which a lookup in the text's words is cheaper than
    #: scanning; below it the words are made only if another pattern made them already.
    WORDS_WORTH_MAKING = 8

    def __init__(self, branches: list[Branch]) -> None:
        self.branches = branches
        first_whole_words = sum(len(branch.checks[0][0]) for branch in branches if branch.checks)
        self.makes_words = first_whole_words >= self.WORDS_WORTH_MAKING
        # With the text's words at hand, one set intersection rules out most branches: each
        # branch with a set of whole words only is listed under those words.
        self._branches_by_word: dict[str, list[int]] = {}
        self._unlisted: list[int] = []
        for number, branch in enumerate(branches):
            listed_by = next((whole for whole, scanned in branch.checks if not scanned), None)
            if listed_by is None:
                self._unlisted.append(number)
            for word in listed_by or ():
                self._branches_by_word.setdefault(word, []).append(number)
        self._listing_words = frozenset(self._branches_by_word)

    def live_branches(self, text: FoldedText) -> list[Branch]:
        """The branches, in order, that may match ``text``."""
        words = text.words if self.makes_words else text.words_if_made
        if words is None:
            return [branch for branch in self.branches if branch.may_match(text, None)]
        present = self._listing_words & words
        numbers: list[int] | set[int]
        if not present:
            numbers = self._unlisted
        elif len(present) == 1 and not self._unlisted:
            (word,) = present
            numbers = self._branches_by_word[word]  # in order already
        else:
            numbers = set(self._unlisted)
            for word in present:
                numbers.update(self._branches_by_word[word])
            numbers = sorted(numbers)
        branches = self.branches
        return [branches[number] for number in numbers if branches[number].may_match(text, words)]

    def spans(self, text: str, timeout: float) -> list[tuple[int, int]]:
        """Non-empty match spans in order; raises EmptyMatch or TimeoutError.

        A list, not a generator: most messages leave no branch live, and the caller
        wants every span anyway.
        """
        folded = folded_text(text)
        live = self.live_branches(folded)
        spans: list[tuple[int, int]] = []
        if not live:
            return spans
        deadline = time.monotonic() + timeout
        upcoming: list[regex.Match[str] | None] = [None] * len(live)
        searched_from = [-1] * len(live)
        position = 0
        while True:
            best: regex.Match[str] | None = None
            for index, branch in enumerate(live):
                found = upcoming[index]
                if searched_from[index] < 0 or (found is not None and found.start() < position):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError
                    found = branch.search(text, folded, position, remaining)
                    upcoming[index] = found
                    searched_from[index] = position
                if found is not None and (best is None or found.start() < best.start()):
                    best = found
            if best is None:
                return spans
            if best.end() == best.start():
                raise EmptyMatch
            spans.append((best.start(), best.end()))
            position = best.end()
