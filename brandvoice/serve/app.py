"""The HTTP face of :class:`~.service.Service`: a FastAPI app (its OpenAPI document at
``/openapi.json``) and the web checker at ``/``.

Errors are JSON with a ``message`` a person can read: 413 for a body, text or batch over
the limits, 422 for a body that is not JSON or not the right shape (``detail`` lists each
problem with where it is), 404 for an unknown rule; a malformed request never gets a 500.
"""

from __future__ import annotations

from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from .. import __version__
from ..errors import UnknownName, UsageError
from .models import DraftIn, DraftOut, FixedOut, ManyIn, Problem, ReportOut
from .service import Service, TooLarge
from .workers import Busy

#: The largest request body read, in bytes (``--max-bytes``).
MAX_BYTES = 1_000_000


_EXAMPLE = '{"text": "Thanks for waiting!"}'
_SURROGATE = ("it has a lone surrogate (an escape such as \\ud800 without its pair); send "
              "text as UTF-8")


def _unparsed(error: HTTPException) -> str | None:
    """Why the body could not be parsed, when its JSON reader stopped on it (FastAPI
    answers those 400, "There was an error parsing the body"), else None."""
    cause = error.__cause__
    if isinstance(cause, RecursionError):
        return "the body is not valid JSON (nested too deeply)"
    if isinstance(cause, UnicodeDecodeError):
        return f"the body is not valid JSON (not UTF-8 text: {cause.reason} at byte " \
               f"{cause.start})"
    return None


def _where(location: tuple) -> str:
    parts = [str(p) for p in location if p != "body"]
    return ".".join(parts) or "the body"


def _explain(error: dict[str, Any]) -> str:
    kind = error.get("type", "")
    where = _where(tuple(error.get("loc", ())))
    if kind == "json_invalid":
        context = error.get("ctx", {}).get("error", "")
        return f"the body is not valid JSON ({context})" if context else \
            "the body is not valid JSON"
    whole = where == "the body"
    if kind == "missing" and whole:
        return f"the body is empty: send a JSON object such as {_EXAMPLE}"
    if kind in ("model_attributes_type", "dict_type") and whole:
        return f"the body must be a JSON object such as {_EXAMPLE}"
    if kind == "missing":
        return f"'{where}' is missing"
    if kind == "extra_forbidden":
        return f"'{where}' is not a field this endpoint knows"
    if kind == "value_error":
        return f"'{where}' {error.get('ctx', {}).get('error', 'is not valid')}"
    if kind == "string_unicode":  # a field name: values are checked by models.Text
        return f"{'a field name' if whole else repr(where)} is not text: {_SURROGATE}"
    return f"'{where}': {error.get('msg', 'not valid')}"


class Gate:
    """ASGI middleware in front of every request: the config is refreshed (with
    ``--reload-config``), and a request body over ``limit`` bytes gets a 413, whether it
    says its length or streams it. The body is read here (at most ``limit`` bytes) and
    handed on whole. (A plain ASGI class: Starlette's ``@app.middleware`` costs more per
    request than a check.)"""

    def __init__(self, app, service: Service, limit: int):
        self.app = app
        self.service = service
        self.limit = limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        if self.service.due():  # a reload builds a new linter: not on the event loop
            await anyio.to_thread.run_sync(self.service.refresh)
        if scope["method"] in ("GET", "HEAD", "OPTIONS"):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            return await self._refuse(scope, send)
        chunks, size = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunks.append(message.get("body", b""))
            size += len(chunks[-1])
            if size > self.limit:
                return await self._refuse(scope, send)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        given = False

        async def replay():
            nonlocal given
            if given:
                return await receive()
            given = True
            return {"type": "http.request", "body": body, "more_body": False}

        await self.app(scope, replay, send)

    async def _refuse(self, scope, send):
        response = JSONResponse(status_code=413, content={
            "message": f"the request body is over {self.limit:,} bytes; send less at once"})
        await response(scope, None, send)


_MEDIA = {"html": "text/html", "js": "text/javascript", "css": "text/css",
          "svg": "image/svg+xml"}


def _json(content: dict[str, Any]) -> JSONResponse:
    """A response of plain JSON data, as the library made it (no re-encoding pass)."""
    return JSONResponse(content)


