"""Checking many messages in worker processes, in input order, with bounded memory.

Workers are started with ``spawn`` (safe with threads, on every platform, and under
``forkserver`` defaults); each builds its rule set once in its initializer. Messages go
to workers in batches and come back as report JSON (compact and cheap to pickle), never
as spaCy objects. At most ``8 * n_process`` batches are held, so memory stays
constant however long the input is, and results are yielded in input order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from email.message import Message
from itertools import islice
from typing import TypeAlias

from tactful import _errors
from tactful._config import Config
from tactful._context import Context
from tactful._errors import TactfulError

#: One unit of work: the message, its context (or None) and the id its report carries.
Job: TypeAlias = "tuple[str | bytes | Message, Context | None, str | None]"

#: Unfinished batches per worker: one being checked, one queued so it never idles.
QUEUED_PER_WORKER = 2
#: Batches held per worker, finished or not: bounds memory when one batch is slow and
#: later ones finish before it (they wait for their turn to keep input order).
MAX_PENDING_PER_WORKER = 8


@dataclass(frozen=True)
class CheckFailure:
    """A message that could not be checked: the error's class name and its message."""

    kind: str
    message: str
    attributes: tuple[tuple[str, str | int | None], ...] = ()

    @classmethod
    def from_error(cls, error: TactfulError) -> CheckFailure:
        # Errors travel as data: some TactfulErrors take constructor arguments that
        # pickle cannot replay, and a failed unpickle would break the whole pool.
        simple = tuple(
            (key, value)
            for key, value in vars(error).items()
            if isinstance(value, str | int) or value is None
        )
        return cls(type(error).__name__, str(error), simple)

    def to_error(self) -> TactfulError:
        error_class = getattr(_errors, self.kind, TactfulError)
        if not (isinstance(error_class, type) and issubclass(error_class, TactfulError)):
            error_class = TactfulError
        error = error_class.__new__(error_class)
        Exception.__init__(error, self.message)
        for key, value in self.attributes:
            setattr(error, key, value)
        return error


#: What a worker returns per job: the report as JSON, or why it failed.
Outcome: TypeAlias = "str | CheckFailure"


def resolve_workers(n_process: int) -> int:
    """``n_process`` as a worker count: -1 means one per CPU."""
    if n_process == -1:
        return max(1, os.cpu_count() or 1)
    if n_process < 1:
        raise ValueError(f"n_process must be -1 or at least 1, not {n_process}")
    return n_process


def check_jobs(
    jobs: Iterable[Job], config: Config, *, n_process: int, batch_size: int
) -> Iterator[Outcome]:
    """Report JSON (or a failure) for every job, in order, checked in ``n_process`` workers.

    One worker means this process: no pool is started.
    """
    if batch_size < 1:
        raise ValueError(f"batch_size must be at least 1, not {batch_size}")
    workers = resolve_workers(n_process)
    config_json = config.model_dump_json()
    if workers == 1:
        for batch in _batched(iter(jobs), batch_size):
            yield from _check_batch(config_json, batch)
        return
    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(config_json,),
    )
    pending: deque[Future[list[Outcome]]] = deque()
    batches = _batched(iter(jobs), batch_size)
    exhausted = False

    def top_up() -> None:
        # Keep every worker fed while the oldest batch (whose turn it is) is still being
        # checked: finished batches wait here for their turn, up to a fixed number.
        nonlocal exhausted
        while (
            not exhausted
            and len(pending) < workers * MAX_PENDING_PER_WORKER
            and sum(not future.done() for future in pending) < workers * QUEUED_PER_WORKER
        ):
            batch = next(batches, None)
            if batch is None:
                exhausted = True
            else:
                pending.append(executor.submit(_check_batch, config_json, batch))

    finished = False
    try:
        top_up()
        while pending:
            head = pending[0]
            if not head.done():
                wait([f for f in pending if not f.done()], return_when=FIRST_COMPLETED)
                top_up()
                continue
            pending.popleft()
            top_up()
            yield from head.result()
        finished = True
    finally:
        # Also runs when the caller stops early: queued batches are dropped, not checked.
        # Once every batch is done the workers are idle: they are told to exit without
        # waiting for them (~0.2 s), so the caller is not held up after its last report.
        executor.shutdown(wait=not finished, cancel_futures=True)


def _batched(jobs: Iterator[Job], size: int) -> Iterator[list[Job]]:
    while batch := list(islice(jobs, size)):
        yield batch


def _start_worker(config_json: str) -> None:
    from tactful._engine import rule_set_for_json

    rule_set_for_json(config_json)  # set the rules up before the first batch arrives


def _check_batch(config_json: str, batch: list[Job]) -> list[Outcome]:
    from tactful._engine import rule_set_for_json

    rule_set = rule_set_for_json(config_json)
    outcomes: list[Outcome] = []
    for message, context, id in batch:
        try:
            outcomes.append(rule_set.check(message, context, id).model_dump_json())
        except TactfulError as error:
            outcomes.append(CheckFailure.from_error(error))
    return outcomes
