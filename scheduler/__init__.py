"""Re-tests: the pure re-test policy and the dispatcher that delivers due drills (a later issue)."""
