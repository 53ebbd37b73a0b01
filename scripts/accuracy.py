"""Precision and recall per category on the labelled corpus (a development aid).

    python scripts/accuracy.py [CORPUS_DIR ...] [--errors] [--category NAME]

A category counts as flagged for an email when tactful reports at least one `warning`
or `error` finding in it (`info` findings are advice, not flags), as the core contracts
define. Each email is `<slug>.txt` or `<slug>.eml` with `<slug>.toml` beside it holding
`flagged = [...]`, `kind`, and an optional `[context]` table (tests/corpus/FORMAT.md).
"""

from __future__ import annotations

import argparse
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from tactful import Config, Context, Severity, check_message
from tactful._registry import build_registry

DEFAULT_CORPUS = Path(__file__).resolve().parents[1] / "tests" / "corpus"


@dataclass(frozen=True)
class Outcome:
    slug: str
    expected: frozenset[str]
    found: frozenset[str]
    details: tuple[str, ...]


def load_email(label: Path) -> tuple[str | bytes, Context]:
    data = tomllib.loads(label.read_text(encoding="utf-8"))
    context_data = dict(data.get("context", {}))
    context_data.setdefault("kind", data.get("kind"))
    context = Context.model_validate(context_data)
    eml = label.with_suffix(".eml")
    if eml.exists():
        return eml.read_bytes(), context
    return label.with_suffix(".txt").read_text(encoding="utf-8"), context


def evaluate(corpus_dirs: list[Path], config: Config) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for label in sorted(p for d in corpus_dirs for p in d.rglob("*.toml")):
        expected = frozenset(tomllib.loads(label.read_text(encoding="utf-8"))["flagged"])
        message, context = load_email(label)
        report = check_message(message, context=context, config=config)
        flags = [f for f in report.findings if f.severity is not Severity.INFO]
        details = tuple(f"{f.code} {f.category} {f.text!r}" for f in flags)
        outcomes.append(
            Outcome(label.stem, expected, frozenset(f.category for f in flags), details)
        )
    return outcomes


def table(outcomes: list[Outcome], categories: list[str]) -> str:
    rows = [f"{'category':<16} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>8}"]
    for category in categories:
        tp = sum(category in o.expected and category in o.found for o in outcomes)
        fp = sum(category not in o.expected and category in o.found for o in outcomes)
        fn = sum(category in o.expected and category not in o.found for o in outcomes)
        if tp + fp + fn == 0:
            continue
        precision = f"{tp / (tp + fp):.2f}" if tp + fp else "-"
        recall = f"{tp / (tp + fn):.2f}" if tp + fn else "-"
        rows.append(f"{category:<16} {tp:>4} {fp:>4} {fn:>4} {precision:>10} {recall:>8}")
    exact = sum(o.expected == o.found for o in outcomes)
    rows.append(f"{len(outcomes)} emails, {exact} with exactly the expected categories")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="*", type=Path, default=[DEFAULT_CORPUS])
    parser.add_argument("--errors", action="store_true", help="list every mismatch")
    parser.add_argument("--category", help="only mismatches in this category")
    args = parser.parse_args(argv)
    registry = build_registry(plugins=False)
    outcomes = evaluate(args.corpus, Config(plugins=False))
    print(table(outcomes, list(registry.categories)))
    if args.errors or args.category:
        misses: Counter[str] = Counter()
        for o in outcomes:
            wrong = (o.expected ^ o.found) & (
                {args.category} if args.category else o.expected | o.found
            )
            if not wrong:
                continue
            misses.update(wrong)
            extra = sorted(o.found - o.expected)
            lost = sorted(o.expected - o.found)
            print(f"\n{o.slug}: false alarms {extra}, missed {lost}")
            for line in o.details:
                if any(c in line.split()[1] for c in extra):
                    print(f"    {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
