"""The spaCy pipeline: blank English plus a rule-based sentence splitter, built once per process.

No trained model is needed. A trained pipeline the user has installed may be named in
the config (``pipeline = "en_core_web_sm"`` or a path); it is loaded once and given a
sentence splitter if it has none.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from tactful._errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

_lock = threading.Lock()
#: Runs of whitespace that spaCy makes tokens of in nearly every email: line and paragraph
#: breaks, after trailing spaces or not, and double spaces. They are taught once; finding
#: every run in each message would cost more than the few other runs save. Longer runs
#: (where ``prose_text`` blanks a header, a signature or a quote) are found per message:
#: each has its own length, and an untaught one costs as much as ~20 words.
_COMMON_SPACES = tuple(
    [
        before + line_break * count
        for before in ("", " ", "  ")
        for line_break in ("\n", "\r\n")
        for count in range(1, 5)
    ]
    + [" " * count for count in range(1, 5)]
    + ["\t"]
)
# A run of whitespace from its first double space (where str.find stops) to its end.
_SPACES_RUN = re.compile(r"  \s*")
_pipelines: dict[str | None, Language] = {}

#: New strings a pipeline may keep for good while its tokenizer learns (~2-4 MB). Every
#: check runs in a memory zone that frees what it adds; only the tokenizer's lessons
#: (see ``teach_tokenizer``) are kept, and they stop once the string store has grown by
#: this much, so memory is bounded however many messages a process checks.
TOKENIZER_LESSON_STRINGS = 20_000


@dataclass
class _Lessons:
    """What one pipeline's tokenizer has been taught."""

    string_limit: int
    chunks: set[str] = field(default_factory=set)
    done: bool = False


# Weakly keyed: a pipeline that goes away takes its lessons with it.
_lessons: weakref.WeakKeyDictionary[Language, _Lessons] = weakref.WeakKeyDictionary()


def get_pipeline(name: str | None = None) -> Language:
    """The shared pipeline for ``name`` (None: blank English with a sentencizer)."""
    pipeline = _pipelines.get(name)
    if pipeline is not None:
        return pipeline
    with _lock:
        pipeline = _pipelines.get(name)
        if pipeline is None:
            pipeline = _load(name)
            _pipelines[name] = pipeline
    return pipeline


def _load(name: str | None) -> Language:
    import spacy

    if name is None:
        nlp = spacy.blank("en")
    else:
        try:
            nlp = spacy.load(name)
        except (OSError, ValueError, ImportError) as error:
            raise ConfigError(
                f"cannot load spaCy pipeline {name!r}: {str(error).splitlines()[0]}", key="pipeline"
            ) from None
    if not any(pipe in nlp.pipe_names for pipe in ("parser", "senter", "sentencizer")):
        nlp.add_pipe("sentencizer")
    return nlp


def teach_tokenizer(nlp: Language, text: str) -> None:
    """Have spaCy's tokenizer cache how it splits each word of ``text`` it has not seen yet.

    Call it outside any memory zone, holding the engine's check lock. spaCy caches how it
    split a whitespace-separated chunk, but not inside a memory zone, and not in a text
    once a special case ("Dr.", "Ms.", "I'm") has appeared in it: nearly every follow-up
    opens with "Dear Dr." or "Dear Ms.", so whole messages teach it almost nothing and
    each word takes the slow path (prefix, suffix and infix searches, ~15x a cache hit).
    Tokenizing a new chunk on its own caches its split. The tokens are the same either
    way: a chunk is split without looking at its neighbours, and special cases that span
    chunks are applied afterwards, over the whole text.
    """
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, _tokenizer_class()):
        return  # a custom tokenizer has its own ways
    lessons = _lessons.get(nlp)
    if lessons is None:
        limit = len(nlp.vocab.strings) + TOKENIZER_LESSON_STRINGS
        lessons = _lessons.setdefault(nlp, _Lessons(string_limit=limit))
        for spaces in _COMMON_SPACES:
            tokenizer(spaces)
        # spaCy stops caching at 10,000 chunks by default; the string budget bounds it here.
        tokenizer.max_cache_size = max(tokenizer.max_cache_size, TOKENIZER_LESSON_STRINGS)
    if lessons.done:
        return
    words = text.split()
    # Most messages hold no word not seen before: asking that first is cheaper than a set.
    new = set() if lessons.chunks.issuperset(words) else set(words) - lessons.chunks
    new.update(_long_spaces(text))
    new -= lessons.chunks
    strings, limit = nlp.vocab.strings, lessons.string_limit
    for chunk in sorted(new):  # sorted: the same lessons on every run
        if len(strings) >= limit:
            lessons.done = True
            lessons.chunks.clear()  # nothing more will be taught; the set would only hold memory
            return
        lessons.chunks.add(chunk)
        tokenizer(chunk)


@cache
def _tokenizer_class() -> Any:
    """spaCy's Tokenizer class, imported once: an import statement costs ~1 µs a message."""
    from spacy.tokenizer import Tokenizer

    return Tokenizer


def _long_spaces(text: str) -> Iterator[str]:
    """The runs of whitespace holding a double space, as spaCy's tokenizer looks them up."""
    # str.find looks for the double space several times faster than the regex's search;
    # the regex, anchored there, takes the rest of the run.
    at = text.find("  ")
    while at >= 0:
        run = _SPACES_RUN.match(text, at)
        end = run.end() if run else at + 2  # it matches: the double space is there
        start = at
        while start > 0 and text[start - 1].isspace():
            start -= 1
        # spaCy drops the one space after a word; the rest of a run becomes a token.
        yield text[start + 1 if start > 0 and text[start] == " " else start : end]
        at = text.find("  ", end)


def check_zone(nlp: Language) -> AbstractContextManager[Any]:
    """The memory zone to check one message in: what the check adds to the vocabulary goes."""
    return nlp.memory_zone()
