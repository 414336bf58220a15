"""brandvoice audit on Apache Spark (local[2], the real Spark): the same scorecards as one
process and as --jobs, field by field; bad rows reported as one process reports them; a
missing column named; the mapInPandas function for a job of one's own."""

from __future__ import annotations

import json

import pytest

from brandvoice import Linter
from brandvoice.audit import run_audit
from brandvoice.drafts import read_file
from brandvoice.engines.rows import Columns, read_table
from brandvoice.errors import UsageError

from .test_audit import export  # noqa: F401 - the fixture: the shared export and project

pytestmark = pytest.mark.xdist_group("spark")

#: Replies that answer customers' messages: response times, one message left
#: unanswered, the same reply sent to two customers, a reply dated before the message.
KPI_ROWS = [
    {"id": "k1", "department": "support", "created_at": "2026-01-05T10:30:00Z",
     "in_reply_to": "Where is my order?", "in_reply_to_created_at": "2026-01-05T10:00:00Z",
     "text": "@cust1 Sorry for the wait, please DM us your order number."},
    {"id": "k2", "department": "support", "created_at": "2026-01-05T12:00:00Z",
     "in_reply_to": "My order is late", "in_reply_to_created_at": "2026-01-05T11:00:00Z",
     "text": "@cust2 Sorry for the wait! Please DM us your order number -KC"},
    {"id": "k3", "department": "support", "created_at": "2026-01-07T09:00:00Z",
     "in_reply_to": "Still nothing", "in_reply_to_created_at": "2026-01-05T09:00:00Z",
     "text": "@cust1 sorry for the wait, please DM us your order number."},
    {"id": "k4", "department": "marketing", "in_reply_to": "Hello? Anyone there?",
     "in_reply_to_created_at": "2026-01-06T08:00:00Z"},
    {"id": "k5", "department": "marketing", "created_at": "2026-01-06T08:00:00Z",
     "in_reply_to": "It broke", "in_reply_to_created_at": "2026-01-06T09:00:00Z",
     "text": "Thanks, we will look into it today."},
    {"id": "k6", "department": "marketing", "created_at": "2026-02-01",
     "in_reply_to": "Help", "in_reply_to_created_at": "soon",
     "text": "We guarantee a fix by Friday, guys."},
]


def _write_kpis(folder) -> None:
    from .test_audit import ROWS

    rows = [*KPI_ROWS, *({"id": r[0], "department": r[1], "channel": r[2],
                          "created_at": r[3], "text": r[4]} for r in ROWS)]
    (folder / "kpis.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows),
                                       encoding="utf-8")


def _spark_audit(spark, folder, name, partitions, **options):
    from brandvoice.engines.spark import audit_dataframe, file_labels, read_paths

    path = folder / name
    df = read_paths(spark, [path])
    if partitions:
        df = df.repartition(partitions)  # several partial scorecards to merge
    linter = Linter.from_config(folder / "brandvoice.yaml")
    return audit_dataframe(df, linter.project, labels=file_labels([path], [name]), **options)


def _same(one: dict, other: dict) -> None:
    """Field by field, so that a difference names its field."""
    assert one.keys() == other.keys()
    for key in one:
        if key == "groups":
            assert len(one[key]) == len(other[key])
            for mine, theirs in zip(one[key], other[key]):
                for field in mine:
                    assert mine[field] == theirs[field], (key, mine.get("department"), field)
        else:
            assert one[key] == other[key], key


@pytest.mark.parametrize("by", [("department",), ("department", "month")])
def test_spark_one_process_and_jobs_give_the_same_scorecards(spark, export, by,  # noqa: F811
                                                               monkeypatch):
    monkeypatch.chdir(export)
    _write_kpis(export)
    linter = Linter.from_config(export / "brandvoice.yaml")
    one = run_audit(linter, read_file(export / "kpis.jsonl", "kpis.jsonl"), by=by).to_dict()
    jobs = run_audit(linter, read_file(export / "kpis.jsonl", "kpis.jsonl"), by=by,
                     jobs=2).to_dict()
    on_spark = _spark_audit(spark, export, "kpis.jsonl", 3, by=by).to_dict()
    _same(one, jobs)
    _same(one, on_spark)
    support = next(g for g in one["groups"] if g["department"] == "support")
    if by == ("department",):  # the KPIs are there, as a care lead reads them
        times = support["response_time"]  # 30 min, 1 h, 2 days; within 0.5 %
        assert times["n"] == 3
        assert times["median_seconds"] == pytest.approx(3600, rel=0.005)
        assert times["p90_seconds"] == pytest.approx(172800, rel=0.005)
        assert support["canned"] == {"replies": 3, "share": 0.5}  # k1-k3 of 6: two customers
        marketing = next(g for g in one["groups"] if g["department"] == "marketing")
        assert marketing["unanswered"] == {"messages": 3, "unanswered": 1, "share": 0.333}
        assert one["overall"]["unanswered"]["unanswered"] == 1


