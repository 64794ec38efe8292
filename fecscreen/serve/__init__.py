"""The HTTP service: screen and record contributions, review findings (see docs/serve.md).

``create_app(db_path)`` builds the FastAPI application; ``fecscreen serve`` runs it with
uvicorn. The library does the work; this package only maps HTTP onto it.
"""

from fecscreen.serve.app import create_app

__all__ = ["create_app"]
