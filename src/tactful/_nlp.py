"""The spaCy pipeline: blank English plus a rule-based sentence splitter, built once per process.

No trained model is needed. A trained pipeline the user has installed may be named in
the config (``pipeline = "en_core_web_sm"`` or a path); it is loaded once and given a
sentence splitter if it has none.
"""

from __future__ import annotations

import threading
from contextlib import AbstractContextManager, nullcontext
from typing import TYPE_CHECKING, Any

from tactful._errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

_lock = threading.Lock()
_pipelines: dict[str | None, Language] = {}

#: New strings a pipeline may keep for good while its tokenizer cache warms up.
#: spaCy caches how it split each word only outside a memory zone, and a cache miss
#: costs ~3x a hit (prefix, suffix and infix searches per word). So the first
#: messages a process checks are tokenized outside a zone, until the string store has
#: grown by this much (~2-4 MB); every later check runs in a zone and frees what it
#: adds. Memory is bounded either way; only the first messages pay for the warm-up.
CACHE_WARMUP_STRINGS = 20_000
_string_limits: dict[int, int] = {}


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


def check_zone(nlp: Language) -> AbstractContextManager[Any]:
    """The memory zone to check one message in: none while the tokenizer cache warms up.

    Call it holding the engine's check lock: the budget is read and spent in one step.
    """
    strings = len(nlp.vocab.strings)
    limit = _string_limits.setdefault(id(nlp), strings + CACHE_WARMUP_STRINGS)
    if strings < limit:
        return nullcontext()
    return nlp.memory_zone()
