"""Phrase lists folded into a character trie, so one regex matches any of them quickly.

A plain alternation of whole phrases (``kind of|kind|sort of|...``) makes the regex
engine try every phrase at every position of the text. The same phrases written as a
trie (``kind(?: of)?|sort of``) try each character once, several times faster on a
paragraph.

The trie only replaces the alternation where both provably find the same matches: each
phrase must be a sequence of *units* (one ASCII character, one apostrophe class, or one
whitespace class between two other units), so that

* a phrase can match at a given place in at most one way (a whitespace class is
  followed by something that is not whitespace, so it always takes the whole run);
* the units leaving a trie node never match the same character (distinct characters
  after case folding, and the classes hold no character a literal unit can be), so the
  phrases matching at one place are prefixes of each other;
* every unit is one character of the phrase, so a deeper phrase is a longer one.

The alternation lists phrases longest first and takes the first one followed by a word
boundary; at each node the trie tries longer continuations before ending the phrase, so
it takes the deepest one followed by a word boundary: the same phrase. Lists the trie
cannot take are left as the alternation.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import regex

_ASCII = frozenset(chr(code) for code in range(0x20, 0x7F))
_WORD_START = frozenset(char for char in _ASCII if char.isalnum())


@dataclass
class _Node:
    #: unit key -> (the unit's regex, the node after it)
    children: dict[str, tuple[str, _Node]] = field(default_factory=dict)
    ends: bool = False


def trie_source(
    phrases: Sequence[str],
    alternatives: Sequence[str],
    classes: Mapping[str, str],
    whitespace: str,
    ignore_case: bool,
) -> str | None:
    """The alternation ``alternatives`` (the regexes of ``phrases``) as one trie regex.

    ``classes`` maps each character that becomes a class (an apostrophe, a space) to its
    regex; ``whitespace`` is the regex of the one class that matches whitespace. Returns
    None when some phrase is not a sequence of units whose regexes joined give exactly
    its alternative: then the alternation must stay as it is.
    """
    claimed = _claimed(frozenset(classes.values()))
    root = _Node()
    for phrase, alternative in zip(phrases, alternatives, strict=True):
        units = _units(phrase, classes, whitespace, ignore_case, claimed)
        if units is None or "".join(unit for _, unit in units) != alternative:
            return None
        node = root
        for key, unit in units:
            if key not in node.children:
                node.children[key] = (unit, _Node())
            node = node.children[key][1]
        node.ends = True
    if not root.children:
        return None
    return _source(root)


def whole_words(trie: str, phrases: Sequence[str]) -> str:
    """The trie as whole words: not after a word character or apostrophe, nor before one.

    When every phrase starts with a letter or digit, "not after a word character" is the
    word boundary ``\\b``, which the regex engine checks faster than the look-behind.
    """
    before = r"\b(?<!['’])" if all(p[:1] in _WORD_START for p in phrases) else r"(?<![\w'’])"
    return before + "(?:" + trie + r")(?![\w'’])"


@lru_cache(maxsize=8)
def _claimed(classes: frozenset[str]) -> frozenset[str]:
    """The ASCII characters the classes match: they cannot be literal units, since a
    literal and a class matching the same character would both leave one node."""
    patterns = [regex.compile(unit) for unit in classes]
    return frozenset(char for char in _ASCII if any(p.fullmatch(char) for p in patterns))


def _units(
    phrase: str,
    classes: Mapping[str, str],
    whitespace: str,
    ignore_case: bool,
    claimed: frozenset[str],
) -> list[tuple[str, str]] | None:
    """The phrase as (key, regex) units, or None when a character cannot be a unit."""
    units: list[tuple[str, str]] = []
    for index, char in enumerate(phrase):
        unit = classes.get(char)
        if unit is not None:
            if unit == whitespace and (
                index == 0 or index == len(phrase) - 1 or classes.get(phrase[index + 1]) == unit
            ):
                return None  # a whitespace run at either end or of two characters
            units.append(("\0" + unit, unit))
            continue
        if char not in _ASCII or char.isspace() or char in claimed:
            return None  # case folding of other characters is not this simple
        units.append((char.lower() if ignore_case else char, regex.escape(char)))
    return units


def _source(node: _Node) -> str:
    branches = [unit + _source(child) for unit, child in node.children.values()]
    if node.ends:
        if not branches:
            return ""
        # Longer phrases first: "(?:x)?" tries x before ending here, as "x|" would.
        return f"(?:{branches[0]})?" if len(branches) == 1 else f"(?:{'|'.join(branches)})?"
    return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
