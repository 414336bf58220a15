"""The service behind ``brandvoice serve``: the project, loaded once, and checks run by
worker processes that each have its linter (:mod:`.workers`), so one slow request does
not hold the others.

The HTTP layer (:mod:`.app`) only parses requests and shapes responses; what a check,
a fix or a rule listing returns is decided here (:class:`Checker`), over the library.

With ``reload=True`` the config, persona and rulebook files are watched (their times and
sizes, looked at most once a second, when a request comes): when one changes the project
is loaded again, and if the new one is invalid the last good one stays in use and the
error is kept for ``/healthz`` and the web checker to show.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from typing import Any, Callable, Mapping

from ..catalog import find, listed
from ..config import Project, signature
from ..config.names import KINDS
from ..errors import ConfigError, UsageError
from ..fix import fix_text
from ..lint import Linter
from ..persona.channels import profiles, units
from ..politeness import read_politeness
from ..report import summarize
from ..result import Result
from ..social import read_social
from .workers import Busy, Workers

#: Seconds between two looks at the watched files.
RELOAD_INTERVAL = 1.0
#: Worker processes checking requests side by side.
WORKERS = 2
#: Seconds one request may be checked for before it is stopped (HTTP 503).
BUDGET = 30.0
#: Seconds a request may wait for a free worker before it is turned away (HTTP 503).
WAIT = 10.0


class TooLarge(Exception):
    """A text or batch over the service's limits (HTTP 413)."""


