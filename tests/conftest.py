"""Shared test configuration: a Hypothesis profile without deadlines.

The machine running CI has two cores and runs other work; per-example deadlines
would make property tests flaky without testing anything about wamsg.
"""

from __future__ import annotations

from hypothesis import HealthCheck, settings

settings.register_profile(
    "wamsg", deadline=None, suppress_health_check=[HealthCheck.too_slow], max_examples=100
)
settings.load_profile("wamsg")
