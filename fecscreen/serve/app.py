"""The application factory."""

from __future__ import annotations

import logging
import time
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request

from fecscreen.serve import errors
from fecscreen.serve.state import ServiceState

log = logging.getLogger("fecscreen.serve")


def create_app(db_path: str) -> FastAPI:
    """The service over the database at ``db_path`` (opened when the app starts)."""

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.service = ServiceState(db_path)
        try:
            yield
        finally:
            app.state.service.close()

    app = FastAPI(title="fecscreen", version="1", lifespan=lifespan,
                  description="Screen contributions before they are accepted, record them, and review "
                  "findings with an audit trail. Every route but /health needs 'Authorization: Bearer TOKEN'.")
    errors.install(app)

    @app.middleware("http")
    async def access_log(request: Request, call_next):
        # method, path and status only: query strings (q=NAME) and bodies hold donor data
        start = time.perf_counter()
        response = await call_next(request)
        log.info("%s %s %s %.1fms", request.method, request.url.path, response.status_code,
                 (time.perf_counter() - start) * 1000)
        return response

    @app.get("/health", summary="Liveness; needs no token")
    def health() -> dict:
        return {"status": "ok"}

    from fecscreen.serve.api import router
    from fecscreen.serve.ui import router as ui_router

    app.include_router(router)
    app.include_router(ui_router)
    return app


__all__ = ["create_app"]