class Service:
    """A loaded project and what requests can ask of it.

    Checks run in ``workers`` processes (see :mod:`.workers`): a request waits at most
    ``wait`` seconds for a free one and may take at most ``budget`` seconds, else
    :class:`~.workers.Busy` (HTTP 503). ``workers=0`` checks in this process, one request
    at a time (a check cannot be stopped there: ``budget`` does not apply).
    """

    def __init__(self, load: Callable[[], Project], *, reload: bool = False,
                 max_batch: int = 1000, workers: int = WORKERS, budget: float = BUDGET,
                 wait: float = WAIT):
        self._load = load
        self.reload = reload
        self.max_batch = max_batch
        self.wait = wait
        self._lock = threading.Lock()  # one check at a time here: the pipeline is shared
        self._reloading = threading.Lock()
        self.linter = Linter(project=load())
        self.workers = Workers(self.linter, workers, budget=budget, wait=wait) \
            if workers else None
        self.loaded_at = time.time()
        #: The last reload's error (the last good config stays in use), or None.
        self.config_error: str | None = None
        self._seen = signature(self.watched())
        self._looked = time.monotonic()

    # --- the config ------------------------------------------------------------------

    @property
    def project(self) -> Project:
        return self.linter.project

    def watched(self) -> list[Path]:
        """The files the project was loaded from (not the built-in packs)."""
        return self.project.files()

    def due(self) -> bool:
        """Whether it is time to look at the watched files again (with ``reload``)."""
        return self.reload and time.monotonic() - self._looked >= RELOAD_INTERVAL

    def refresh(self, *, force: bool = False) -> None:
        """Load the project again if a watched file changed (with ``reload``). The new
        project is built while checks go on with the old one, then swapped in."""
        if not self.reload or not (force or self.due()):
            return
        self._looked = time.monotonic()
        if signature(self.watched()) == self._seen:
            return
        with self._reloading:
            seen = signature(self.watched())
            if seen == self._seen:
                return  # another request reloaded it meanwhile
            self._seen = seen
            try:
                linter = Linter(project=self._load())
            except (ConfigError, UsageError) as error:
                self.config_error = str(error)
                return
            with self._lock:
                self.linter = linter
            if self.workers is not None:
                self.workers.renew(linter)
            self.loaded_at = time.time()
            self.config_error = None
            self._seen = signature(self.watched())  # the new project may watch other files

    # --- checks ----------------------------------------------------------------------

    def _limit(self, text: str, where: str = "text") -> None:
        longest = self.linter.config.max_draft_length
        if len(text) > longest:
            raise TooLarge(f"{where} is {len(text):,} characters long; the longest draft "
                           f"checked is {longest:,} (max_draft_length in the config)")

    def length(self, text: str, channel: str | None) -> dict[str, Any]:
        """The draft's length as its channel counts it, and the channel's limit."""
        return Checker(self.linter).length(text, channel)

    def _run(self, method: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """``method`` of a :class:`Checker`: in a worker process, or here, one at a time."""
        if self.workers is not None:
            return self.workers.call(method, *args, **kwargs)
        if not self._lock.acquire(timeout=self.wait):
            raise Busy(f"the checker is busy with other requests (waited {self.wait:g} s); "
                       "try again shortly", retry_after=max(1, round(self.wait)))
        try:
            return getattr(Checker(self.linter), method)(*args, **kwargs)
        finally:
            self._lock.release()

    def check(self, draft: Mapping[str, Any]) -> dict[str, Any]:
        """One draft (``text`` and its metadata) -> the draft object of the JSON report,
        with ``channel_length``."""
        self._limit(draft["text"])
        return self._run("check", self._named(draft))

    def check_many(self, drafts: list[Mapping[str, Any]], **metadata: str | None
                   ) -> dict[str, Any]:
        """Many drafts -> the JSON report document (``version``, ``summary``, ``drafts``)."""
        if len(drafts) > self.max_batch:
            raise TooLarge(f"{len(drafts):,} drafts in one request; at most {self.max_batch:,}"
                           " are checked at once: send them in several requests")
        for number, draft in enumerate(drafts, start=1):
            self._limit(draft["text"], f"draft {number}")
        metadata = self.linter.names.resolve_all(metadata)
        return self._run("check_many", [dict(d) for d in drafts], **metadata)

    def _named(self, draft: Mapping[str, Any]) -> dict[str, Any]:
        """The draft with its channel, department and context spelled as the project
        knows them; UnknownName (a 422 answer) for a name it does not know."""
        named = dict(draft)
        named.update(self.linter.names.resolve_all(
            {kind: draft.get(kind) for kind in KINDS}))
        return named

    def fix(self, draft: Mapping[str, Any]) -> dict[str, Any]:
        """Apply every safe fix until none applies -> the fixed text, how many fixes were
        applied, and the draft object of what remains."""
        self._limit(draft["text"])
        return self._run("fix", self._named(draft))

    def close(self) -> None:
        """Stop the worker processes."""
        if self.workers is not None:
            self.workers.close()

    # --- what is loaded --------------------------------------------------------------

    def rules(self) -> list[dict[str, Any]]:
        return [entry.to_dict() for entry in listed(self.project)]

    def rule(self, rule_id: str) -> dict[str, Any]:
        """One rule; a UsageError naming the closest ids when there is none."""
        return find(self.project, rule_id).to_dict()

    def options(self) -> dict[str, Any]:
        """What the web checker offers: channels with their limits, departments and
        contexts the config knows, and its defaults."""
        linter = self.linter
        persona = linter.persona
        config = linter.config
        names = linter.names
        limits = profiles(persona.channels if persona else {})
        channels = {name: limits.get(name.lower()) for name in names.known("channel")}
        departments = names.known("department")
        contexts = names.known("context")
        return {
            "persona": persona.name if persona else None,
            "channels": {name: {"limit": p.max_length if p else None,
                                "counted_as": p.count if p else "characters"}
                         for name, p in channels.items()},
            "departments": list(departments),
            "contexts": contexts,
            "defaults": config.defaults.model_dump(exclude_none=True),
            "max_draft_length": config.max_draft_length,
        }

    def health(self) -> dict[str, Any]:
        return {
            "status": "ok" if self.config_error is None else "config-error",
            "config": str(self.project.path) if self.project.path else None,
            "rules": len(self.project.rules),
            "pipeline": "statistical" if self.linter.needs.tags else "fast",
            "loaded_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(self.loaded_at)),
            "reload": self.reload,
            "config_error": self.config_error,
            "workers": self.workers.size if self.workers is not None else 0,
        }


class Checker:
    """What a check, a batch or a fix answers, over one linter: the server's own, or a
    worker process's (see :mod:`.workers`). Answers are plain JSON data."""

    def __init__(self, linter: Linter):
        self.linter = linter

    def length(self, text: str, channel: str | None) -> dict[str, Any]:
        """The draft's length as its channel counts it, and the channel's limit."""
        linter = self.linter
        channel = channel or linter.config.defaults.channel
        persona = linter.persona
        profile = profiles(persona.channels if persona else {}).get((channel or "").lower())
        if profile is None:
            return {"characters": len(text), "limit": None, "counted_as": "characters"}
        counted = sum(weight for _, _, weight in units(text, profile.count))
        return {"characters": counted, "limit": profile.max_length,
                "counted_as": profile.count}

    def _draft(self, result: Result, text: str) -> dict[str, Any]:
        data = result.to_dict()
        data["channel_length"] = self.length(text, result.channel)
        reading = read_politeness(read_social(text).prose)
        data["tone"] = reading.to_dict() if reading is not None else None
        return data

    def check(self, draft: dict[str, Any]) -> dict[str, Any]:
        linter = self.linter
        result = linter.check_many([draft])[0]
        return self._draft(result, draft["text"])

    def check_many(self, drafts: list[dict[str, Any]], **metadata: str | None
                   ) -> dict[str, Any]:
        results = self.linter.check_many(drafts, **metadata)
        return {"version": 1, "summary": summarize(results),
                "drafts": [self._draft(r, d["text"]) for r, d in zip(results, drafts)]}

    def fix(self, draft: dict[str, Any]) -> dict[str, Any]:
        text = draft["text"]
        metadata = {k: draft.get(k) for k in ("channel", "department", "context")}
        outcome = fix_text(self.linter, text, "<text>", **metadata)
        [result] = outcome.results
        remaining = self._draft(result, outcome.text)
        remaining["id"] = draft.get("id") or "draft-1"
        remaining["source"] = None
        return {"text": outcome.text, "changed": outcome.text != text,
                "applied": outcome.applied, "settled": outcome.settled, "draft": remaining}
