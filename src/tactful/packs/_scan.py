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
so does any message on which a branch matches the empty string. Reading the words errs the
safe way: a part it cannot read for sure adds no word, so the branch is searched more often,
never less. Branches are compiled the first time a message needs them.
"""

from __future__ import annotations

import string
import time
from collections.abc import Iterator

import regex

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


class Branch:
    """One top-level alternative of a pattern, compiled the first time a message needs it."""

    def __init__(self, source: str, flags: int, needs: tuple[frozenset[str], ...]) -> None:
        self.source = source
        self.flags = flags
        #: A match always contains a word of each set (folded); empty: nothing is known.
        self.needs = needs
        self._pattern: regex.Pattern[str] | None = None

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = regex.compile(self.source, self.flags)
        return self._pattern

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


def required_words(prefix: str, branch: str, ignore_case: bool) -> tuple[frozenset[str], ...]:
    """Sets of folded words such that every match of a branch contains a word of each set.

    Read from the branch's source: runs of letters and digits outside classes, repeats,
    lookarounds and flag groups, and the alternatives of plain groups (“said” or “told”).
    Empty when nothing is known or when full case folding (“ss” matching “ß”) may apply.
    """
    flags = regex.match(r"\(\?([a-zA-Z-]+)\)", prefix)
    switched_on = flags.group(1).split("-")[0] if flags else ""
    if "f" in switched_on or ("i" in switched_on and not ignore_case):
        return ()  # version 1 folds fully under a plain (?i); see compile_pattern
    needs = _needs(branch, "x" in switched_on)
    if not needs:
        return ()
    # Each word costs a scan of the message, and most branches are ruled out by their first
    # set: so sets of one long (rare) word first; sets holding a one- or two-letter word,
    # which nearly every message contains, are not worth a scan ("[" and "%" are).
    useful = {words for words in needs if all(_worth_a_scan(word) for word in words)}
    return tuple(
        sorted(useful, key=lambda words: (len(words), -min(map(len, words)), sorted(words)))
    )


def _worth_a_scan(word: str) -> bool:
    return len(word) >= 3 or any(char in _RARE for char in word)


def _needs(source: str, verbose: bool) -> list[frozenset[str]] | None:
    """What every match of ``source`` contains; None when unsure (no pruning then)."""
    alternatives = _alternatives(source, verbose)
    if alternatives is None:
        return None
    if len(alternatives) > 1:
        # Any one alternative may match: keep, from each, the set it is surest to need.
        union: set[str] = set()
        for alternative in alternatives:
            found = _needs(alternative, verbose)
            if found is None:
                return None
            if not found:
                return []  # this alternative needs nothing known, so neither does the group
            union |= max(found, key=lambda words: (min(map(len, words)), -len(words)))
        return [frozenset(union)]
    needs: list[frozenset[str]] = []
    run: list[str] = []

    def end_run() -> None:
        if run:
            needs.append(frozenset({"".join(run)}))
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
            if _repeated(source, index, verbose):
                # The repeat applies to this character alone: its least count is certain
                # ("X{3,}" needs "xxx"), what follows may not come right after it.
                run.extend(literal * _least_count(source, index, verbose))
                end_run()
            else:
                run.append(literal)
            continue
        end_run()
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
            close = _group_end(source, index, verbose)
            if close is None:
                return None
            inner = _group_body(source, index, close)
            index = close + 1
            if inner is not None and not _repeated(source, index, verbose):
                found = _needs(inner, verbose)
                if found is None:
                    return None
                needs.extend(found)
        elif char == "#" and verbose:
            newline = source.find("\n", index)
            index = len(source) if newline < 0 else newline
        elif char == "{":
            close = source.find("}", index)  # a repeat's counts ({0,3}) are not text
            index = index + 1 if close < 0 else close + 1
        else:
            index += 1
    end_run()
    return needs


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
    counts = regex.match(r"\{([0-9]+)(?:,[0-9]*)?\}", source[index:])
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


def _alternatives(source: str, verbose: bool) -> list[str] | None:
    """``source`` cut at its top-level bars."""
    pieces: list[str] = []
    start = index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            after = _escape_end(source, index)
            if after is None:
                return None
            index = after
            continue
        if char == "[":
            after = _class_end(source, index)
            if after is None:
                return None
            index = after
            continue
        if char == "(":
            close = _group_end(source, index, verbose)
            if close is None:
                return None
            index = close + 1
            continue
        if char == "#" and verbose:
            newline = source.find("\n", index)
            index = len(source) if newline < 0 else newline
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
    while index < len(source):
        char = source[index]
        if char == "\\":
            after = _escape_end(source, index)
            if after is None:
                return None
            index = after
            continue
        if char == "[":
            after = _class_end(source, index)
            if after is None:
                return None
            index = after
            continue
        if source.startswith("(?#", index):
            close = source.find(")", index)
            if close < 0:
                return None
            index = close + 1
            continue
        if char == "#" and verbose:
            newline = source.find("\n", index)
            index = len(source) if newline < 0 else newline
            continue
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
    opening = regex.match(r"\(\?(?::|>|P?<[A-Za-z_]\w*>)", source[index:close])
    return source[index + opening.end() : close] if opening else None


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
