"""Use cases shared by the CLI and the UI: project, session, import, pre-annotation, export,
and the learning loop (training, models, evaluation).

May import: core, store, nlp, ingest, export. Never Qt.
"""
