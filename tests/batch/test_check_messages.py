"""check_messages: the same reports in the same order with one process or several."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.conftest import OFFICE_HOURS, SENT_IN_OFFICE_HOURS

from tactful import Config, Context, InputError, MessageTooLargeError, check_messages
from tactful._engine import Item
from tactful._parallel import MAX_PENDING_PER_WORKER, CheckFailure

EXAMPLES = Path(__file__).parents[2] / "examples"
CORPUS = Path(__file__).parents[1] / "corpus" / "culture"

DRAFT = (EXAMPLES / "thank-you-draft.txt").read_text(encoding="utf-8")
CLEAN = (EXAMPLES / "thank-you-clean.txt").read_text(encoding="utf-8")
EML = (CORPUS / "fu-hematology-olumide-the-same.eml").read_bytes()


def mixed_items() -> list[Item]:
    context = Context(recipient="Dr. Ana Patel", sent_at=SENT_IN_OFFICE_HOURS)
    return [DRAFT, CLEAN, EML, (DRAFT, context), (CLEAN, None), DRAFT.replace("😊", "!!!"), EML]


@pytest.mark.slow
def test_workers_give_the_same_reports_in_input_order() -> None:
    items = mixed_items() * 3
    one = [r.model_dump(mode="json") for r in check_messages(items, context=OFFICE_HOURS)]
    two = [
        r.model_dump(mode="json")
        for r in check_messages(items, context=OFFICE_HOURS, n_process=2, batch_size=2)
    ]
    assert len(two) == len(items)
    assert two == one
    assert {f["code"] for f in two[0]["findings"]} >= {"INF001", "EMO001"}
    assert two[2]["parts"]["headers"]  # the .eml went through the email parser


@pytest.mark.slow
def test_a_bad_message_raises_its_error_at_its_turn() -> None:
    items = [DRAFT, CLEAN, "   ", DRAFT, DRAFT]
    reports = check_messages(items, n_process=2, batch_size=1)
    assert next(reports).text == DRAFT
    assert next(reports).text == CLEAN
    with pytest.raises(InputError, match="empty"):
        next(reports)


@pytest.mark.slow
def test_workers_read_input_lazily_and_stop_when_the_caller_stops() -> None:
    consumed = itertools.count()

    def endless() -> Iterator[str]:
        while True:
            next(consumed)
            yield CLEAN

    reports = check_messages(endless(), n_process=2, batch_size=4)
    first = list(itertools.islice(reports, 10))
    reports.close()  # shuts the pool down; an endless input must not keep it busy
    assert len(first) == 10
    read = next(consumed)
    # Bounded: what is held or queued, never the whole (endless) input.
    assert 10 <= read <= 2 * MAX_PENDING_PER_WORKER * 4 + 4 + 1


def test_bad_arguments_raise_when_called() -> None:
    with pytest.raises(ValueError, match="n_process"):
        check_messages([DRAFT], n_process=0)
    with pytest.raises(ValueError, match="batch_size"):
        check_messages([DRAFT], n_process=2, batch_size=0)


def test_one_process_is_the_default_and_unchanged() -> None:
    reports = list(check_messages([DRAFT, (CLEAN, Context(recipient="Dr. Ana Patel"))]))
    assert [r.text for r in reports] == [DRAFT, CLEAN]
    with pytest.raises(MessageTooLargeError):
        list(check_messages(["x" * 50], config=Config(max_chars=10)))


def test_errors_cross_processes_as_data_and_keep_their_type() -> None:
    failure = CheckFailure.from_error(MessageTooLargeError(500, 100))
    error = failure.to_error()
    assert type(error) is MessageTooLargeError
    assert str(error) == str(MessageTooLargeError(500, 100))
    assert (error.length, error.max_chars) == (500, 100)
    assert type(CheckFailure("NotAnError", "x").to_error()).__name__ == "TactfulError"


@pytest.mark.slow
def test_idle_workers_are_let_go_without_holding_up_the_caller(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from concurrent.futures import ProcessPoolExecutor

    waits: list[bool] = []
    shutdown = ProcessPoolExecutor.shutdown

    def recording_shutdown(
        self: ProcessPoolExecutor, wait: bool = True, *, cancel_futures: bool = False
    ) -> None:
        waits.append(wait)
        shutdown(self, wait=wait, cancel_futures=cancel_futures)

    monkeypatch.setattr(ProcessPoolExecutor, "shutdown", recording_shutdown)
    assert len(list(check_messages([DRAFT, CLEAN] * 3, n_process=2, batch_size=2))) == 6
    reports = check_messages([DRAFT, CLEAN] * 3, n_process=2, batch_size=2)
    next(reports)
    reports.close()
    # Every batch done: the workers are idle and exit on their own. Stopped early: the
    # pool is shut down before close() returns, so no batch is checked after it.
    assert waits == [False, True]
