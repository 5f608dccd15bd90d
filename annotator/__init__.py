"""annotator: turn conflict news into trustworthy training data.

Dependency direction: ui -> services -> (store | nlp | ingest | export) -> core.
"""

__all__ = ["__version__"]

try:
    from importlib.metadata import PackageNotFoundError, version

    __version__ = version("annotator")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"
