"""tactful.dask on a local distributed cluster with two worker processes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import IN_CI, OFFICE_HOURS, SENT_IN_OFFICE_HOURS

try:
    import dask.bag as dask_bag
    import distributed
except ImportError as error:  # skip locally, fail in CI (.ci/run installs tactful[dask])
    if IN_CI:
        raise
    pytest.skip(f"needs tactful[dask]: {error}", allow_module_level=True)

from tactful import Context, InputError, check_message
from tactful.dask import check_bag, check_column

EXAMPLES = Path(__file__).parents[2] / "examples"
CORPUS = Path(__file__).parents[1] / "corpus" / "culture"
DRAFT = (EXAMPLES / "thank-you-draft.txt").read_text(encoding="utf-8")
CLEAN = (EXAMPLES / "thank-you-clean.txt").read_text(encoding="utf-8")
EML = (CORPUS / "fu-hematology-olumide-the-same.eml").read_bytes()


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=40,
        ) as cluster,
        distributed.Client(cluster, timeout=60) as client,
    ):
        yield client


@pytest.mark.slow
def test_a_bag_is_checked_on_two_worker_processes(client: Any) -> None:
    to_patel = Context(recipient="Dr. Ana Patel", sent_at=SENT_IN_OFFICE_HOURS)
    messages = [DRAFT, CLEAN, EML, (DRAFT, to_patel)] * 4
    bag = dask_bag.from_sequence(messages, npartitions=4)
    results = check_bag(bag, context=OFFICE_HOURS).compute(timeout=120)
    assert len(results) == len(messages)
    for item, result in zip(messages, results, strict=True):
        message, context = item if isinstance(item, tuple) else (item, OFFICE_HOURS)
        expected = check_message(message, context=context)
        assert result["score"] == expected.score
        assert [f["code"] for f in result["findings"]] == [f.code for f in expected.findings]
        assert "text" not in result  # compact unless full=True
    assert results[0]["score"] < 60 < results[1]["score"]
    # The cluster really runs two worker processes.
    assert len(client.scheduler_info()["workers"]) == 2


@pytest.mark.slow
def test_errors_raise_or_are_recorded(client: Any) -> None:
    bag = dask_bag.from_sequence([CLEAN, "  ", DRAFT], npartitions=2)
    recorded = check_bag(bag, context=OFFICE_HOURS, on_error="record").compute(timeout=120)
    assert recorded[1]["score"] is None
    assert recorded[1]["error"].startswith("InputError")
    assert recorded[2]["score"] == check_message(DRAFT, context=OFFICE_HOURS).score
    with pytest.raises(InputError):
        check_bag(bag).compute(timeout=120)
    full = check_bag(dask_bag.from_sequence([CLEAN]), context=OFFICE_HOURS, full=True)
    assert full.compute(timeout=120)[0] == check_message(CLEAN, context=OFFICE_HOURS).model_dump(
        mode="json"
    )


@pytest.mark.slow
def test_a_dataframe_column(client: Any) -> None:
    try:
        import dask.dataframe as dd
        import pandas
    except ImportError as error:
        if IN_CI:
            pytest.fail(f"tactful[dask-dataframe] is not installed: {error}")
        pytest.skip(f"needs tactful[dask-dataframe]: {error}")
    frame = pandas.DataFrame({"id": ["a", "b", "c"], "body": [DRAFT, CLEAN, DRAFT]})
    column = check_column(dd.from_pandas(frame, npartitions=2), "body", context=OFFICE_HOURS)
    checked = column.compute(timeout=120)
    assert list(checked.index) == [0, 1, 2]
    scores = [check_message(t, context=OFFICE_HOURS).score for t in frame["body"]]
    assert list(checked["score"]) == scores
    assert "INF001" in checked.loc[0, "codes"].split()
    assert checked.loc[1, "finding_count"] == len(
        check_message(CLEAN, context=OFFICE_HOURS).findings
    )
