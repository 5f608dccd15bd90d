"""Domain types, edits, the label scheme, text helpers and errors.

May import: the Python standard library only (checked by import-linter).
"""
