"""``--jobs N``: check batches of drafts in worker processes, results in input order.

The parent reads and prepares the drafts (ids, metadata, problems) exactly as one
process would, sends each batch to a worker, and gives the results back in the order
the drafts came in. On Linux the workers start as copies of the parent (fork), with its
rules already compiled and its pipeline loaded; elsewhere each worker builds its own
linter from the project once.

A worker sees a copy of each draft without the link to its file (which cannot be sent
between processes); the parent then places the findings in the file (line, column,
fixes as written there), as one process would have.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .config import INPUT_RULE, SUPPRESSION_RULE
from .drafts import Draft
from .kinds.base import replace_places
from .lint import file_order
from .metrics import Measures
from .result import Result

if TYPE_CHECKING:
    from .config import Project
    from .lint import Linter

#: The linter of a worker process.
_linter: "Linter | None" = None


def _start(project: "Project") -> None:
    """A spawned worker builds its linter once."""
    global _linter
    from .lint import Linter

    _linter = Linter(project=project)


def _check(batch: list[Draft], metrics: bool) -> list[Result]:
    assert _linter is not None
    results = list(_linter.check_batch(batch))
    for result in results:
        if metrics:
            result.metrics  # noqa: B018 - computed here, in the worker
        result.text = ""  # the parent has the text: not sent back
        if isinstance(result._measure, Measures):
            result._measure.text = ""
    return results


def _placed(draft: Draft, result: Result) -> Result:
    result.text = draft.text
    if isinstance(result._measure, Measures):
        result._measure.text = draft.text
    if draft.locator is None and draft.encode is None:
        return result
    result.findings = sorted(
        (f if f.rule in (INPUT_RULE, SUPPRESSION_RULE) else replace_places(f, draft)
         for f in result.findings), key=file_order)
    return result


def start_method() -> str:
    """fork on Linux (workers inherit the compiled rules); spawn elsewhere, where forking
    a process that has loaded system frameworks is not safe (macOS) or possible (Windows)."""
    return "fork" if sys.platform.startswith("linux") else "spawn"


def in_workers(linter: "Linter", batches: Iterable[list], jobs: int, work: Callable,
               *args: Any, method: str | None = None) -> Iterator[tuple[list, Any]]:
    """Each of ``batches`` with what ``work(batch, *args)`` gives for it in one of ``jobs``
    worker processes (whose linter is :data:`_linter`), in the order the batches came in.

    At most two batches per worker are in flight, so memory stays bounded however many
    come in.
    """
    global _linter
    method = method or start_method()
    context = multiprocessing.get_context(method)
    if method == "fork":
        _linter = linter
        pool = context.Pool(jobs)
    else:
        pool = context.Pool(jobs, initializer=_start, initargs=(linter.project,))
    pending: deque = deque()
    try:
        for batch in batches:
            # Drafts are pickled without their link to the file (Draft.__getstate__).
            pending.append((batch, pool.apply_async(work, (batch, *args))))
            if len(pending) >= 2 * jobs:
                batch, waiting = pending.popleft()
                yield batch, waiting.get()
        while pending:
            batch, waiting = pending.popleft()
            yield batch, waiting.get()
        pool.close()
        pool.join()
    finally:
        pool.terminate()
        if method == "fork":
            _linter = None


def check_in_workers(linter: "Linter", batches: Iterable[list[Draft]], jobs: int, *,
                     metrics: bool = False, method: str | None = None) -> Iterator[Result]:
    """Results of ``batches`` of prepared drafts, checked by ``jobs`` processes."""
    for batch, results in in_workers(linter, batches, jobs, _check, metrics, method=method):
        yield from map(_placed, batch, results)


def linter_of_worker() -> "Linter":
    """The linter of this worker process (for the work :func:`in_workers` runs)."""
    assert _linter is not None
    return _linter
