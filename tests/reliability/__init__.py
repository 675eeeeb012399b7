"""Reliability and security tests: crashes, faults, concurrency, hostile input, retention."""
