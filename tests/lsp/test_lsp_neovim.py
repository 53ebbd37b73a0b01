"""A real editor: headless Neovim attaches to ``tactful lsp`` and shows the diagnostics on
the right bytes (Neovim keeps byte columns and converts from the negotiated encoding)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import require_program

pytestmark = pytest.mark.e2e

DRAFT = "Hi Dr. Patel,\n\nThanks, Rene\u0301e 😀 gonna send it.\n\nBest,\nSam\n"


def test_neovim_shows_diagnostics_on_the_right_bytes(tmp_path: Path) -> None:
    nvim = require_program("nvim")
    draft = tmp_path / "draft.txt"
    draft.write_text(DRAFT, encoding="utf-8")
    out = tmp_path / "diagnostics.jsonl"
    script = Path(__file__).with_name("neovim_attach.lua")
    env = {
        **os.environ,
        "TACTFUL_TEST_OUT": str(out),
        "TACTFUL_TEST_PYTHON": sys.executable,
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    subprocess.run(
        [nvim, "--headless", "--clean", "-n", "-c", f"luafile {script}", str(draft)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        timeout=60,
        check=False,
    )
    assert out.is_file(), "Neovim wrote no diagnostics"
    diagnostics = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert not any(d.get("timeout") for d in diagnostics), diagnostics
    line = DRAFT.splitlines()[2].encode("utf-8")
    shown = {
        d["code"]: line[d["col"] : d["end_col"]].decode("utf-8")
        for d in diagnostics
        if d["lnum"] == 2 and d["end_lnum"] == 2
    }
    assert shown["EMO001"] == "😀"
    assert shown["INF001"] == "gonna"
    assert all(d["source"] == "tactful" for d in diagnostics)
