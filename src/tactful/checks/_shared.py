"""Helpers the culture and directness rules share (not a rule module: the registry skips it)."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

import regex

from tactful.checks._phrase_trie import trie_source, whole_words

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

    from tactful.rule import CheckContext

#: The audience the culture rules speak for: their advice is about US conventions.
US_ONLY = frozenset({"us"})

_APOSTROPHE = regex.compile(r"['’]")
_BEFORE, _AFTER = r"(?<![\w'’])(?:", r")(?![\w'’])"
#: How phrase_pattern writes a phrase's spaces and apostrophes, as trie units.
_UNIT_CLASSES = {" ": r"\s+", "'": "['’]", "’": "['’]"}


def phrase_pattern(phrases: Iterable[str], *, ignore_case: bool = True) -> PhrasePattern:
    """One regex matching any phrase as whole words, longest first; ' and ’ match each other."""
    return PhrasePattern(phrases, ignore_case=ignore_case)


def phrase_alternation(phrases: Iterable[str]) -> str:
    """The source of ``phrase_pattern``'s regex as a plain alternation, to embed in another."""
    return _BEFORE + "|".join(_alternatives(phrases)[1]) + _AFTER


def _alternatives(phrases: Iterable[str]) -> tuple[list[str], list[str]]:
    """The phrases, longest first, and the regex of each."""
    ordered = sorted({p.strip() for p in phrases if p.strip()}, key=len, reverse=True)
    alternatives = []
    for phrase in ordered:
        escaped = regex.escape(phrase)
        escaped = _APOSTROPHE.sub("['’]", escaped.replace(r"\'", "'").replace("\\’", "’"))
        escaped = regex.sub(r"(?:\\ )+|\s+", r"\\s+", escaped)
        alternatives.append(escaped)
    return ordered, alternatives


class _Unbuilt:
    """A pattern not built yet (None is taken: a list the trie cannot take has no trie)."""


_UNBUILT = _Unbuilt()


