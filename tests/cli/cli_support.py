"""Helpers shared by the command-line tests (a unique name: other test folders have conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
DRAFT = EXAMPLES / "thank-you-draft.txt"
CLEAN = EXAMPLES / "thank-you-clean.txt"
# Tests select INF001 (slang) where they need findings, so rules added later do not
# change what they see.
SLANG_DRAFT = (
    "Dear Dr. Patel,\n\nThank you for the tour. I'm gonna follow up next week about the "
    "position.\n\nSincerely,\nJessica Miller\n"
)
SLANG_FIXED = SLANG_DRAFT.replace("gonna", "going to")

Run = Callable[..., subprocess.CompletedProcess[bytes]]


def clean_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "FORCE_COLOR")}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_STATE_HOME=str(home / ".state"),
    )
    return env


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "home"
    path.mkdir()
    return path


@pytest.fixture
def run(home: Path) -> Run:
    """Run ``python -m tactful ARGS`` and return the completed process (bytes)."""

    def runner(
        *args: str | os.PathLike[str],
        input: bytes | None = None,
        cwd: Path | None = None,
        env: dict[str, str] | None = None,
        timeout: float = 60,
    ) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "tactful", *map(str, args)],
            input=input if input is not None else b"",
            capture_output=True,
            cwd=cwd or REPO,
            env={**clean_env(home), **(env or {})},
            timeout=timeout,
            check=False,
        )

    return runner


def lines(output: bytes) -> list[str]:
    return output.decode("utf-8").splitlines()


def one_line_error(process: subprocess.CompletedProcess[bytes]) -> str:
    """The single line a usage, config or input error prints; fails on a traceback."""
    text = process.stderr.decode("utf-8")
    assert "Traceback" not in text, text
    assert len(text.strip().splitlines()) == 1, text
    return text.strip()


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path
