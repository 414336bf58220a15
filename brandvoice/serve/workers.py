"""Checks of ``brandvoice serve`` in worker processes, so that one slow request does not
hold the others.

A check is CPU-bound Python (spaCy and the rules hold the GIL), so threads would still run
one check at a time: each worker is a process with its own linter. A request takes an idle
worker (waiting at most ``wait`` seconds, else :class:`Busy`: HTTP 503 with Retry-After),
sends it the job and waits at most ``budget`` seconds for the answer; a worker over the
budget is stopped and replaced, and the request gets :class:`OverBudget` (503 too).

On Linux the workers start as copies of the server (fork), with its rules compiled and
its pipeline loaded; elsewhere each builds its linter from the project.
"""

from __future__ import annotations

import multiprocessing
import queue
import signal
import threading
from typing import TYPE_CHECKING, Any

from ..parallel import start_method

if TYPE_CHECKING:
    from ..lint import Linter

#: Seconds a new worker may take to load its linter (spawn only; a fork is ready at once).
STARTUP = 300.0


class Busy(Exception):
    """Every worker stayed busy for the whole wait (HTTP 503, Retry-After)."""

    def __init__(self, message: str, retry_after: int):
        super().__init__(message)
        self.retry_after = retry_after


class OverBudget(Busy):
    """A check took longer than its budget and was stopped (HTTP 503, Retry-After)."""


class WorkerDied(RuntimeError):
    """A worker process ended in the middle of a check (its traceback is on stderr)."""


#: A short reply with a bit of everything a check reads, checked once by each new worker.
WARM_UP = ("Hi Sam, we're so sorry your order hasn't arrived. Please send us a DM with "
           "your order number and we'll look into it right away.")


def _serve(conn, server_end, linter: "Linter | None", project: Any) -> None:
    """A worker's loop: jobs in, answers out, until the server closes the pipe or ends."""
    from .service import Checker

    if server_end is not None:  # a fork holds the server's end too: the pipe must end
        server_end.close()      # when the server does, however it ends
    # Ctrl+C in the terminal reaches the whole process group: the server stops its workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if linter is None:
        from ..lint import Linter

        linter = Linter(project=project)
    checker = Checker(linter)
    # Data the checks and the report's measures load on first use (syllable counts,
    # inflections, hyphenation) is loaded now, before the worker says it is ready: else the
    # first request it gets pays for it against its budget and holds the worker long
    # enough to turn others away. So the warm-up goes the way a request goes.
    checker.check({"text": WARM_UP})
    try:
        conn.send("ready")
        while True:
            method, args, kwargs = conn.recv()
            conn.send(getattr(checker, method)(*args, **kwargs))
    except (EOFError, ConnectionResetError, BrokenPipeError):
        return  # the server closed the pipe, or ended: so does its worker


class Worker:
    """One worker process and the pipe to it."""

    def __init__(self, linter: "Linter", generation: int, method: str):
        context = multiprocessing.get_context(method)
        self.conn, theirs = context.Pipe()
        fork = method == "fork"
        self.process = context.Process(  # a fork has the linter as it is, loaded
            target=_serve, daemon=True, name="brandvoice-check",
            args=(theirs, self.conn if fork else None, linter if fork else None,
                  linter.project))
        self.process.start()
        theirs.close()
        self.generation = generation
        self.ready = False

    def started(self) -> bool:
        """Wait until the worker has loaded what it checks with; False if it never did."""
        if not self.ready:
            if not self.conn.poll(STARTUP):
                return False
            self._receive()
            self.ready = True
        return True

    def call(self, method: str, args: tuple, kwargs: dict, budget: float) -> Any:
        """The answer of ``method``; None when it took over ``budget`` seconds."""
        if not self.started():
            return None
        self.conn.send((method, args, kwargs))
        if not self.conn.poll(budget):
            return None
        return self._receive()

    def _receive(self) -> Any:
        try:
            return self.conn.recv()
        except EOFError:
            self.process.join()
            raise WorkerDied(f"a check process ended with exit code {self.process.exitcode} "
                             "in the middle of a check") from None

    def stop(self) -> None:
        self.conn.close()
        self.process.kill()
        self.process.join()


class Workers:
    """``size`` worker processes, each checking one request at a time."""

    def __init__(self, linter: "Linter", size: int, *, budget: float, wait: float,
                 method: str | None = None):
        self.size = size
        self.budget = budget
        self.wait = wait
        self.method = method or start_method()
        self._linter = linter
        self._generation = 0
        self._lock = threading.Lock()
        self._idle: queue.Queue[Worker] = queue.Queue()
        started = [self._start() for _ in range(size)]
        for worker in started:  # the service answers once its first workers are ready:
            worker.started()    # else the first requests wait for them within their budget
            self._idle.put(worker)

    def _start(self) -> Worker:
        return Worker(self._linter, self._generation, self.method)

    def renew(self, linter: "Linter") -> None:
        """Check with ``linter`` from now on: each worker is replaced when it is next free."""
        with self._lock:
            self._linter = linter
            self._generation += 1

    def busy(self) -> int:
        """Workers checking a request now."""
        return self.size - self._idle.qsize()

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """``method`` of a worker's :class:`~.service.Checker` called with ``args``."""
        try:
            worker = self._idle.get(timeout=self.wait)
        except queue.Empty:
            raise Busy(f"every checker is busy with other requests (waited {self.wait:g} s); "
                       "try again shortly", retry_after=max(1, round(self.wait))) from None
        replacement = worker
        try:
            with self._lock:
                if worker.generation != self._generation:  # the config was reloaded
                    worker.stop()
                    worker = replacement = self._start()
            answer = worker.call(method, args, kwargs, self.budget)
            if answer is None:
                worker.stop()
                with self._lock:
                    replacement = self._start()
                raise OverBudget(
                    f"this request took over {self.budget:g} s to check, the most one request "
                    "may take, and was stopped; send a shorter text or fewer drafts at once",
                    retry_after=max(1, round(self.wait)))
            return answer
        except WorkerDied:
            worker.stop()
            with self._lock:
                replacement = self._start()
            raise
        finally:
            self._idle.put(replacement)

    def close(self) -> None:
        while True:
            try:
                self._idle.get_nowait().stop()
            except queue.Empty:
                return
