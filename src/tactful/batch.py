"""``tactful batch``: check many messages from a JSON Lines file or a folder of ``.eml`` files.

    tactful batch IN.jsonl -o OUT.jsonl [--jobs N]
    python -m tactful.batch IN.jsonl -o OUT.jsonl

Each input line is ``{"id": ..., "text": ...}`` or ``{"id": ..., "path": ...}`` (a path
relative to the input file; ``.eml`` files are read as email), with an optional
``"context"`` object. Each output line is one report in the JSON schema of
``tactful check --format json``, carrying the id. A run can be interrupted and resumed:
ids already in OUT are skipped, and a partly written last line is cut off first.

Exit status: 0 when every message was checked, 2 when some input could not be read or
checked (each is reported with its line number; the rest of the run goes on).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from tactful._config import Config
from tactful._context import Context
from tactful._errors import TactfulError
from tactful._parallel import CheckFailure, Job, check_jobs

EXIT_OK = 0
EXIT_BAD_INPUT = 2


@dataclass
class Problems:
    """Input that could not be read or checked, reported as it is found."""

    stream: IO[str]
    progress: Progress | None = None
    count: int = 0

    def report(self, where: str, message: str) -> None:
        self.count += 1
        if self.progress is not None:
            self.progress.clear()
        # Never the message text: only where it is and what went wrong.
        print(f"tactful batch: {where}: {message}", file=self.stream, flush=True)


@dataclass
class Summary:
    checked: int = 0
    skipped: int = 0
    score_total: int = 0
    by_category: Counter[str] = field(default_factory=Counter)

    def add(self, report: dict[str, Any]) -> None:
        self.checked += 1
        self.score_total += int(report["score"])
        self.by_category.update(finding["category"] for finding in report["findings"])

    def lines(self, problems: int) -> list[str]:
        mean = f"{self.score_total / self.checked:.1f}" if self.checked else "-"
        out = [f"checked {self.checked}, mean score {mean}"]
        if self.skipped:
            out[0] += f", {self.skipped} already in the output (skipped)"
        if problems:
            out[0] += f", {problems} could not be checked"
        if self.by_category:
            total = sum(self.by_category.values())
            per = ", ".join(f"{name} {n}" for name, n in self.by_category.most_common())
            out.append(f"findings: {total} ({per})")
        else:
            out.append("findings: 0")
        return out


class Progress:
    """A one-line progress bar on a terminal's stderr, redrawn at most ten times a second."""

    WIDTH = 28

    def __init__(self, stream: IO[str], total: int | None) -> None:
        self.stream = stream
        self.total = total
        self.done = 0
        self.started = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False

    def advance(self) -> None:
        self.done += 1
        now = time.monotonic()
        if now - self._drawn_at >= 0.1:
            self._drawn_at = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        rate = self.done / max(now - self.started, 1e-9)
        if self.total:
            filled = min(self.WIDTH, self.WIDTH * self.done // self.total)
            left = max(self.total - self.done, 0) / rate if rate else 0
            line = (
                f"[{'#' * filled}{'.' * (self.WIDTH - filled)}] {self.done}/{self.total} "
                f"{rate:.0f}/s, {int(left) // 60}m{int(left) % 60:02d}s left"
            )
        else:
            line = f"{self.done} checked, {rate:.0f}/s"
        self.stream.write("\r" + line + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def read_done_ids(output: Path) -> set[str]:
    """Ids already reported in ``output``; cuts off a last line an interrupted run left half-written."""
    done: set[str] = set()
    if not output.exists():
        return done
    with output.open("r+b") as file:
        complete = 0
        for number, line in enumerate(file, start=1):
            if not line.endswith(b"\n"):
                break  # the half-written line of an interrupted run
            try:
                done.add(str(json.loads(line)["id"]))
            except (ValueError, KeyError, TypeError):
                raise TactfulError(
                    f"{output}:{number}: not a report line; refusing to append to this file"
                ) from None
            complete += len(line)
        file.truncate(complete)
    return done


def jsonl_jobs(
    path: Path, done: set[str], problems: Problems, summary: Summary
) -> Iterator[tuple[Job, str]]:
    """Jobs from a JSON Lines file, read lazily, each with where it came from."""
    seen: dict[str, int] = {}
    with path.open("rb") as file:
        for number, raw in enumerate(file, start=1):
            where = f"{path}:{number}"
            if not raw.strip():
                continue
            try:
                job = _job_from_line(raw, path.parent)
            except (ValueError, OSError, TactfulError) as error:
                problems.report(where, str(error))
                continue
            id = job[2]
            assert id is not None
            if id in seen:
                problems.report(where, f"id {id!r} is already used on line {seen[id]}")
                continue
            seen[id] = number
            if id in done:
                summary.skipped += 1
                continue
            yield job, where


def _job_from_line(raw: bytes, base: Path) -> Job:
    from pydantic import ValidationError

    try:
        item = json.loads(raw)
    except UnicodeDecodeError:
        raise ValueError("not UTF-8") from None
    except json.JSONDecodeError as error:
        raise ValueError(f"not JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(item, dict):
        raise ValueError('expected an object like {"id": ..., "text": ...}')
    unknown = sorted(set(item) - {"id", "text", "path", "context"})
    if unknown:
        raise ValueError(f"unknown key(s): {', '.join(unknown)}")
    id = item.get("id")
    if isinstance(id, bool) or not isinstance(id, str | int) or id == "":
        raise ValueError('"id" must be a non-empty string or an integer')
    context = None
    if item.get("context") is not None:
        try:
            context = Context.model_validate(item["context"])
        except ValidationError as error:
            first = error.errors()[0]
            key = ".".join(str(part) for part in first["loc"])
            raise ValueError(f"context.{key}: {first['msg']}") from None
    has_text, has_path = "text" in item, "path" in item
    if has_text == has_path:
        raise ValueError('give exactly one of "text" and "path"')
    if has_text:
        if not isinstance(item["text"], str):
            raise ValueError('"text" must be a string')
        return item["text"], context, str(id)
    if not isinstance(item["path"], str):
        raise ValueError('"path" must be a string')
    return read_message(base / item["path"]), context, str(id)


def read_message(path: Path) -> str | bytes:
    """A file's message: ``.eml`` as bytes for the email parser, anything else as UTF-8 text."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ValueError(f"cannot read {path}: {error.strerror}") from None
    if path.suffix.lower() == ".eml":
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(f"{path} is not UTF-8 text (byte {error.start})") from None


def folder_jobs(
    folder: Path, done: set[str], problems: Problems, summary: Summary
) -> Iterator[tuple[Job, str]]:
    """Jobs from every ``.eml`` file under ``folder``; ids are paths relative to it."""
    for path in sorted(folder.rglob("*.eml")):
        id = path.relative_to(folder).as_posix()
        if id in done:
            summary.skipped += 1
            continue
        try:
            yield (read_message(path), None, id), str(path)
        except ValueError as error:
            problems.report(str(path), str(error))


def count_inputs(source: Path) -> int:
    if source.is_dir():
        return sum(1 for _ in source.rglob("*.eml"))
    with source.open("rb") as file:
        return sum(1 for line in file if line.strip())


def run(
    source: Path,
    output: Path,
    *,
    config: Config,
    jobs: int = 1,
    batch_size: int = 32,
    progress: bool | None = None,
    stderr: IO[str] | None = None,
) -> int:
    """Check every message in ``source``, appending reports to ``output``; returns the exit status."""
    stderr = stderr if stderr is not None else sys.stderr
    show_progress = stderr.isatty() if progress is None else progress
    done = read_done_ids(output)
    summary = Summary()
    problems = Problems(stderr)
    bar = Progress(stderr, count_inputs(source)) if show_progress else None
    problems.progress = bar
    reader = folder_jobs if source.is_dir() else jsonl_jobs
    # Where each job in flight came from; results come back in input order.
    in_flight: deque[tuple[str, str]] = deque()

    def jobs_in_order() -> Iterator[Job]:
        for job, where in reader(source, done, problems, summary):
            assert job[2] is not None
            in_flight.append((job[2], where))
            yield job

    output.parent.mkdir(parents=True, exist_ok=True)
    outcomes = check_jobs(jobs_in_order(), config, n_process=jobs, batch_size=batch_size)
    with output.open("a", encoding="utf-8", newline="\n") as out:
        for outcome in outcomes:
            _, where = in_flight.popleft()
            if isinstance(outcome, CheckFailure):
                problems.report(where, outcome.message)
            else:
                # A whole line per write, flushed: an interrupted run leaves whole lines.
                out.write(outcome + "\n")
                out.flush()
                summary.add(json.loads(outcome))
            if bar is not None:
                bar.advance()
        os.fsync(out.fileno())
    if bar is not None:
        bar.clear()
    for line in summary.lines(problems.count):
        print(f"tactful batch: {line}", file=stderr)
    return EXIT_BAD_INPUT if problems.count else EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="tactful batch",
        description="Check many messages: a JSON Lines file or a folder of .eml files.",
    )
    parser.add_argument("input", type=Path, help="IN.jsonl, or a folder of .eml files")
    parser.add_argument("-o", "--output", type=Path, required=True, help="OUT.jsonl (appended)")
    parser.add_argument(
        "-j", "--jobs", type=int, default=1, help="worker processes (-1: one per CPU)"
    )
    parser.add_argument("--batch-size", type=int, default=32, help=argparse.SUPPRESS)
    parser.add_argument(
        "--config", type=Path, help="config file (default: discovered from the input's folder)"
    )
    parser.add_argument(
        "--progress",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="progress bar on stderr (default: only on a terminal)",
    )
    args = parser.parse_args(argv)
    if args.jobs == 0 or args.jobs < -1:
        parser.error("--jobs must be -1 or at least 1")
    if args.batch_size < 1:
        parser.error("--batch-size must be at least 1")
    if not args.input.exists():
        print(f"tactful batch: {args.input}: no such file or folder", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        config = Config.from_toml(args.config) if args.config else Config.discover(args.input)
        return run(
            args.input,
            args.output,
            config=config,
            jobs=args.jobs,
            batch_size=args.batch_size,
            progress=args.progress,
        )
    except (OSError, TactfulError) as error:
        print(f"tactful batch: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        print("tactful batch: interrupted; run again to resume", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
