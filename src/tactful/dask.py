"""Check messages on a Dask cluster: a bag of messages, or a text column of a dask DataFrame.

    pip install "tactful[dask]"              # bags
    pip install "tactful[dask-dataframe]"    # and DataFrames (pandas, pyarrow)

    import dask.bag as db
    from distributed import Client
    from tactful.dask import check_bag

    client = Client("tcp://scheduler.example:8786")
    messages = db.read_text("s3://bucket/drafts/*.jsonl").map(json.loads).pluck("text")
    results = check_bag(messages).compute()

Each worker process sets the rules up once (the first partition it checks pays for it)
and checks its partitions in its own process, the same rules as ``check_message``. This
module is imported only by code that uses it; ``import tactful`` never imports Dask.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, Literal

try:
    import dask.bag
except ImportError as error:  # pragma: no cover - depends on the environment
    raise ImportError(
        f'tactful.dask needs Dask: pip install "tactful[dask]" ({type(error).__name__}: {error})'
    ) from None

from tactful._config import Config
from tactful._context import Context
from tactful._engine import rule_set_for_json
from tactful._errors import TactfulError
from tactful._model import Report

if TYPE_CHECKING:
    import dask.dataframe

__all__ = ["check_bag", "check_column", "result_of"]

OnError = Literal["raise", "record"]


def result_of(report: Report, *, full: bool = False) -> dict[str, Any]:
    """What a cluster job usually keeps: id, score, verdict, kind, subscores and findings.

    ``full=True`` gives the whole report (with the text and parts), as ``tactful check``'s
    JSON does.
    """
    if full:
        return report.model_dump(mode="json")
    return report.model_dump(
        mode="json",
        include={"id", "score", "verdict", "kind", "word_count", "subscores", "findings"},
    )


def check_bag(
    messages: dask.bag.Bag,
    *,
    context: Context | None = None,
    config: Config | None = None,
    full: bool = False,
    on_error: OnError = "raise",
) -> dask.bag.Bag:
    """A bag of result dicts (see :func:`result_of`), one per message, in the same order.

    Items are messages (``str`` drafts, ``.eml`` ``bytes``) or ``(message, context)``
    pairs. With ``on_error="record"`` a message that cannot be checked gives
    ``{"error": "InputError: ...", "score": None, "findings": []}`` instead of failing
    the whole computation.
    """
    if on_error not in ("raise", "record"):
        raise ValueError(f'on_error must be "raise" or "record", not {on_error!r}')
    config_json = (config or Config()).model_dump_json()
    checked: dask.bag.Bag = messages.map_partitions(  # type: ignore[no-untyped-call]
        _check_partition, config_json=config_json, context=context, full=full, on_error=on_error
    )
    return checked


def _check_partition(
    items: Iterable[Any],
    *,
    config_json: str,
    context: Context | None,
    full: bool,
    on_error: OnError,
) -> list[dict[str, Any]]:
    rule_set = rule_set_for_json(config_json)  # once per worker process, then cached
    results: list[dict[str, Any]] = []
    for item in items:
        message, item_context = item if isinstance(item, tuple) else (item, None)
        try:
            report = rule_set.check(message, item_context or context)
        except TactfulError as error:
            if on_error == "raise":
                raise
            results.append(
                {"error": f"{type(error).__name__}: {error}", "score": None, "findings": []}
            )
            continue
        results.append(result_of(report, full=full))
    return results


def check_column(
    frame: dask.dataframe.DataFrame,
    column: str,
    *,
    context: Context | None = None,
    config: Config | None = None,
) -> dask.dataframe.DataFrame:
    """Check the messages in ``frame[column]``: a DataFrame with the same index and the
    columns ``score`` (int), ``verdict`` (str), ``finding_count`` (int), ``codes`` (str,
    the findings' codes joined by spaces) and ``findings`` (a list of finding dicts).

    Needs pandas (``tactful[dask-dataframe]``). Empty or missing texts raise.
    """
    import pandas

    meta = pandas.DataFrame(
        {
            "score": pandas.Series(dtype="int64"),
            "verdict": pandas.Series(dtype="object"),
            "finding_count": pandas.Series(dtype="int64"),
            "codes": pandas.Series(dtype="object"),
            "findings": pandas.Series(dtype="object"),
        }
    )
    config_json = (config or Config()).model_dump_json()
    checked: dask.dataframe.DataFrame = frame[column].map_partitions(
        _check_series, config_json=config_json, context=context, meta=meta
    )
    return checked


def _check_series(texts: Any, *, config_json: str, context: Context | None) -> Any:
    import pandas

    rule_set = rule_set_for_json(config_json)
    rows = []
    for text in texts:
        if not isinstance(text, str | bytes):
            raise TypeError(f"cannot check a {type(text).__name__}: the column must hold text")
        report = rule_set.check(text, context)
        findings = [finding.model_dump(mode="json") for finding in report.findings]
        rows.append(
            {
                "score": report.score,
                "verdict": report.verdict,
                "finding_count": len(findings),
                "codes": " ".join(finding["code"] for finding in findings),
                "findings": findings,
            }
        )
    result = pandas.DataFrame(
        rows, index=texts.index, columns=["score", "verdict", "finding_count", "codes", "findings"]
    )
    return result.astype({"score": "int64", "finding_count": "int64"})
