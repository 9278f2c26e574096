"""The test doubles' own parts: the call log, injected faults, and the matcher both can use."""
