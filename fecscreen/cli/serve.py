"""``fecscreen serve`` and ``fecscreen token``: the HTTP service and its API tokens."""

from __future__ import annotations

import click

from fecscreen.cli.common import open_db, with_store
from fecscreen.store import ENV_DB, default_path
from fecscreen.tokens import ROLES, create_token, list_tokens, revoke_token


@click.command("serve")
@click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None, envvar=ENV_DB,
              show_envvar=True, help="DuckDB database file. Default: ./fecscreen.duckdb")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535), help="Port.")
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64),
              help="Threads that screen and read at once, in the one server process (DuckDB "
              "lets one process write a database; writes go through one writer thread).")
def serve(db_path, host, port, workers):
    """Serve the HTTP API (/v1, OpenAPI at /docs) and the review pages (/ui/).

    \b
    Example:
        fecscreen token create --name desk-1 --role intake
        fecscreen serve --db campaign.duckdb --port 8000
    """
    import logging

    import anyio.to_thread
    import uvicorn

    from fecscreen.serve import create_app

    path = db_path or default_path()
    open_db(path).close()  # a clear error now for a bad path, not a traceback inside uvicorn
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")

    config = uvicorn.Config(create_app(path), host=host, port=port, access_log=False,
                            log_level="info", lifespan="on")
    server = uvicorn.Server(config)

    async def main():
        anyio.to_thread.current_default_thread_limiter().total_tokens = max(workers, 1) * 4
        await server.serve()

    click.echo(f"fecscreen serving {path} on http://{host}:{port} (API docs /docs, review pages /ui/)", err=True)
    anyio.run(main)


@click.group("token")
def token():
    """Create, list and revoke API tokens (run with the server stopped).

    \b
    Example:
        fecscreen token create --name reviewer-ann --role reviewer
    """


@token.command("create")
@click.option("--name", required=True, help="Who holds the token; written into the audit log.")
@click.option("--role", required=True, type=click.Choice(ROLES), help="read, intake (also screens and "
              "records) or reviewer (also changes findings).")
@with_store
def token_create(name, role, store):
    """Print a new token on stdout (it is shown once; only its hash is kept).

    \b
    Example:
        fecscreen token create --name desk-1 --role intake > desk-1.token
    """
    click.echo(create_token(store, name, role))
    click.echo(f"token {name!r} ({role}) created; keep it secret, it is not shown again", err=True)


@token.command("list")
@with_store
def token_list(store):
    """List tokens: name, role, created, revoked.

    \b
    Example:
        fecscreen token list
    """
    for t in list_tokens(store):
        revoked = f"revoked {t.revoked_at:%Y-%m-%d %H:%M}" if t.revoked_at else "active"
        click.echo(f"{t.name}\t{t.role}\t{t.created_at:%Y-%m-%d %H:%M}\t{revoked}")


@token.command("revoke")
@click.argument("name")
@with_store
def token_revoke(name, store):
    """Revoke the token NAME; the server refuses it from its next start.

    \b
    Example:
        fecscreen token revoke desk-1
    """
    revoke_token(store, name)
    click.echo(f"token {name!r} revoked")