class PhrasePattern:
    """Phrases compiled for search: as a trie (``_phrase_trie``), which is several times
    faster than the alternation of the phrases, and finds the same matches.

    Case-insensitive matching folds case fully (``regex.VERSION1``): "ﬁ" matches "fi"
    and "ß" matches "ss". The trie folds case simply, one character to one, which is
    faster; texts with a character that folds to several (rare in English email) are
    searched with the alternation.
    """

    def __init__(self, phrases: Iterable[str], *, ignore_case: bool) -> None:
        self.ignore_case = ignore_case
        self.flags = regex.VERSION1 | (regex.IGNORECASE if ignore_case else 0)
        # Built when first searched: a rule's cheap tests rule most messages out before
        # it searches, so in a one-message run most lists are never needed.
        self._phrases = tuple(phrases)
        self._built_trie: regex.Pattern[str] | _Unbuilt | None = _UNBUILT
        self._alternation: regex.Pattern[str] | None = None

    @property
    def source(self) -> str:
        """The plain alternation, longest phrase first."""
        return _BEFORE + "|".join(_alternatives(self._phrases)[1]) + _AFTER

    @property
    def _trie(self) -> regex.Pattern[str] | None:
        """The phrases as one trie regex; None when the trie cannot take the list."""
        if isinstance(self._built_trie, _Unbuilt):
            self._built_trie = self._build_trie()
        return self._built_trie

    def _build_trie(self) -> regex.Pattern[str] | None:
        ordered, alternatives = _alternatives(self._phrases)
        trie = trie_source(ordered, alternatives, _UNIT_CLASSES, r"\s+", self.ignore_case)
        # Simple case folding (VERSION0) is twice as fast as full, and the same on texts
        # where no character folds to several.
        trie_flags = regex.IGNORECASE if self.ignore_case else self.flags
        return regex.compile(whole_words(trie, ordered), trie_flags) if trie else None

    def _for(self, text: str) -> regex.Pattern[str]:
        trie = self._trie
        if trie is not None and not (self.ignore_case and folds_to_several(text)):
            return trie
        if self._alternation is None:  # compiled when first needed: most lists never are
            self._alternation = regex.compile(self.source, self.flags)
        return self._alternation

    def finditer(
        self, text: str, pos: int = 0, endpos: int | None = None
    ) -> Iterator[regex.Match[str]]:
        matches: Iterator[regex.Match[str]] = self._for(text).finditer(text, pos, endpos)
        return matches

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return self._for(text).search(text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> regex.Match[str] | None:
        return self._for(text).match(text, pos, endpos)


@lru_cache(maxsize=16)
def folds_to_several(text: str) -> bool:
    """Whether full case folding turns some character of the text into several."""
    return not text.isascii() and len(text.casefold()) != len(text)


#: The non-ASCII characters that a case-insensitive regex matches to an ASCII letter.
_ASCII_LOOK_ALIKES = {"İ": "i", "ı": "i", "ſ": "s", "K": "k"}
#: What separates the literal pieces of a phrase: its pattern matches spaces as any
#: whitespace and apostrophes as any apostrophe.
_PIECE_BREAK = regex.compile(r"[\s'’‘`]+")


def folded_text(ctx: CheckContext, text: str) -> str | None:
    """The text lowercased, with the non-ASCII look-alikes of ASCII letters made ASCII, and
    of the same length, so an offset in one is the same place in the other; once per message.

    None when no such text exists: a character that case-folds to several ("ß" matches
    "ss" under full case folding) or whose lowercase is longer.
    """
    cache: dict[str, str | None] = ctx.doc.user_data.setdefault("tactful.folded_text", {})
    if text in cache:
        return cache[text]
    result: str | None = text.lower()
    if not text.isascii():
        if folds_to_several(text):
            result = None
        else:
            for char, letter in _ASCII_LOOK_ALIKES.items():
                if char in text:  # rare; str.translate is slow on non-ASCII text
                    text = text.replace(char, letter)
            result = text.lower()
            if len(result) != len(text):
                result = None
    cache[text] = result
    return result


class PhraseKeys:
    """A word of each phrase of a list: every match of the phrases contains one of them.

    Where the case-folded text holds none of these words, no phrase can match, and a
    substring search for them costs far less than running the phrases' regex over each
    sentence. A phrase's literal pieces (between its spaces and apostrophes) match
    themselves case-insensitively, and ``folded_text`` maps every character a
    case-insensitive regex matches to an ASCII letter onto that letter, so a match of a
    phrase leaves its pieces in the folded text. The piece chosen is the longest that is
    not a stop word: the rarest, roughly.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        from spacy.lang.en.stop_words import STOP_WORDS

        keys: set[str] = set()
        self._keys: tuple[str, ...] | None = None
        self._cache_key = ""
        for phrase in phrases:
            if not phrase.strip():
                continue
            pieces = [p.lower() for p in _PIECE_BREAK.split(phrase) if p and p.isascii()]
            if not pieces:
                return  # no ASCII piece to look for: every text may match
            keys.add(max(pieces, key=lambda p: (p not in STOP_WORDS, len(p))))
        # A key holding another adds nothing: where "okay" is, "ok" is too.
        self._keys = tuple(sorted(k for k in keys if not any(o != k and o in k for o in keys)))
        self._cache_key = f"tactful.PhraseKeys.{id(self)}"

    def starts(self, ctx: CheckContext, text: str) -> list[int] | None:
        """Every offset where a key starts in the folded text, ascending, once per message;
        None when nothing can be ruled out."""
        if self._keys is None:
            return None
        cache: dict[str, list[int] | None] = ctx.doc.user_data.setdefault(self._cache_key, {})
        if text in cache:
            return cache[text]
        folded_copy = folded_text(ctx, text)
        found: list[int] | None = None
        if folded_copy is not None:
            # str.find per key: a regex of the keys tries each of them at every offset.
            found = []
            for key in self._keys:
                at = folded_copy.find(key)
                while at != -1:
                    found.append(at)
                    at = folded_copy.find(key, at + 1)
            found.sort()
        cache[text] = found
        return found


class PhraseWords:
    """The pieces of each phrase of a list, to rule out a whole message at once.

    A match of a phrase holds each of its pieces (split at spaces and apostrophes) as a
    whole run of ASCII letters and digits of the text folded by ``packs._scan.fold``: the
    pattern matches a piece case-insensitively, folding maps what it matches onto the
    piece, and spaces, apostrophes or the phrase's word boundaries stand on either side.
    So a text whose runs (``FoldedText.words``, made once per text for the pack patterns
    too) hold all the pieces of no phrase holds no match. This holds where matching folds
    case simply, as ``folded_text`` tells; full folding matches "ﬁ" to "fi". Phrases are
    listed under their rarest-looking piece: one set intersection leaves few to test.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        # Imported here, once: this module is loaded while the packs package (which
        # imports it) may be half loaded; an import per may_match call costs ~0.7 µs.
        from tactful.packs._scan import folded_text as scan_folded_text

        self._scan_folded_text = scan_folded_text
        pieces = [
            [piece.lower() for piece in _PIECE_BREAK.split(phrase.strip()) if piece]
            for phrase in phrases
        ]
        self._by_key: dict[str, list[frozenset[str]]] | None = None
        if all(piece.isascii() and piece.isalnum() for words in pieces for piece in words):
            self._by_key = by_rarest_word(pieces)
        # else a piece is not one run: nothing is ruled out
        self._keys = frozenset(self._by_key or ())

    def may_match(self, ctx: CheckContext, text: str) -> bool:
        """Whether some phrase may match in ``text``; False rules every match out."""
        if self._by_key is None or folded_text(ctx, text) is None:
            return True
        return holds_some_phrase(self._by_key, self._keys, self._scan_folded_text(text).words)


def holds_some_phrase(
    phrases_by_key: Mapping[str, list[frozenset[str]]],
    keys: frozenset[str],
    words: AbstractSet[str],
) -> bool:
    """Whether ``words`` hold all the words of some phrase, each phrase listed under one of
    its words (``keys``: those words): one intersection leaves few phrases to test."""
    if keys.isdisjoint(words):
        return False  # most messages: no set is made for the test
    for key in keys & words:  # loops, not any() over generators: called ~15 times a check
        for phrase in phrases_by_key[key]:
            if phrase <= words:
                return True
    return False


def by_rarest_word(phrases: Iterable[Sequence[str]]) -> dict[str, list[frozenset[str]]]:
    """Each phrase's words as a set, listed under its ``rarest`` word (the layout
    ``holds_some_phrase`` reads); an empty phrase is left out, as matchers skip it."""
    listed: dict[str, list[frozenset[str]]] = {}
    for words in phrases:
        if words:
            listed.setdefault(rarest(words), []).append(frozenset(words))
    return listed


def rarest(words: Sequence[str]) -> str:
    """The word of a phrase least likely to be in a message: the longest that is not a
    stop word (the key a gate looks up; any word of the phrase would be correct)."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return max(words, key=lambda word: (word.lower() not in STOP_WORDS, len(word.strip())))


def may_hold(starts: list[int] | None, start: int, end: int) -> bool:
    """Whether a key of ``PhraseKeys.starts`` starts inside ``[start, end)``."""
    if starts is None:
        return True
    i = bisect_left(starts, start)
    return i < len(starts) and starts[i] < end


class GatedMatcher:
    """A spaCy ``PhraseMatcher`` run only on messages holding every word of some phrase.

    A PhraseMatcher reads every token of the doc however few phrases it holds (about
    10 µs a message), and most messages hold none of a list's phrases. A match holds every
    token of its phrase, so where the message's words (lowercased for ``LOWER``, as
    written for ``ORTH``: what the matcher compares) include all the tokens of no phrase,
    the matcher cannot match; set tests rule that out for far less. Phrases are listed
    under a key word each, so one intersection leaves few phrases to test.
    """

    def __init__(
        self, nlp: Language, phrases: Iterable[str] | Sequence[Doc], attr: str, key: str
    ) -> None:
        """``phrases`` as text, or as the docs ``nlp.make_doc`` made of them (for a caller
        that reads the phrases' tokens too and need not tokenize them twice)."""
        from spacy.matcher import PhraseMatcher

        if attr not in ("LOWER", "ORTH"):
            raise ValueError(f"a GatedMatcher compares LOWER or ORTH, not {attr}")
        self._lower = attr == "LOWER"
        self._form: Literal["lower", "text"] = "lower" if self._lower else "text"
        self._matcher = PhraseMatcher(nlp.vocab, attr=attr)
        docs = [p if not isinstance(p, str) else nlp.make_doc(p) for p in phrases]
        self._matcher.add(key, docs)
        self._by_key = by_rarest_word(
            [token.lower_ if self._lower else token.text for token in doc] for doc in docs
        )
        self._keys = frozenset(self._by_key)

    def __call__(self, ctx: CheckContext) -> list[tuple[int, int, int]]:
        """The matcher's ``(key, start, end)`` matches in ``ctx.doc``."""
        words = message_words(ctx, self._form)
        if self._keys.isdisjoint(words):
            return []  # most messages, most lists: no call further
        if not holds_some_phrase(self._by_key, self._keys, words):
            return []
        found: list[tuple[int, int, int]] = self._matcher(ctx.doc)
        return found

    def spans(self, ctx: CheckContext) -> list[tuple[int, int]]:
        """Each match as character offsets, in the matcher's order."""
        found = self(ctx)
        if not found:
            return []
        starts, texts = ctx.token_starts, ctx.token_texts
        return [(starts[s], starts[e - 1] + len(texts[e - 1])) for _, s, e in found]


_MESSAGE_WORDS_KEYS = {
    form: f"tactful.message_words.{form}" for form in ("text", "lower", "normal")
}


def message_words(ctx: CheckContext, form: Literal["text", "lower", "normal"]) -> frozenset[str]:
    """The set of the doc's token texts (``ctx.token_texts``, ``token_lowers`` or
    ``token_normals``, by ``form``); once per message."""
    key = _MESSAGE_WORDS_KEYS[form]  # a lookup costs less than formatting the key
    words: frozenset[str] | None = ctx.doc.user_data.get(key)
    if words is None:
        if form == "text":
            words = frozenset(ctx.token_texts)
        elif form == "lower":
            words = frozenset(ctx.token_lowers)
        else:
            # The same set as ``frozenset(ctx.token_normals)``, made from the distinct
            # texts: most rules never need the normal form of every token.
            texts = message_words(ctx, "text")
            prose = ctx.message.prose_text
            if prose.isascii():
                # Case folding is lower-casing in ASCII, and there is no ’ to straighten.
                words = message_words(ctx, "lower")
            elif "’" in prose:
                words = frozenset(normal(text) for text in texts)
            else:
                # No token holds a ’ then, and case folding makes none: normal() is casefold().
                words = frozenset(map(str.casefold, texts))
        ctx.doc.user_data[key] = words
    return words


def folded(words: Iterable[str]) -> frozenset[str]:
    """Lower-cased words with ’ written as '."""
    return frozenset(normal(w) for w in words)


def normal(word: str) -> str:
    return word.casefold().replace("’", "'")


def previous_word(doc: Doc, index: int, sentence: Span | None = None) -> Token | None:
    """The token before ``index`` in the same sentence, skipping line breaks; None at the start."""
    start = sentence.start if sentence is not None else 0
    i = index - 1
    while i >= start and doc[i].is_space:
        i -= 1
    return doc[i] if i >= start else None


def sentence_of(doc: Doc, index: int) -> Span:
    return doc[index].sent


def split_pairs(entries: Iterable[str]) -> dict[str, str]:
    """Lexicon entries written "form/base" as a mapping form -> base."""
    pairs: dict[str, str] = {}
    for entry in entries:
        form, _, base = entry.partition("/")
        pairs[normal(form.strip())] = base.strip()
    return pairs


def starts_with_phrase(words: list[str], phrases: frozenset[tuple[str, ...]]) -> int:
    """How many of ``words`` the longest phrase in ``phrases`` at their start covers (0: none)."""
    best = 0
    for phrase in phrases:
        if len(phrase) > best and tuple(words[: len(phrase)]) == phrase:
            best = len(phrase)
    return best


def known_recipient(ctx: CheckContext) -> tuple[str | None, str | None] | None:
    """Who the note is for, as (title, surname), when the context or the To header names one.

    None when no name is known (a careers@ address); the title is None when not given.
    """
    from email.utils import getaddresses

    context = ctx.context
    titles = {t.rstrip(".").casefold() for t in ctx.lexicon("titles")}
    if context.recipient or context.recipient_surname:
        words = (context.recipient or "").split()
        title = context.recipient_title
        if words and words[0].rstrip(".").casefold() in titles:
            title = title or words[0]
            words = words[1:]
        surname = context.recipient_surname or (words[-1] if words else None)
        return title, surname
    to = ctx.message.header("to")
    if to is None:
        return None
    addresses = getaddresses([to.value])
    if len(addresses) != 1:
        return None
    words = addresses[0][0].replace('"', "").split()
    if not any(w.rstrip(".").casefold() not in titles for w in words):
        return None
    generic = {w.casefold() for w in ctx.lexicon("generic-recipient-words")}
    if any(w.strip(",.").casefold() in generic for w in words):
        return None  # "HR Department <hr@...>" names an office, not a person
    title = words[0] if words[0].rstrip(".").casefold() in titles else None
    return title, words[-1]
