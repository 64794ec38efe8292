"""The one exception hierarchy.

Every error a user can cause is a :class:`FecscreenError`. Its message says what
happened, where (file, line, field or option) and how to fix it. The CLI prints
the message and exits with status 2; it never shows a traceback for these.
"""

from __future__ import annotations


class FecscreenError(Exception):
    """Base class: a problem the user can act on."""

    def __init__(self, message: str, *, where: str | None = None, hint: str | None = None):
        self.where = where
        self.hint = hint
        self.message = message
        super().__init__(self.render())

    def render(self) -> str:
        text = f"{self.where}: {self.message}" if self.where else self.message
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text


class InputError(FecscreenError):
    """A file or value given by the user cannot be read as what it claims to be."""


class UnknownFormatError(InputError):
    """A file is not an FEC file, or uses a format version we have no layout for."""


class DownloadError(FecscreenError):
    """A filing or bulk file could not be fetched."""


class StoreError(FecscreenError):
    """The database cannot be opened or is not a fecscreen database."""


class ConfigError(FecscreenError):
    """A bad option, rule selection, parameter file or matter file."""


class NotFoundError(FecscreenError):
    """A finding, committee or other named thing is not in the database."""


class AuthError(FecscreenError):
    """No API token, or one that is unknown or revoked."""


class PermissionDeniedError(FecscreenError):
    """A valid API token whose role does not allow the action."""


class MissingExtraError(FecscreenError):
    """A dependency is not installed: an extra's (``extra`` names it) or, in an environment
    that lost it, a regular one."""

    def __init__(self, package: str, extra: str | None, feature: str):
        super().__init__(
            f"{feature} needs the Python package '{package}', which is not installed",
            hint=f"pip install 'fecscreen[{extra}]'" if extra else
            f"pip install '{package}' (fecscreen requires it; reinstalling fecscreen installs it too)",
        )


__all__ = [
    "FecscreenError",
    "InputError",
    "UnknownFormatError",
    "DownloadError",
    "StoreError",
    "ConfigError",
    "NotFoundError",
    "AuthError",
    "PermissionDeniedError",
    "MissingExtraError",
]
