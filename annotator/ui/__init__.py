"""The desktop app (PySide6). The only package that imports Qt.

May import: annotator.services and annotator.core (and, for read-only types, nothing else).
Widgets and Qt models here are thin adapters over the session and the listing service.
"""
