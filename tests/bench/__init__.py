"""The benchmark: synthetic glossaries of a given size, timed through check, build and serve.

``python -m tests.bench --sizes 100,1000,5000 --json out.json`` (``make bench``).
"""
