"""Benchmarks of caseflow: action throughput against a raw sqlite3 baseline, and queue query latency."""
