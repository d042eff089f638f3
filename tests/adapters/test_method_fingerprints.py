"""A deterministic method's fingerprint hashes the code that produced the output (read from disk)."""

from __future__ import annotations

from biseo.services.drafting.records import method_fingerprint


def test_deterministic_fingerprints_are_stable_and_name_their_method():
    reply, summary = method_fingerprint("reply.template"), method_fingerprint("summary.extractive")
    assert reply.startswith("reply.template@") and len(reply.split("@")[1]) == 12
    assert summary.startswith("summary.extractive@") and reply.split("@")[1] != summary.split("@")[1]
    method_fingerprint.cache_clear()
    assert method_fingerprint("reply.template") == reply  # computed from the code again: same value