def test_bad_rows_are_reported_as_in_one_process(spark, export):  # noqa: F811
    linter = Linter.from_config(export / "brandvoice.yaml")
    one = run_audit(linter, read_file(export / "export.csv", "export.csv"), by=["month"])
    on_spark = _spark_audit(spark, export, "export.csv", 0, by=["month"])
    listed = [(row.id, row.source, row.problem) for row in on_spark.bad_rows]
    assert listed == [(row.id, row.source, row.problem) for row in one.bad_rows]
    assert ("r6", "export.csv", "date not understood: 'yesterday'") in listed
    assert ("r7", "export.csv", "this draft is empty: there is no text to check") in listed
    assert on_spark.to_dict() == one.to_dict()


def test_a_missing_column_is_named_before_anything_runs(spark, export):  # noqa: F811
    from brandvoice.engines.spark import audit_dataframe, read_paths

    df = read_paths(spark, [export / "export.csv"])
    linter = Linter.from_config(export / "brandvoice.yaml")
    with pytest.raises(UsageError) as error:
        audit_dataframe(df, linter.project, columns={"text": "body"})
    assert str(error.value).startswith(
        "the export has no column 'body' (given with --text-column); its columns are: id, "
        "department, channel, created_at, text")


def test_map_in_pandas_gives_each_reply_its_result(spark, export):  # noqa: F811
    from brandvoice.engines.spark import RESULT_SCHEMA, results_function

    linter = Linter.from_config(export / "brandvoice.yaml")
    df = spark.createDataFrame([("a1", "support", "We guarantee it, guys."),
                                ("a2", "marketing", "Thanks for waiting.")],
                               "ticket string, team string, body string")
    function = results_function(linter.project, {"id": "ticket", "department": "team",
                                                 "text": "body"}, df.columns)
    rows = {row["id"]: row for row in df.mapInPandas(function, RESULT_SCHEMA).collect()}
    for id, text in (("a1", "We guarantee it, guys."), ("a2", "Thanks for waiting.")):
        direct = linter.check(text, department=rows[id]["department"])
        assert rows[id]["score"] == direct.score and rows[id]["passed"] == direct.passed
        assert rows[id]["rules"] == {r: sum(r in f.rules for f in direct.findings)
                                     for f in direct.findings for r in f.rules}
    assert rows["a1"]["rules"] == {"legal.no-guarantees": 1, "hr.no-guys": 1}


def _rows_without_ids(count: int) -> list[dict]:
    """Replies, most without an id; every 7th row empty (a bad row, listed by its id),
    every 11th has an id of its own, the same text sent again and again (canned replies
    are told apart by who they went to: here the reply's own id)."""
    rows = []
    for n in range(1, count + 1):
        row = {"department": "support" if n % 2 else "marketing",
               "text": "" if n % 7 == 0 else f"Thanks for waiting, we will check order {n % 5}."}
        if n % 11 == 0:
            row["id"] = f"own-{n}"
        rows.append(row)
    return rows


@pytest.mark.parametrize("kind", ["jsonl", "parquet"])
def test_rows_without_ids_are_named_by_their_row_in_a_file_spark_splits(spark, export, kind,  # noqa: F811
                                                                         monkeypatch):
    """A file Spark reads in several blocks, its rows shuffled before they are checked:
    every row without an id is still named FILE#N, N its row in the file, as one process
    names it (bad rows, examples and canned replies all depend on those names)."""
    from brandvoice.engines.spark import audit_dataframe, file_labels, read_paths

    monkeypatch.chdir(export)
    rows = _rows_without_ids(600)
    name = f"replies.{kind}"
    if kind == "jsonl":
        (export / name).write_text("".join(json.dumps(r) + "\n" for r in rows),
                                   encoding="utf-8")
        one = run_audit(Linter.from_config(export / "brandvoice.yaml"),
                        read_file(export / name, name), by=["department"])
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist([{"id": r.get("id"), **r} for r in rows])
        pq.write_table(table, export / name, row_group_size=50)
        one = run_audit(Linter.from_config(export / "brandvoice.yaml"),
                        read_table(export / name, name, Columns()), by=["department"])
    saved = {key: spark.conf.get(key) for key in ("spark.sql.files.maxPartitionBytes",
                                                   "spark.sql.files.openCostInBytes")}
    spark.conf.set("spark.sql.files.maxPartitionBytes", "1000")
    spark.conf.set("spark.sql.files.openCostInBytes", "0")
    try:
        df = read_paths(spark, [export / name])
        assert df.rdd.getNumPartitions() > 3  # the file is read in several blocks
        df = df.repartition(3)  # and its rows are checked in another order
        linter = Linter.from_config(export / "brandvoice.yaml")
        on_spark = audit_dataframe(df, linter.project, by=["department"],
                                   labels=file_labels([export / name], [name]))
    finally:
        for key, value in saved.items():
            spark.conf.set(key, value)
    listed = [(row.id, row.problem) for row in on_spark.bad_rows]
    assert listed == [(row.id, row.problem) for row in one.bad_rows]
    assert (f"{name}#7", "this draft is empty: there is no text to check") in listed
    assert (f"{name}#595", "this draft is empty: there is no text to check") in listed
    assert on_spark.to_dict() == one.to_dict()
