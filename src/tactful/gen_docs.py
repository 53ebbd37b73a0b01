"""Regenerate docs/rules/ from the rules' metadata: ``python -m tactful.gen_docs [DIR]``."""

from __future__ import annotations

import sys
from pathlib import Path

from tactful._docs import expected_docs
from tactful._registry import build_registry


def main(argv: list[str]) -> int:
    target = Path(argv[0]) if argv else Path("docs/rules")
    target.mkdir(parents=True, exist_ok=True)
    pages = expected_docs(build_registry(plugins=False))
    for stale in target.glob("*.md"):
        if stale.name not in pages:
            stale.unlink()
    for name, content in pages.items():
        path = target / name
        if not path.exists() or path.read_text(encoding="utf-8") != content:
            path.write_text(content, encoding="utf-8")
    print(f"{len(pages)} pages in {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
