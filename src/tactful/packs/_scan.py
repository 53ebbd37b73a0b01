"""Scanning a pack pattern fast without changing what it finds.

A pattern such as ``\\bI \\s+ need ... | \\bwhy \\s+ ... | ...`` makes the regex engine try
every branch at every position of the text, and almost no message matches any of them. So
a pattern whose top level is an alternation is also kept as one compiled pattern per branch,
each with the words any match of it must contain (“need”, “why”, ...). Per message, only the
branches whose words occur in the text are searched, and their matches are merged exactly as
one scan of the whole pattern would report them: leftmost first, and at one position the
earlier branch wins. A branch without such words is always searched.

Anything this module does not fully understand (back-references, recursion, inline flags in
the middle, fuzzy matching, odd character classes) keeps the plain scan of the whole pattern;
so does any message on which a branch matches the empty string. The words are taken from the
regex module's own parse of each branch, so they follow its syntax exactly.
"""

from __future__ import annotations

import string
import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import regex

#: Characters that can stand for themselves in a required word.
_PLAIN = frozenset(string.ascii_letters + string.digits + string.punctuation + " ")

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


@dataclass(frozen=True)
class Branch:
    pattern: regex.Pattern[str]
    #: A match always contains a word of each set (folded); empty: nothing is known.
    needs: tuple[frozenset[str], ...]

    def may_match(self, folded_text: str) -> bool:
        return all(any(word in folded_text for word in words) for words in self.needs)


class EmptyMatch(Exception):
    """A branch matched the empty string: the caller scans the whole pattern instead."""


def split_branches(pattern: str) -> tuple[str, list[str]] | None:
    """The opening flags group and the top-level branches of a pattern, or None if unsure."""
    flags = regex.match(r"\(\?([a-zA-Z-]+)\)", pattern)
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
        elif char == "{" and not regex.match(r"\{\s*[0-9,]", pattern[index:]):
            return None  # fuzzy matching ({e<=1}) searches differently
        elif char == "#" and verbose:
            newline = pattern.find("\n", index)
            index = len(pattern) if newline < 0 else newline
            continue
        elif char == "|" and depth == 0:
            branches.append(pattern[start:index])
            start = index + 1
        index += 1
    if depth != 0 or not branches:
        return None
    branches.append(pattern[start:])
    return prefix, branches


def _plain_group(pattern: str, index: int) -> bool:
    """Whether a ``(?`` group at ``index`` is one a branch can be cut out with unchanged.

    Non-capturing, atomic, lookaround and named groups are; scoped flags are unless they
    switch verbose mode; recursion, conditionals, branch resets and bare flag switches
    (which in version 1 reach into later branches) are not.
    """
    rest = pattern[index + 2 :]
    if rest[:1] in (":", ">", "=", "!") or rest[:2] in ("<=", "<!"):
        return True
    if regex.match(r"P?<[A-Za-z_]\w*>", rest):
        return True
    scoped = regex.match(r"([a-zA-Z-]*):", rest)
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


def required_words(pattern: str, flags: int) -> tuple[frozenset[str], ...]:
    """Sets of folded words such that every match of ``pattern`` contains a word of each set.

    Empty when nothing is known; a set stands for "any of these", so the result reads
    “need” and (“answer” or “response”) and ...
    """
    try:
        from regex import _regex_core as core

        source = core.Source(pattern)
        info = core.Info(flags, source.char_type, {})
        source.ignore_space = bool(info.flags & regex.VERBOSE)
        parsed = core._parse_pattern(source, info)
        if not source.at_end():
            return ()
        found = _required(parsed, core)
    except Exception:  # any surprise in the parser's internals: no pruning
        return ()
    # Each word costs a scan of the message, and most branches are ruled out by their first
    # set: so sets of one long (rare) word first; sets holding a one- or two-letter word,
    # which nearly every message contains, are not worth a scan ("[" or "%" are).
    useful = {words for words in found if all(_worth_a_scan(word) for word in words)}
    return tuple(
        sorted(useful, key=lambda words: (len(words), -min(map(len, words)), sorted(words)))
    )


def _worth_a_scan(word: str) -> bool:
    return len(word) >= 3 or not any(char.isalnum() or char.isspace() for char in word)


def _required(node: Any, core: Any) -> list[frozenset[str]]:
    kind = type(node)
    if kind is core.Sequence:
        needs: list[frozenset[str]] = []
        run: list[str] = []
        for item in [*node.items, None]:
            chars = _literal_chars(item, core) if item is not None else None
            if chars is not None:
                run.extend(chars)
                continue
            needs.extend(frozenset({word}) for word in "".join(run).split("\0") if word)
            run = []
            if item is not None:
                needs.extend(_required(item, core))
        return needs
    if kind is core.Branch:
        # Any one alternative may match: keep, from each, the set it is surest to need.
        union: set[str] = set()
        for alternative in node.branches:
            needs = _required(alternative, core)
            if not needs:
                return []
            union |= max(needs, key=lambda words: (min(map(len, words)), -len(words)))
        return [frozenset(union)]
    if kind in (core.Group, core.Atomic):
        return _required(node.subpattern, core)
    if kind in (core.GreedyRepeat, core.LazyRepeat, core.PossessiveRepeat):
        return _required(node.subpattern, core) if node.min_count >= 1 else []
    chars = _literal_chars(node, core)
    if chars:
        return [frozenset({word}) for word in "".join(chars).split("\0") if word]
    return []


def _literal_chars(node: Any, core: Any) -> list[str] | None:
    """The folded characters a literal node matches, "\\0" for each one that is not plain.

    None when the node is not a literal at all. Full case folding ("ss" matching "ß") makes
    every character of the node not plain.
    """
    kind = type(node)
    if kind is core.Character:
        if not node.positive or node.zerowidth:
            return None
        codes: tuple[int, ...] = (node.value,)
    elif kind in (core.String, core.Literal):
        codes = node.characters
    else:
        return None
    full_folding = node.case_flags & core.FULLIGNORECASE == core.FULLIGNORECASE
    chars = [chr(code) for code in codes]
    return [c.lower() if c in _PLAIN and not full_folding else "\0" for c in chars]


class BranchScanner:
    """The spans one ``finditer`` of the whole pattern gives, searching only likely branches."""

    def __init__(self, branches: list[Branch]) -> None:
        self.branches = branches

    def spans(self, text: str, timeout: float) -> Iterator[tuple[int, int]]:
        """Non-empty match spans in order; raises EmptyMatch or TimeoutError."""
        deadline = time.monotonic() + timeout
        folded = fold(text)
        live = [branch.pattern for branch in self.branches if branch.may_match(folded)]
        if not live:
            return
        upcoming: list[regex.Match[str] | None] = [None] * len(live)
        searched_from = [-1] * len(live)
        position = 0
        while True:
            best: regex.Match[str] | None = None
            for index, pattern in enumerate(live):
                found = upcoming[index]
                if searched_from[index] < 0 or (found is not None and found.start() < position):
                    remaining = deadline - time.monotonic()
                    if remaining <= 0:
                        raise TimeoutError
                    found = pattern.search(text, position, timeout=remaining)
                    upcoming[index] = found
                    searched_from[index] = position
                if found is not None and (best is None or found.start() < best.start()):
                    best = found
            if best is None:
                return
            if best.end() == best.start():
                raise EmptyMatch
            yield best.start(), best.end()
            position = best.end()
