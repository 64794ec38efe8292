"""One error shape for every 4xx and 5xx: ``{"error": {"code", "message", "field"}}``."""

from __future__ import annotations

import logging

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from fecscreen.errors import (
    AuthError,
    ConfigError,
    FecscreenError,
    InputError,
    NotFoundError,
    PermissionDeniedError,
    StoreError,
)

log = logging.getLogger("fecscreen.serve")

# Each exception class answers with one status (the first that matches).
STATUS = (
    (AuthError, 401, "unauthorized"),
    (PermissionDeniedError, 403, "forbidden"),
    (NotFoundError, 404, "not_found"),
    (InputError, 422, "invalid"),
    (ConfigError, 422, "invalid"),
    (StoreError, 503, "store_unavailable"),
    (FecscreenError, 400, "bad_request"),
)


def error_body(code: str, message: str, field: str | None = None) -> dict:
    return {"error": {"code": code, "message": message, "field": field}}


def _fecscreen(request: Request, exc: FecscreenError) -> JSONResponse:
    for cls, status, code in STATUS:
        if isinstance(exc, cls):
            message = exc.message + (f" ({exc.hint})" if exc.hint else "")
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            return JSONResponse(error_body(code, message, exc.where), status_code=status, headers=headers)
    raise exc  # pragma: no cover - FecscreenError is in the table


def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    first = exc.errors()[0] if exc.errors() else {}
    loc = [str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path")]
    field = loc[0] if loc else None  # the field itself, not the branch of a union it failed
    if first.get("type") == "json_invalid":
        return JSONResponse(error_body("invalid_json", "the body is not valid JSON", "body"), status_code=400)
    return JSONResponse(error_body("invalid", first.get("msg", "invalid request"), field), status_code=422)


def _http(request: Request, exc: HTTPException) -> JSONResponse:
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "error")
    return JSONResponse(error_body(code, str(exc.detail)), status_code=exc.status_code)


def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    # the type only: an exception's text may hold donor data
    log.error("unexpected %s on %s %s", type(exc).__name__, request.method, request.url.path)
    return JSONResponse(error_body("internal", "an unexpected error; the server log names its type"),
                        status_code=500)


def install(app) -> None:
    app.add_exception_handler(FecscreenError, _fecscreen)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(HTTPException, _http)
    app.add_exception_handler(Exception, _unexpected)
