"""Shared test fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Real FEC samples live beside the project (never copied into it).
FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    """The folder of real FEC fixtures; fails in CI when missing, skips elsewhere."""
    if not FIXTURES.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"FEC fixtures folder missing: {FIXTURES}")
        pytest.skip("FEC fixtures folder not present")
    return FIXTURES
