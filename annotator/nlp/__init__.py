"""spaCy: tokenisation at import, pipeline loading, quote and event components, suggestions.

May import: annotator.core, spacy (and its own dependencies). Never Qt, never the store.
"""
