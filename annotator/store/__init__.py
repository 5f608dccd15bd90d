"""SQLite through sqlite-utils: schema, migrations, and the queries over them.

May import: annotator.core, sqlite_utils, the standard library. Never Qt, spaCy or ingest.
All SQL of the project lives in this package.
"""
