"""docs/rules/ is generated from rule metadata; these tests fail when it is stale."""

from __future__ import annotations

from pathlib import Path

from tactful._docs import expected_docs
from tactful._registry import build_registry

DOCS = Path(__file__).parents[2] / "docs" / "rules"


def test_rule_pages_are_current() -> None:
    pages = expected_docs(build_registry(plugins=False))
    stale = [
        name
        for name, content in pages.items()
        if not (DOCS / name).is_file() or (DOCS / name).read_text(encoding="utf-8") != content
    ]
    extra = sorted(p.name for p in DOCS.glob("*.md") if p.name not in pages)
    hint = "docs/rules is stale: run `python -m tactful.gen_docs`"
    assert not stale, f"{hint} (changed: {stale})"
    assert not extra, f"{hint} (no longer generated: {extra})"
