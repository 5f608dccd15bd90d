"""Readers of the development sets in ../shared/samples for benchmarks/quality.py.

Each reader returns plain tuples of character offsets into the text it returns, so the
scoring code never depends on a file format. Nothing here is copied into the project.
"""
