"""The pieces of ``make bench`` (scripts/bench.py): inputs, timing, the figures, the table."""
