"""The audit on Apache Spark: the same core as one process, run where the data is.

- :func:`audit_dataframe`: the :class:`~brandvoice.audit.Audit` of a Spark DataFrame of
  replies (a table, Parquet, anything Spark reads), with a column mapping;
- :func:`audit_paths`: the same for Parquet, CSV and JSON Lines files;
- :func:`results_function`: a function ready for ``DataFrame.mapInPandas`` that gives one
  row of results per reply (:data:`RESULT_SCHEMA`), for a job of your own;
- :func:`session`: a local (or ``--master``) Spark session, or the one already running.

The project (config, persona, rulebooks) travels to the workers as data: the validated
:class:`~brandvoice.config.Project`, pickled. A built :class:`~brandvoice.lint.Linter`
cannot be (it holds compiled pattern sets), so each Python worker builds one, once, from
the project. Each task adds its rows to a partial scorecard; the driver merges one
partial per task, so its memory does not grow with the number of rows. Canned replies
(the same text sent to different customers) are counted by Spark itself, grouping the
replies' fingerprints, for the same reason.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from ..audit import Audit, Audited, audit_drafts, check_grouping, new_partial
from ..errors import UsageError
from .rows import Columns, rows_of

if TYPE_CHECKING:
    from ..config import Project
    from ..lint import Linter

#: The results of :func:`results_function`, one row per row of the export.
RESULT_SCHEMA = (
    "id string, source string, department string, channel string, context string, "
    "month string, author string, score int, passed boolean, findings int, "
    "rules map<string,int>, owners map<string,int>, sentiment double, politeness double, "
    "formality double, flesch_kincaid_grade double, response_seconds double, "
    "unanswered boolean, problems array<string>"
)
#: What the audit's tasks give back: one partial scorecard per task, and one row per
#: reply with its group, month and fingerprint (for canned replies).
_PARTS_SCHEMA = ("partial binary, grp string, month string, fingerprint long, "
                 "customer string")
#: Column names of the row's file and where its block starts (Spark's file metadata),
#: and of the row's position as Spark read it (to number rows without an id).
_SOURCE, _BLOCK, _POS = "__brandvoice_source", "__brandvoice_block", "__brandvoice_pos"
_HIDDEN = (_SOURCE, _BLOCK, _POS)

#: Parts per core the rows are dealt into when the export comes in fewer parts.
PARTS_PER_CORE = 2

#: The linter of this Python worker: (token, linter), built once per project.
_worker: tuple[str, "Linter"] | None = None


def worker_linter(token: str, project: "Project") -> "Linter":
    """This worker's linter for ``project`` (``token`` names it), built on first use."""
    global _worker
    if _worker is None or _worker[0] != token:
        from ..lint import Linter

        _worker = (token, Linter(project=project))
    return _worker[1]


def session(master: str | None = None, log: Path | None = None) -> Any:
    """The active Spark session (a notebook's, a ``spark-submit`` job's), else a new one on
    ``master`` (default ``local[*]``: every core of this machine). Workers run this
    Python (``PYSPARK_PYTHON``), so they import the same brandvoice. ``log``: a file for
    what the Java side of a new session writes (its start-up notes and log), which goes
    to standard error otherwise."""
    from ..extras import require

    require("spark")
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None and master is None:
        return active
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    quiet = Path(__file__).resolve().parent.parent / "data" / "spark-log4j2.properties"
    builder = (SparkSession.builder.master(master or "local[*]").appName("brandvoice audit")
               .config("spark.sql.session.timeZone", "UTC")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.driver.extraJavaOptions",
                       f"-Dlog4j2.configurationFile={quiet.as_uri()}"))
    os.environ.setdefault("PYSPARK_SUBMIT_ARGS", f"--driver-java-options "
                          f"-Dlog4j2.configurationFile={quiet.as_uri()} pyspark-shell")
    if log is None:
        spark = builder.getOrCreate()
    else:  # the Java process started now keeps the file as its standard error
        sys.stderr.flush()
        saved = os.dup(2)
        with open(log, "ab") as file:
            os.dup2(file.fileno(), 2)
            try:
                spark = builder.getOrCreate()
            finally:
                os.dup2(saved, 2)
                os.close(saved)
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _sources(frame: Any) -> Iterable[str | None] | None:
    return frame[_SOURCE].tolist() if _SOURCE in frame.columns else None


