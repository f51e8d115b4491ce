"""Fuzzing every importer in CI: numbered hostile files (see tests/fuzz_inputs.py), each
within a time bound (hypothesis's deadline) and a memory bound, and the database unchanged
by every refusal. bench/fuzz_import.py runs 10,000 of them."""

from __future__ import annotations

import tracemalloc
from datetime import timedelta
from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from crm.store.db import Database
from tests.fuzz_inputs import run_input

MEMORY_BOUND = 256 * 1024 * 1024


@settings(
    max_examples=100,
    deadline=timedelta(seconds=10),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,
)
@given(n=st.integers(0, 10_000_000))
# Inputs the 10,000-input bench found over 10 s: damaged vCard lines with no ":" that
# vobject's line pattern backtracked over for seconds.
@example(n=4072)
@example(n=4682)
@example(n=9401)
def test_every_hostile_input_is_imported_or_refused_within_bounds(
    db: Database, tmp_path: Path, n: int
) -> None:
    tracemalloc.start()
    try:
        run_input(db, tmp_path, n)  # raises anything but a refusal
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < MEMORY_BOUND, f"input {n} took {peak // 1024 // 1024} MiB"