def create_app(service: Service, *, max_bytes: int = MAX_BYTES) -> FastAPI:
    """The app serving ``service``."""
    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        service.close()  # the worker processes end with the server

    app = FastAPI(
        title="brandvoice", version=__version__, lifespan=lifespan,
        # FastAPI's /docs and /redoc pages load their scripts from a CDN: not offline
        docs_url=None, redoc_url=None,
        description="Check draft replies against your brand voice and do's and don'ts "
                    "before they are posted. The draft objects are those of "
                    "`brandvoice check --format json`.")
    # The checker's page, script, styles and icon: a few kB, read once and sent whole
    # (a Range header or an odd path gets no special answer).
    static = {item.name: item.read_bytes()
              for item in (resources.files("brandvoice.serve") / "static").iterdir()
              if item.is_file()}

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError):
        problems = [dict(e) for e in error.errors()]
        for problem in problems:
            problem.pop("input", None)
            problem.pop("url", None)
            problem["ctx"] = {k: str(v) for k, v in (problem.get("ctx") or {}).items()}
        return JSONResponse(status_code=422, content={
            "message": "; ".join(_explain(p) for p in problems), "detail": problems})

    @app.exception_handler(HTTPException)
    async def refused(request: Request, error: HTTPException):
        why = _unparsed(error)
        if why is not None:
            return JSONResponse(status_code=422, content={"message": why})
        message = {404: f"there is nothing at {request.url.path}; the API's paths are in "
                        "/openapi.json",
                   405: f"{request.method} is not allowed on {request.url.path}"}.get(
            error.status_code, str(error.detail))
        return JSONResponse(status_code=error.status_code, content={"message": message},
                            headers=error.headers)

    @app.exception_handler(Busy)
    async def busy(request: Request, error: Busy):
        return JSONResponse(status_code=503, content={"message": str(error)},
                            headers={"Retry-After": str(error.retry_after)})

    @app.exception_handler(TooLarge)
    async def too_large(request: Request, error: TooLarge):
        return JSONResponse(status_code=413, content={"message": str(error)})

    @app.exception_handler(UsageError)
    async def unknown(request: Request, error: UsageError):
        return JSONResponse(status_code=404, content={"message": str(error)})

    @app.exception_handler(UnknownName)
    async def unknown_name(request: Request, error: UnknownName):
        return JSONResponse(status_code=422, content={"message": str(error)})

    errors = {413: {"model": Problem, "description": "A body, text or batch over the limits."},
              422: {"model": Problem, "description": "Not JSON, not the right shape, or a "
                    "channel, department or context the project does not know."},
              503: {"model": Problem, "description": "Every checker stayed busy, or the "
                    "check took too long and was stopped (see Retry-After)."}}

    @app.post("/v1/check", tags=["check"], responses={200: {"model": DraftOut}, **errors},
              summary="Check one draft: its score, findings and metrics")
    def check(draft: DraftIn) -> JSONResponse:
        return _json(service.check(draft.model_dump()))

    @app.post("/v1/check-many", tags=["check"],
              responses={200: {"model": ReportOut}, **errors},
              summary="Check many drafts: the JSON report document")
    def check_many(body: ManyIn) -> JSONResponse:
        return _json(service.check_many([d.model_dump() for d in body.drafts],
                                  channel=body.channel, department=body.department,
                                  context=body.context))

    @app.post("/v1/fix", tags=["check"], responses={200: {"model": FixedOut}, **errors},
              summary="Apply every safe fix: the fixed text and what remains")
    def fix(draft: DraftIn) -> JSONResponse:
        return _json(service.fix(draft.model_dump()))

    @app.get("/v1/rules", tags=["rules"], summary="Every loaded rule")
    def rules() -> dict[str, Any]:
        return {"rules": service.rules()}

    @app.get("/v1/rules/{rule_id}", tags=["rules"],
             responses={404: {"model": Problem, "description": "No rule has this id."}},
             summary="One rule: its kind, severity, owner, message and examples")
    def rule(rule_id: str) -> dict[str, Any]:
        return service.rule(rule_id)

    @app.get("/v1/options", tags=["rules"],
             summary="Channels (with limits), departments and contexts to choose from")
    def options() -> dict[str, Any]:
        return service.options()

    @app.get("/healthz", tags=["service"], summary="Whether the service is up, and its config")
    def health() -> dict[str, Any]:
        return service.health()

    @app.get("/", include_in_schema=False)
    def checker() -> Response:
        return Response(static["index.html"], media_type="text/html")

    @app.get("/static/{name}", include_in_schema=False)
    def asset(name: str) -> Response:
        if name not in static:
            raise HTTPException(404)
        return Response(static[name], media_type=_MEDIA.get(name.rsplit(".", 1)[-1]))

    app.add_middleware(Gate, service=service, limit=max_bytes)
    return app
