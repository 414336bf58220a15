"""Exports as tables: which column holds what, and batches of rows for the linter.

An export may name its columns otherwise than brandvoice does (``body`` for ``text``,
``ticket`` for ``id``): a :class:`Columns` mapping says which column holds each field.
:func:`rows_of` turns a batch of rows (a pandas DataFrame or an Arrow record batch) into
the mappings the linter reads, every value as text (None when missing), the same way in
every engine. :func:`read_table` reads a Parquet, CSV or JSON Lines file in batches with
Arrow, for the one-process audit of a Parquet file or of an export whose columns are
mapped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from ..errors import UsageError

#: The fields of an export row, each read from the column of its name unless mapped.
FIELDS = ("text", "id", "department", "channel", "context", "created_at", "author",
          "in_reply_to", "in_reply_to_created_at", "customer")
#: Table files the audit reads as tables.
TABLE_SUFFIXES = (".parquet", ".csv", ".jsonl")
#: Rows per batch read from a table file.
BATCH_ROWS = 4096


@dataclass(frozen=True)
class Columns:
    """Which column of the export holds each field (``{"text": "body"}``); a field not
    mapped is read from the column of its own name, when there is one."""

    mapping: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        unknown = [name for name in self.mapping if name not in FIELDS]
        if unknown:
            raise UsageError(f"cannot map {', '.join(unknown)}: the fields are "
                             f"{', '.join(FIELDS)}")

    def column(self, name: str) -> str:
        return self.mapping.get(name, name)

    def selected(self, available: Iterable[str], where: str = "the export") -> dict[str, str]:
        """Field -> column for the columns ``available``; a mapped column that is not
        there (or no text column) raises a :class:`UsageError` naming it."""
        available = list(available)
        for name, column in self.mapping.items():
            if column not in available:
                raise UsageError(
                    f"{where} has no column '{column}' (given with --{option(name)}); its "
                    f"columns are: {', '.join(available) or 'none'}")
        if self.column("text") not in available:
            raise UsageError(
                f"{where} has no column 'text' (the replies' text): name the column that "
                f"holds it with --text-column; its columns are: {', '.join(available) or 'none'}")
        return {name: self.column(name) for name in FIELDS if self.column(name) in available}


def option(name: str) -> str:
    """The command-line option that maps ``name`` (``text`` -> ``text-column``,
    ``created_at`` -> ``date-column``)."""
    name = name.replace("created_at", "date")
    return f"{name.replace('_', '-')}-column"


def as_text(value: Any) -> str | None:
    """A cell as text, the same whatever read it: None for a missing value."""
    if value is None:
        return None
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="surrogateescape")
    if hasattr(value, "isoformat"):  # pandas' Timestamp
        return value.isoformat()
    return str(value)


def rows_of(batch: Any, fields: Mapping[str, str], source: str | None = None,
            sources: Iterable[str | None] | None = None, csv: bool = False
            ) -> Iterator[dict[str, Any]]:
    """The rows of ``batch`` (a pandas DataFrame or an Arrow record batch or table) as
    the mappings the linter reads: each field of ``fields`` (field -> column) as text,
    ``source`` (or one per row in ``sources``) as the row's file. In a CSV file a missing
    text is an empty one (CSV cannot tell them apart)."""
    if hasattr(batch, "to_pylist"):  # Arrow
        columns = {name: batch.column(column).to_pylist() for name, column in fields.items()}
        count = batch.num_rows
    else:  # pandas
        columns = {name: batch[column].tolist() for name, column in fields.items()}
        count = len(batch)
    sources = iter(sources) if sources is not None else None
    for index in range(count):
        row = {name: as_text(values[index]) for name, values in columns.items()}
        row["source"] = next(sources) if sources is not None else source
        if row.get("text") is None and csv:
            row["text"] = ""
        yield row


def numbered(rows: Iterable[dict[str, Any]], first: int = 1) -> Iterator[dict[str, Any]]:
    """Rows without an id get ``FILE#N``, N their number in the file, as the collection
    reader names them."""
    for number, row in enumerate(rows, start=first):
        if row.get("id") is None:
            row["id"] = f"{row.get('source')}#{number}"
        yield row


def read_table(path: Path, label: str, columns: Columns,
               batch_rows: int = BATCH_ROWS) -> Iterator[dict[str, Any]]:
    """The rows of a Parquet, CSV or JSON Lines file, read with Arrow in batches of
    ``batch_rows`` (a Parquet file of a billion rows never is in memory at once)."""
    from ..extras import require

    require("spark")
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.json as pa_json
    import pyarrow.parquet as pq

    suffix = path.suffix.lower()
    try:
        if suffix == ".parquet":
            parquet = pq.ParquetFile(path)
            fields = columns.selected(parquet.schema_arrow.names, label)
            batches: Iterable[Any] = parquet.iter_batches(batch_size=batch_rows,
                                                          columns=list(set(fields.values())))
        elif suffix == ".csv":
            names = pa_csv.open_csv(path, read_options=pa_csv.ReadOptions(
                block_size=1 << 20)).schema.names
            fields = columns.selected(names, label)
            table = pa_csv.read_csv(
                path, parse_options=pa_csv.ParseOptions(newlines_in_values=True),
                convert_options=pa_csv.ConvertOptions(
                    column_types={name: pa.string() for name in names},
                    strings_can_be_null=False))
            batches = table.to_batches(max_chunksize=batch_rows)
        elif suffix == ".jsonl":
            table = pa_json.read_json(path)
            fields = columns.selected(table.schema.names, label)
            batches = table.to_batches(max_chunksize=batch_rows)
        else:
            raise UsageError(f"{label}: cannot read a {suffix or 'file without a suffix'} "
                             f"file as a table (use {', '.join(TABLE_SUFFIXES)})")
    except (pa.ArrowInvalid, OSError) as error:
        raise UsageError(f"cannot read {label}: {error}") from None

    def rows() -> Iterator[dict[str, Any]]:
        for batch in batches:
            yield from rows_of(batch, fields, label, csv=suffix == ".csv")

    return numbered(rows())