def _rows(frame: Any, fields: dict[str, str], labels: dict[str, str],
          numbers: dict[tuple, int] | None = None) -> Iterator[dict[str, Any]]:
    """The rows of a frame for the linter, each row's file as its label. A row without
    an id is named ``FILE#N``: N is its row in the file when ``numbers`` (from
    :func:`numbering`) gives where its block starts, else a number unique in the
    DataFrame that Spark gave it as it read it (not its row); without either, the linter
    names it ``draft-N``, N its place in the task."""
    uris = _sources(frame)
    blocks = frame[_BLOCK].tolist() if _BLOCK in frame.columns else None
    places = frame[_POS].tolist() if _POS in frame.columns else None
    names = [labels.get(uri, uri) for uri in uris] if uris is not None else None
    csv = [str(name).lower().endswith(".csv") for name in names] if names else None
    fields = {name: column for name, column in fields.items() if column in frame.columns}
    for index, row in enumerate(rows_of(frame, fields, sources=names)):
        if csv is not None and csv[index] and row.get("text") is None:
            row["text"] = ""
        if row.get("id") is None and places is not None:
            place = places[index]
            block = (uris[index] if uris is not None else None,
                     blocks[index] if blocks is not None else None)
            first = numbers.get(block) if numbers else None
            number = place - first[1] + first[0] if first is not None else place + 1
            row["id"] = f"{row['source'] or ''}#{number}"
        yield row


def numbering(rows: Any, id_column: str | None) -> dict[tuple, tuple[int, int]]:
    """For rows read by :func:`read_paths`: per (file, block), the number in its file of
    the block's first row and the position Spark gave that row, so that a task names
    each row without an id by its row in the file, wherever the row is checked. One
    pass over the rows (Parquet: over the file's metadata), made only when some row has
    no id (``id_column``: the column of ids, None when there is none)."""
    from pyspark.sql import functions as F

    counts = [F.count(F.lit(1)).alias("rows"), F.min(_POS).alias("first")]
    if id_column is not None:
        counts.append(F.count_if(F.col(f"`{id_column}`").isNull()).alias("no_id"))
    blocks = rows.groupBy(_SOURCE, _BLOCK).agg(*counts).collect()
    if id_column is not None and not any(block["no_id"] for block in blocks):
        return {}
    numbers: dict[tuple, tuple[int, int]] = {}
    before: dict[str, int] = {}
    for block in sorted(blocks, key=lambda b: (b[_SOURCE] or "", b[_BLOCK] or 0)):
        done = before.get(block[_SOURCE], 0)
        numbers[(block[_SOURCE], block[_BLOCK])] = (done + 1, block["first"])
        before[block[_SOURCE]] = done + block["rows"]
    return numbers


def results_function(project: "Project", columns: Columns | dict[str, str] | None = None,
                     available: Iterable[str] | None = None
                     ) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """A function for ``df.mapInPandas(f, RESULT_SCHEMA)``: per reply, its id, groups,
    score, pass, findings per rule and per owner, measures, response time and problems.
    ``available``: the DataFrame's columns (to check the mapping before the job runs)."""
    import pandas as pd

    columns = columns if isinstance(columns, Columns) else Columns(dict(columns or {}))
    fields = columns.selected(available) if available is not None else {
        name: columns.column(name) for name in ("text", *columns.mapping)}
    token = uuid.uuid4().hex

    def run(frames: Iterator[Any]) -> Iterator[Any]:
        linter = worker_linter(token, project)
        done: list[Audited] = []
        partial = new_partial(linter, ("department",), keep_texts=False)
        for frame in frames:
            audit_drafts(linter, _rows(frame, fields, {}), partial,
                         each=done.append)
            yield pd.DataFrame([_result_row(row) for row in done] or None,
                               columns=[c.split()[0] for c in RESULT_SCHEMA.split(", ")])
            done.clear()

    return run


