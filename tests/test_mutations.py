"""The fuzzer's mutations apply to any file, however small or broken, and a fault of the fuzzer's own is a
failure of the run: a mutation that raised once ended its kind's cases early, and silently."""
from __future__ import annotations

from collections import Counter

from hypothesis import given, settings, strategies as st

import fuzzing
import mutations

#: Every mutation of every kind.
EVERY = sorted({op for kind in mutations.kinds().values() for op in kind.ops})
SMALL = st.binary(max_size=40) | st.text(max_size=40).map(lambda t: t.encode("utf-8", "surrogatepass"))


@settings(max_examples=600, derandomize=True)
@given(st.sampled_from(EVERY), SMALL, mutations.NUMBER, mutations.NUMBER, mutations.NUMBER)
def test_every_mutation_applies_to_any_data_even_none(name, data, a, b, c):
    assert isinstance(mutations.mutate(data, ((name, a, b, c),)), bytes)


class Raising:
    """A harness whose every case raises, as a mutation with a fault of its own did."""
    def __init__(self):
        self.tried, self.failures = Counter(), []

    def judge(self, case, count=True):
        raise ZeroDivisionError("integer modulo by zero")


def test_a_fault_of_the_fuzzers_own_is_a_failure_counted_not_a_kind_cut_short():
    harness = Raising()
    found = fuzzing.explore(harness, "checksums", 5, derandomize=True)
    assert [(case.kind, outcome, detail) for case, outcome, detail in found] == \
        [("checksums", "fuzzer error", "ZeroDivisionError: integer modulo by zero")]
    assert harness.failures == found and harness.tried["checksums", "fuzzer error"] >= 1
