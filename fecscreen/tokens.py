"""API tokens for ``fecscreen serve``: a name, a role, and only a hash of the secret.

A token is 32 random bytes, URL-safe base64, prefixed ``fsk_`` so it is easy to
spot in a leaked file. The database keeps its SHA-256; the token itself is shown
once, by :func:`create_token`. Roles, each including the ones before it:

``read``
    reads findings, their history and the audit log;
``intake``
    also screens and records contributions;
``reviewer``
    also changes a finding's review status and runs a check.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from fecscreen.errors import AuthError, ConfigError, PermissionDeniedError

ROLES = ("read", "intake", "reviewer")
PREFIX = "fsk_"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")


@dataclass(frozen=True)
class Token:
    name: str
    role: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None

    def allows(self, role: str) -> bool:
        """True when this token's role includes ``role``."""
        return self.revoked_at is None and ROLES.index(self.role) >= ROLES.index(role)


def _hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


def create_token(store, name: str, role: str) -> str:
    """Create a token called ``name`` with ``role``; return the secret (shown only now)."""
    if not NAME_RE.match(name or ""):
        raise ConfigError(f"{name!r} is not a usable token name", where="--name",
                          hint="use letters, digits, '.', '_', '@' or '-' (at most 64), e.g. desk-1")
    if role not in ROLES:
        raise ConfigError(f"unknown role {role!r}", where="--role", hint="one of: " + ", ".join(ROLES))
    if store.scalar("SELECT count(*) FROM api_tokens WHERE name = ?", [name]):
        raise ConfigError(f"a token called {name!r} exists already", where="--name",
                          hint="choose another name, or `fecscreen token revoke` the old one first")
    secret = PREFIX + secrets.token_urlsafe(32)
    with store.transaction() as con:
        con.execute("INSERT INTO api_tokens (name, role, token_hash, created_at) VALUES (?, ?, ?, ?)",
                    [name, role, _hash(secret), _now()])
    return secret


def list_tokens(store) -> list[Token]:
    rows = store.query("SELECT name, role, created_at, revoked_at FROM api_tokens ORDER BY name")
    return [Token(*row) for row in rows]


def revoke_token(store, name: str) -> Token:
    """Revoke the token called ``name``; it is refused from then on (kept for the audit log)."""
    row = store.query("SELECT name, role, created_at, revoked_at FROM api_tokens WHERE name = ?", [name])
    if not row:
        raise ConfigError(f"no token called {name!r}", where="NAME", hint="`fecscreen token list` shows them")
    token = Token(*row[0])
    if token.revoked_at is None:
        with store.transaction() as con:
            con.execute("UPDATE api_tokens SET revoked_at = ? WHERE name = ?", [_now(), name])
    return Token(token.name, token.role, token.created_at, token.revoked_at or _now())


class TokenBook:
    """The tokens a running service accepts, read once at start and looked up by hash.

    The service holds its database for as long as it runs (DuckDB lets one process
    write a database file), so tokens are created and revoked with the service
    stopped, and it reads them when it starts.
    """

    def __init__(self, rows: list[tuple[str, str, str, dt.datetime, dt.datetime | None]]):
        self._by_hash = {h: Token(n, r, c, v) for n, r, h, c, v in rows}

    @classmethod
    def read(cls, con) -> "TokenBook":
        return cls(con.execute(
            "SELECT name, role, token_hash, created_at, revoked_at FROM api_tokens").fetchall())

    def authenticate(self, header: str | None, role: str) -> Token:
        """The token named by an ``Authorization: Bearer`` header, if it allows ``role``."""
        if not header:
            raise AuthError("this route needs an API token", where="Authorization",
                            hint="send 'Authorization: Bearer TOKEN'; `fecscreen token create` makes one")
        scheme, _, secret = header.partition(" ")
        if scheme.lower() != "bearer" or not secret.strip():
            raise AuthError("the Authorization header is not 'Bearer TOKEN'", where="Authorization",
                            hint="send 'Authorization: Bearer TOKEN'")
        token = self._by_hash.get(_hash(secret.strip()))
        if token is None or token.revoked_at is not None:
            raise AuthError("the API token is unknown or revoked", where="Authorization",
                            hint="ask for a new token (`fecscreen token create`)")
        if not token.allows(role):
            raise PermissionDeniedError(f"a {token.role} token may not do this; it needs the {role} role",
                                        where="Authorization", hint="use a token with that role")
        return token


__all__ = ["ROLES", "Token", "TokenBook", "create_token", "list_tokens", "revoke_token"]
