"""Reading pack files and folders; every error names the file and the field."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

import regex
from pydantic import ValidationError

from tactful._config import read_toml
from tactful._errors import PackError, TactfulError
from tactful.packs._kinds import compile_pattern, make_rule
from tactful.packs._schema import OccurrenceRule, PackFile, PatternRule
from tactful.rule import Rule


@dataclass(frozen=True)
class LoadedPack:
    """The rules and word lists of one pack file."""

    path: Path
    name: str
    rules: tuple[type[Rule], ...] = ()
    lexicons: dict[str, tuple[str, ...]] = field(default_factory=dict)


def builtin_pack_dir() -> Path:
    """The shipped packs: inside the wheel, or the repository's ``rules/`` in a source checkout."""
    packaged = resources.files("tactful") / "_builtin_packs"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[3] / "rules"


def pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.rglob("*.toml") if p.is_file())
    if path.is_file():
        return [path]
    raise PackError("no such pack file or folder", path=str(path))


def load_pack(path: str | os.PathLike[str], *, validate_patterns: bool = True) -> LoadedPack:
    """Load one pack file.

    ``validate_patterns``: compile each pattern now, so a bad one is reported with its file
    and field; the shipped packs skip it (the test suite compiles theirs), as compiling
    every pattern costs more than loading the packs otherwise.
    """
    file = Path(path)
    data = read_toml(file, "pack", PackError)
    try:
        pack = PackFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = _location(first["loc"], data)
        message = first["msg"]
        if first["type"] == "extra_forbidden":
            message = "unknown field"
        elif first["type"] in ("union_tag_not_found", "union_tag_invalid"):
            message = "'kind' must be one of existence, substitution, occurrence, pattern"
        raise PackError(message, path=str(file), key=where) from None
    rules: list[type[Rule]] = []
    for index, spec in enumerate(pack.rule):
        if (
            validate_patterns
            and isinstance(spec, PatternRule | OccurrenceRule)
            and getattr(spec, "pattern", None)
        ):
            try:
                compile_pattern(spec.pattern or "", spec.ignore_case)
            except (regex.error, OverflowError, RecursionError) as error:
                raise PackError(
                    f"invalid regular expression: {error}",
                    path=str(file),
                    key=f"rule[{index}].pattern",
                ) from None
        rules.append(make_rule(spec, origin=str(file)))
    return LoadedPack(
        path=file,
        name=pack.pack.name or file.stem,
        rules=tuple(rules),
        lexicons=dict(pack.lexicon),
    )


def _location(loc: tuple[int | str, ...], data: object) -> str:
    """A readable field path: rule[2].swap, not ('rule', 2, 'substitution', 'swap')."""
    parts: list[str] = []
    kinds = {"existence", "substitution", "occurrence", "pattern"}
    for item in loc:
        if isinstance(item, int):
            parts[-1:] = [f"{parts[-1]}[{item}]"] if parts else [f"[{item}]"]
        elif item in kinds and parts and parts[-1].startswith("rule["):
            continue
        else:
            parts.append(str(item))
    return ".".join(parts)


@cache
def _load_builtin() -> tuple[LoadedPack, ...]:
    return tuple(load_pack(p, validate_patterns=False) for p in pack_files(builtin_pack_dir()))


def load_packs(extra: tuple[Path, ...] = ()) -> tuple[LoadedPack, ...]:
    """The shipped packs, then each file in the ``extra`` folders or files, in order."""
    loaded = list(_load_builtin())
    # A shipped pack named again (`tactful packs check rules/informal`) is loaded once,
    # or its codes would clash with themselves.
    seen = {Path(pack.path).resolve() for pack in loaded}
    for path in extra:
        for file in pack_files(Path(path)):
            if file.resolve() not in seen:
                seen.add(file.resolve())
                loaded.append(load_pack(file))
    return tuple(loaded)


def check_pack(path: str | os.PathLike[str]) -> list[str]:
    """Validate a pack file or folder and run its rules' examples; returns the problems found."""
    from tactful._engine import run_examples
    from tactful._registry import build_registry

    problems: list[str] = []
    try:
        packs = [load_pack(p) for p in pack_files(Path(path))]
    except TactfulError as error:
        return [str(error)]
    shipped = builtin_pack_dir().resolve()
    extra = tuple(p.path for p in packs if not p.path.resolve().is_relative_to(shipped))
    try:
        registry = build_registry(extra, plugins=False)
    except TactfulError as error:
        return [str(error)]
    for pack in packs:
        for rule in pack.rules:
            problems.extend(f"{pack.path}: {problem}" for problem in run_examples(registry, rule))
    return problems
