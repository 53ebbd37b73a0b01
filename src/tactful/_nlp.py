"""The spaCy pipeline: blank English plus a rule-based sentence splitter, built once per process.

No trained model is needed. A trained pipeline the user has installed may be named in
the config (``pipeline = "en_core_web_sm"`` or a path); it is loaded once and given a
sentence splitter if it has none.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING

from tactful._errors import ConfigError

if TYPE_CHECKING:
    from spacy.language import Language

_lock = threading.Lock()
_pipelines: dict[str | None, Language] = {}
_baseline: dict[int, int] = {}

#: Strings the shared vocabulary may learn for good before analyses run in memory zones.
#: Words met early (the common ones) stay cached, which keeps tokenizing fast; past this,
#: each message's new strings are freed after its check, so memory stays flat however
#: many messages a process checks.
PERSISTENT_STRINGS = 20_000


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


@contextlib.contextmanager
def analysis_zone(nlp: Language) -> Iterator[None]:
    """Where one message is analysed: plain while the vocabulary is young, a memory zone after.

    Callers hold the engine's lock: zones are not safe to share between threads.
    """
    baseline = _baseline.setdefault(id(nlp), len(nlp.vocab.strings))
    if len(nlp.vocab.strings) - baseline < PERSISTENT_STRINGS:
        yield
        return
    with nlp.memory_zone():
        yield