def _result_row(row: Audited) -> dict[str, Any]:
    from collections import Counter

    groups = row.groups
    return {"id": row.id, "source": row.source, "department": groups.get("department"),
            "channel": groups.get("channel"), "context": groups.get("context"),
            "month": groups.get("month"), "author": groups.get("author"),
            "score": None if row.skipped or row.unanswered else row.score,
            "passed": None if row.skipped or row.unanswered else row.passed,
            "findings": len(row.owners), "rules": dict(Counter(row.rules)),
            "owners": dict(Counter(row.owners)), "sentiment": row.sentiment,
            "politeness": row.politeness, "formality": row.formality,
            "flesch_kincaid_grade": row.grade, "response_seconds": row.response_seconds,
            "unanswered": row.unanswered, "problems": list(row.problems)}


def _parts_function(project: "Project", by: tuple[str, ...], fields: dict[str, str],
                    labels: dict[str, str], numbers: dict[tuple, tuple[int, int]],
                    show_text: bool, max_listed: int
                    ) -> Callable[[Iterator[Any]], Iterator[Any]]:
    """The audit's function for ``mapInPandas``: a task's rows added to one partial,
    given back pickled at the end, and a row per reply for canned replies."""
    import pandas as pd

    token = uuid.uuid4().hex

    def run(frames: Iterator[Any]) -> Iterator[Any]:
        linter = worker_linter(token, project)
        partial = new_partial(linter, by, keep_texts=False, max_listed=max_listed)
        replies: list[tuple] = []

        def each(row: Audited) -> None:
            if row.skipped or row.unanswered or row.fingerprint is None:
                return
            replies.append((None, json.dumps(partial.key_of(row)), row.groups["month"],
                            row.fingerprint, row.customer))

        for frame in frames:
            audit_drafts(linter, _rows(frame, fields, labels, numbers), partial,
                         show_text=show_text, each=each)
            if replies:
                yield pd.DataFrame(replies, columns=["partial", "grp", "month", "fingerprint",
                                                     "customer"])
                replies.clear()
        yield pd.DataFrame({"partial": [pickle.dumps(partial)], "grp": [None],
                            "month": [None], "fingerprint": [None], "customer": [None]})

    return run


def _canned(parts: Any, scope: list[str]) -> Iterator[tuple]:
    """Per value of ``scope``'s columns, the replies whose fingerprint went to two
    customers or more within it."""
    from pyspark.sql import functions as F

    per_text = (parts.where(F.col("fingerprint").isNotNull())
                .groupBy(*scope, "fingerprint")
                .agg(F.count(F.lit(1)).alias("n"),
                     F.countDistinct("customer").alias("to")))
    totals = (per_text.where((F.col("to") > 1) & (F.col("n") > 1))
              .groupBy(*scope).agg(F.sum("n").alias("canned")))
    for row in totals.toLocalIterator():
        yield tuple(row[name] for name in scope), row["canned"]


