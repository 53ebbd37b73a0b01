"""The benchmark's corpus is deterministic and shaped as the benchmark promises."""

from __future__ import annotations

import importlib.util
import statistics
from pathlib import Path
from types import ModuleType

from tactful import check_message

CORPUS_PY = Path(__file__).parents[2] / "benchmarks" / "corpus.py"


def load_corpus() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_corpus", CORPUS_PY)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_same_seed_gives_the_same_emails() -> None:
    corpus = load_corpus()
    assert corpus.drafts(30, seed=3) == corpus.drafts(30, seed=3)
    assert corpus.drafts(30, seed=3) != corpus.drafts(30, seed=4)
    assert corpus.emls(12) == corpus.emls(12)
    assert list(corpus.iter_drafts(5, seed=9)) == list(corpus.iter_drafts(5, seed=9))


def test_drafts_are_follow_up_length_and_mix_clean_with_flawed() -> None:
    corpus = load_corpus()
    drafts = corpus.drafts(200)
    words = [len(text.split()) for text in drafts]
    assert 150 <= statistics.median(words) <= 250
    reports = [check_message(text) for text in drafts[:60]]
    # Clean as the accuracy contract counts it: info findings are advice, not flags.
    clean = sum(1 for report in reports if not report.blocks("warning"))
    assert 10 <= clean <= 50
    assert any("Dr." in text for text in drafts)
    assert any("I'm" in text for text in drafts)


def test_every_eml_parses_as_email_with_its_headers() -> None:
    corpus = load_corpus()
    for data in corpus.emls(24):
        report = check_message(data)
        assert report.parts.headers
        assert report.word_count > 50
