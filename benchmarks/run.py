"""tactful's benchmark: speed against its floor and a peer, start-up, memory, workers.

    pip install -e ".[bench]"
    python benchmarks/run.py            # the full run (the 100,000-email batch takes minutes)
    python benchmarks/run.py --quick    # fewer emails and repeats, for development

Every figure is a median with min-max over repeated runs, measured side by side in one
run (tactful, the floor and proselint take turns on the same emails, so a busy machine
slows all of them alike). The floor is spaCy's blank English tokenizer + sentencizer
called as `nlp(text)`, as the targets define it. "floor, cache taught" is the same
pipeline given what tactful does for spaCy's tokenizer cache (teach_tokenizer): the
least tactful itself can cost. Whatever rules are registered run (all default rules).
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus

FLOOR_COMMAND = "import spacy; spacy.blank('en')"


def spread(values: Sequence[float], unit: str = "", digits: int = 0) -> str:
    """'median (min-max)' of repeated measurements."""
    fmt = f"{{:,.{digits}f}}"
    med = fmt.format(statistics.median(values))
    return f"{med}{unit} ({fmt.format(min(values))}-{fmt.format(max(values))})"


def percentile(sorted_values: Sequence[float], fraction: float) -> float:
    index = min(len(sorted_values) - 1, round(fraction * (len(sorted_values) - 1)))
    return sorted_values[index]


def time_each(function: Callable[[object], object], items: Sequence[object]) -> list[float]:
    """Microseconds per item, one call each."""
    out = []
    clock = time.perf_counter_ns
    for item in items:
        start = clock()
        function(item)
        out.append((clock() - start) / 1000)
    return out


class Runs:
    """p50, p95 and emails/s of one contender, one entry per repeat."""

    def __init__(self) -> None:
        self.p50: list[float] = []
        self.p95: list[float] = []
        self.rate: list[float] = []

    def add(self, micros: list[float]) -> None:
        ordered = sorted(micros)
        self.p50.append(percentile(ordered, 0.5))
        self.p95.append(percentile(ordered, 0.95))
        self.rate.append(len(micros) / (sum(micros) / 1e6))


def warm_speed(
    texts: Sequence[object], floor_texts: Sequence[str], repeats: int
) -> dict[str, Runs]:
    import spacy
    from proselint.checks import __register__
    from proselint.config import DEFAULT
    from proselint.registry import CheckRegistry
    from proselint.tools import LintFile

    from tactful import check_message
    from tactful._nlp import teach_tokenizer

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    taught = spacy.blank("en")
    taught.add_pipe("sentencizer")
    CheckRegistry().register_many(__register__)

    def floor(text: object) -> object:
        return nlp(text)

    def floor_in_zone(text: object) -> object:
        with nlp.memory_zone():
            return len(nlp(text))

    def floor_taught(text: object) -> object:
        # What tactful does to spaCy's tokenizer cache (teach_tokenizer), given to spaCy alone.
        teach_tokenizer(taught, str(text))
        with taught.memory_zone():
            return len(taught(text))

    contenders: dict[str, Callable[[object], object]] = {
        "tactful": check_message,
        "floor": floor,
        "floor, in a memory zone": floor_in_zone,
        "floor, cache taught": floor_taught,
        "proselint": lambda text: LintFile("<email>", str(text)).lint(DEFAULT),
    }
    inputs = {name: texts if name == "tactful" else floor_texts for name in contenders}
    for name, function in contenders.items():  # warm: caches, rule set-up, imports
        for item in inputs[name][:50]:
            function(item)
    runs = {name: Runs() for name in contenders}
    for _ in range(repeats):
        for name, function in contenders.items():
            runs[name].add(time_each(function, inputs[name]))
    return runs


def run_child(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS (KiB) of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):  # 1: the email has findings
        raise RuntimeError(f"{command} exited with {process.returncode}")
    return elapsed, int(usage.ru_maxrss)


def byte_compile_tactful() -> None:
    """Compile tactful's modules to bytecode, as installing it does (pip byte-compiles a
    wheel's modules, as it did spaCy's). An editable checkout run where
    PYTHONDONTWRITEBYTECODE is set would otherwise compile them from source on every
    start (~80 ms), which no installed tactful does."""
    import compileall

    import tactful

    compileall.compile_dir(Path(tactful.__file__).parent, quiet=1)


def cold_start(repeats: int, sample: str) -> dict[str, list[tuple[float, int]]]:
    byte_compile_tactful()
    tactful_command = Path(sys.executable).with_name("tactful")
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "one.txt"
        one.write_text(sample, encoding="utf-8")
        commands = {
            "tactful check one.txt": [str(tactful_command), "check", str(one)],
            "floor start-up": [sys.executable, "-c", FLOOR_COMMAND],
        }
        results: dict[str, list[tuple[float, int]]] = {name: [] for name in commands}
        for command in commands.values():
            run_child(command)  # the first run fills the OS file cache
        for _ in range(repeats):
            for name, command in commands.items():
                results[name].append(run_child(command))
    return results


BATCH_CHILD = """
import resource, sys, time
sys.path.insert(0, {bench!r})
import corpus
from tactful import check_messages
count = {count}
marks = []
start = time.perf_counter()
for index, report in enumerate(check_messages(corpus.iter_drafts(count, seed=99)), start=1):
    if index % (count // 10) == 0:
        marks.append(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(" ".join(map(str, marks)), time.perf_counter() - start)
"""


def batch_memory(count: int) -> tuple[list[int], float]:
    """Peak RSS (KiB) after each tenth of a ``count``-email batch, in a fresh process."""
    code = BATCH_CHILD.format(bench=str(Path(__file__).parent), count=count)
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    *marks, seconds = done.stdout.split()
    return [int(mark) for mark in marks], float(seconds)


def workers_speed(texts: Sequence[str], repeats: int) -> dict[int, list[float]]:
    """Steady-state emails/s of check_messages with 1 and 2 worker processes.

    The clock starts after the first tenth of the results, when the workers have
    started and set their rules up: that start-up is a one-off, not throughput.
    """
    from tactful import check_messages

    skip = len(texts) // 10
    rates: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(repeats):
        for workers in rates:
            reports = check_messages(texts, n_process=workers, batch_size=32)
            for _ in range(skip):
                next(reports)
            start = time.perf_counter()
            counted = sum(1 for _ in reports)
            rates[workers].append(counted / (time.perf_counter() - start))
    return rates


def verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer emails and repeats")
    parser.add_argument("--repeats", type=int, help="repeats per figure (default 7; quick 3)")
    parser.add_argument("--batch", type=int, help="emails in the memory batch (100,000)")
    args = parser.parse_args()
    repeats = args.repeats or (3 if args.quick else 7)
    n_drafts = 200 if args.quick else 600
    n_emls = 60 if args.quick else 200
    batch_count = args.batch or (10_000 if args.quick else 100_000)
    worker_count = 1_500 if args.quick else 6_000

    drafts = corpus.drafts(n_drafts, seed=2026)
    emls = corpus.emls(n_emls, seed=822)
    # Warm the process (tokenizer cache, rule set-up) on other emails than those measured.
    from tactful import check_message

    for text in corpus.drafts(300, seed=1):
        check_message(text)
    eml_texts = [check_message(data).text for data in emls]

    print(f"tactful benchmark: Python {platform.python_version()}, {os.cpu_count()} CPUs, ", end="")
    print(f"load average {os.getloadavg()[0]:.2f} at start; {repeats} repeats")
    words = [len(text.split()) for text in drafts]
    print(
        f"corpus: {n_drafts} drafts ({min(words)}-{max(words)} words, median "
        f"{statistics.median(words):.0f}), {n_emls} .eml messages\n"
    )

    rows: list[tuple[str, str]] = []
    targets: list[tuple[str, str, str]] = []
    for label, items, floor_items in (("drafts", drafts, drafts), (".eml", emls, eml_texts)):
        runs = warm_speed(items, floor_items, repeats)
        tactful, floor = runs["tactful"], runs["floor"]
        rows.append((f"{label}: tactful check_message p50", spread(tactful.p50, " µs")))
        rows.append((f"{label}: tactful check_message p95", spread(tactful.p95, " µs")))
        rows.append((f"{label}: tactful emails/s (one core)", spread(tactful.rate)))
        for name in ("floor", "floor, in a memory zone", "floor, cache taught", "proselint"):
            rows.append((f"{label}: {name} p50", spread(runs[name].p50, " µs")))
        floor_ratio = [t / f for t, f in zip(tactful.p50, floor.p50, strict=True)]
        zone_ratio = [
            t / f for t, f in zip(tactful.p50, runs["floor, in a memory zone"].p50, strict=True)
        ]
        taught_ratio = [
            t / f for t, f in zip(tactful.p50, runs["floor, cache taught"].p50, strict=True)
        ]
        prose_ratio = [p / t for t, p in zip(tactful.p50, runs["proselint"].p50, strict=True)]
        rows.append((f"{label}: tactful p50 / floor p50", spread(floor_ratio, "x", 2)))
        rows.append((f"{label}: tactful p50 / floor-in-zone p50", spread(zone_ratio, "x", 2)))
        rows.append(
            (f"{label}: tactful p50 / floor-cache-taught p50", spread(taught_ratio, "x", 2))
        )
        rows.append((f"{label}: proselint p50 / tactful p50", spread(prose_ratio, "x", 1)))
        targets.append(
            (
                f"{label}: p50 <= 2.5x floor",
                spread(floor_ratio, "x", 2),
                verdict(statistics.median(floor_ratio) <= 2.5),
            )
        )
        targets.append(
            (
                f"{label}: >= 10x faster than proselint",
                spread(prose_ratio, "x", 1),
                verdict(statistics.median(prose_ratio) >= 10),
            )
        )

    cold = cold_start(repeats, drafts[0])
    cli, floor_start = cold["tactful check one.txt"], cold["floor start-up"]
    cold_ratio = [c[0] / f[0] for c, f in zip(cli, floor_start, strict=True)]
    rows.append(("cold: tactful check one.txt", spread([c[0] for c in cli], " s", 2)))
    rows.append(
        (
            "cold: python -c \"import spacy; spacy.blank('en')\"",
            spread([f[0] for f in floor_start], " s", 2),
        )
    )
    rows.append(("cold: ratio", spread(cold_ratio, "x", 2)))
    rows.append(("peak RSS: tactful check one.txt", spread([c[1] / 1024 for c in cli], " MiB")))
    rows.append(("peak RSS: floor start-up", spread([f[1] / 1024 for f in floor_start], " MiB")))
    targets.append(
        (
            "cold start <= 1.25x floor",
            spread(cold_ratio, "x", 2),
            verdict(statistics.median(cold_ratio) <= 1.25),
        )
    )

    worker_texts = corpus.drafts(worker_count, seed=5)
    rates = workers_speed(worker_texts, max(2, repeats // 2))
    speedup = [two / one for one, two in zip(rates[1], rates[2], strict=True)]
    rows.append(("check_messages, 1 process: emails/s", spread(rates[1])))
    rows.append(("check_messages, 2 worker processes: emails/s", spread(rates[2])))
    rows.append(("check_messages: 2 workers / 1", spread(speedup, "x", 2)))
    targets.append(
        (
            "2 workers >= 1.7x one",
            spread(speedup, "x", 2),
            verdict(statistics.median(speedup) >= 1.7),
        )
    )

    marks, seconds = batch_memory(batch_count)
    growth = (marks[-1] - marks[1]) / 1024
    rows.append(
        (
            f"peak RSS over a {batch_count:,}-email batch, by tenths",
            " ".join(f"{mark / 1024:.0f}" for mark in marks) + " MiB",
        )
    )
    rows.append((f"{batch_count:,}-email batch: growth from 20% to 100%", f"{growth:.1f} MiB"))
    rows.append((f"{batch_count:,}-email batch: emails/s", f"{batch_count / seconds:,.0f}"))
    targets.append(
        (
            f"memory flat over {batch_count:,} emails",
            f"+{growth:.1f} MiB after 20%",
            verdict(growth <= 0.05 * marks[1] / 1024),
        )
    )

    width = max(len(name) for name, _ in rows)
    print(f"| {'figure':<{width}} | median (min-max) |")
    print(f"|{'-' * (width + 2)}|---|")
    for name, value in rows:
        print(f"| {name:<{width}} | {value} |")
    print()
    print("| target | measured | |")
    print("|---|---|---|")
    for name, value, result in targets:
        print(f"| {name} | {value} | {result} |")
    print(f"\nload average {os.getloadavg()[0]:.2f} at the end")


if __name__ == "__main__":
    main()
