"""Where an audit runs: one process, worker processes (``--jobs``) or Apache Spark.

Every engine goes through the same core (:mod:`brandvoice.audit`): each row of an export
becomes an :class:`~brandvoice.audit.Audited` record, added to an
:class:`~brandvoice.audit.AuditPartial` (counts, sums and bounded histograms); partials
of parts of the export merge into the audit of the whole, in any order. So the engines
give the same scorecards.

- :mod:`brandvoice.engines.rows`: exports as tables (Parquet, CSV, JSON Lines) read in
  batches, with a column mapping, and a batch of rows (a pandas DataFrame or an Arrow
  record batch) turned into rows for the linter;
- :mod:`brandvoice.engines.spark`: the audit of a Spark DataFrame, and functions ready for
  ``mapInPandas`` (needs the ``spark`` extra).
"""
