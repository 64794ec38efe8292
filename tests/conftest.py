"""Shared test fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest

# Real FEC samples live beside the project (never copied into it).
FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The folder of real FEC fixtures; a test that needs it fails when it is missing."""
    if not FIXTURES.is_dir():
        pytest.fail(f"FEC fixtures folder missing: {FIXTURES} (the shared fixtures sit beside the project)")
    return FIXTURES
