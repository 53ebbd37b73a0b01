"""The wheel carries the shipped packs and py.typed (the packs live outside src/)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


@pytest.mark.slow
def test_wheel_contains_packs_and_type_marker(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("tactful-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "tactful/py.typed" in names
    shipped = {str(p.relative_to(ROOT / "rules")) for p in (ROOT / "rules").rglob("*.toml")}
    packaged = {
        n.removeprefix("tactful/_builtin_packs/")
        for n in names
        if n.startswith("tactful/_builtin_packs/")
    }
    assert shipped <= packaged
    assert shipped