def audit_dataframe(df: Any, project: "Project", *, by: Iterable[str] = ("department",),
                    columns: Columns | dict[str, str] | None = None, show_text: bool = False,
                    max_listed: int = 1000, labels: dict[str, str] | None = None) -> Audit:
    """The audit of the replies in the Spark DataFrame ``df``: the same
    :class:`~brandvoice.audit.Audit` as :func:`brandvoice.audit.run_audit` of the same
    rows in one process. ``columns`` maps fields to the DataFrame's columns
    (``{"text": "body"}``); a column it names that is not there raises
    :class:`~brandvoice.errors.UsageError`. ``labels``: how to name each file
    (``_metadata.file_path``) in the bad rows."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    from ..lint import Linter

    by = check_grouping(by)
    columns = columns if isinstance(columns, Columns) else Columns(dict(columns or {}))
    fields = columns.selected([c for c in df.columns if c not in _HIDDEN])
    wanted = list(dict.fromkeys(fields.values()))
    extra = [F.col(c) for c in _HIDDEN if c in df.columns]
    if _POS not in df.columns:  # a DataFrame of one's own: rows named by Spark's numbers
        extra.append(F.monotonically_increasing_id().alias(_POS))
    rows = df.select(*[F.col(f"`{c}`").cast("string").alias(c) for c in wanted], *extra)
    numbers = numbering(rows, fields.get("id")) \
        if _SOURCE in df.columns and _BLOCK in df.columns else {}
    # few parts (a CSV file, which Spark never splits; a Parquet file of one or two row
    # groups) leave cores idle, and parts of unequal size leave them idle at the end: the
    # rows are first dealt out in turn into PARTS_PER_CORE parts per core. Rows keep their
    # names (their place was taken as they were read) and partial scorecards merge in any
    # order, so the audit is the same.
    parts_wanted = PARTS_PER_CORE * rows.sparkSession.sparkContext.defaultParallelism
    if rows.rdd.getNumPartitions() < parts_wanted:
        rows = rows.repartition(parts_wanted)
    linter = Linter(project=project)  # the driver's: the names, defaults and targets
    parts = rows.mapInPandas(
        _parts_function(project, by, fields, labels or {}, numbers, show_text, max_listed),
        _PARTS_SCHEMA).persist(StorageLevel.DISK_ONLY)
    try:
        # every task runs now, side by side, into the cache: toLocalIterator alone would
        # compute one partition after another, on one core
        parts.count()
        partial = new_partial(linter, by, keep_texts=False, max_listed=max_listed)
        for row in parts.where(F.col("partial").isNotNull()).select("partial").toLocalIterator():
            partial.merge(pickle.loads(row["partial"]))
        replies = parts.where(F.col("partial").isNull())
        for (key,), count in _canned(replies, ["grp"]):
            partial.groups[tuple(json.loads(key))].canned_counted = count
        for (month,), count in _canned(replies, ["month"]):
            partial.months[month].canned_counted = count
        for _, count in _canned(replies.withColumn("all", F.lit(1)), ["all"]):
            partial.overall.canned_counted = count
    finally:
        parts.unpersist()
    return partial.finish(linter)


def read_paths(spark: Any, paths: list[Path]) -> Any:
    """A DataFrame of the rows of Parquet, CSV and JSON Lines files (all of one kind),
    with each row's file, block and position as read (to name rows without an id)."""
    from pyspark.errors import AnalysisException
    from pyspark.sql import functions as F

    kinds = {path.suffix.lower() for path in paths}
    if len(kinds) != 1 or not kinds <= {".parquet", ".csv", ".jsonl"}:
        raise UsageError("--engine spark reads Parquet, CSV or JSON Lines files, all of "
                         "one kind: " + ", ".join(sorted(kinds)))
    kind = kinds.pop()
    names = [str(path) for path in paths]
    try:
        if kind == ".parquet":
            df = spark.read.parquet(*names)
        elif kind == ".csv":
            df = (spark.read.option("header", True).option("multiLine", True)
                  .option("escape", '"').csv(names))
        else:
            df = spark.read.option("primitivesAsString", True).json(names)
    except AnalysisException as error:
        raise UsageError(f"Spark cannot read {', '.join(names)}: "
                         f"{str(error).splitlines()[0]}") from None
    return df.select("*", F.col("_metadata.file_path").alias(_SOURCE),
                     F.col("_metadata.file_block_start").alias(_BLOCK),
                     F.monotonically_increasing_id().alias(_POS))


def audit_paths(paths: list[Path], labels: list[str], project: "Project", *,
                master: str | None = None, log: Path | None = None, **options: Any) -> Audit:
    """The audit of files with Spark (see :func:`audit_dataframe` for ``options``, and
    :func:`session` for ``master`` and ``log``)."""
    spark = session(master, log)
    df = read_paths(spark, paths)
    return audit_dataframe(df, project, labels=file_labels(paths, labels), **options)


def file_labels(paths: Iterable[Path], labels: Iterable[str]) -> dict[str, str]:
    """How Spark names each file (``_metadata.file_path``) -> its label in the report."""
    uris = {}
    for path, label in zip(paths, labels):
        full = path.resolve()  # as Spark may write it: file:/a/b, file:///a/b
        uris.update({full.as_uri(): label, f"file:{full}": label, str(full): label})
    return uris
