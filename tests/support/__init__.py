"""Shared helpers of the test suite: test modules import these, never each other."""
