from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
from spacy.tokens import DocBin

from annotator.core.model import Layer
from annotator.export import decisions_of, write_export
from annotator.export.overlaps import resolve_overlaps
from annotator.nlp.pipeline import installed_models


def _docs(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_docs_rebuild_stored_tokens_and_carry_every_layer(tmp_path, scheme, rich_article):
    report = write_export([rich_article], tmp_path, "spacy", scheme, dev=0.0)
    (doc,) = _docs(tmp_path / "train.spacy")
    item = decisions_of(rich_article)
    text = item.article.text
    assert doc.text == text
    assert [(t.idx, t.idx + len(t)) for t in doc if not t.is_space] == list(item.tokens.tokens)
    entities = item.annotations.on_layer(Layer.ENTITY)
    kept, dropped = resolve_overlaps(entities)
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == [(s.start, s.end, s.label) for s in kept]
    assert {(s.label, s.start, s.end) for s in dropped} == {("GPE", 15, 22), ("DATE", 26, 32)}
    assert report.overlaps_resolved == 2
    assert sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["entities"]) == sorted((s.start, s.end, s.label) for s in entities)
    assert [(s.text, s.label_) for s in doc.spans["quotes"]] == [("We will not leave.", "QUOTE")]
    assert [(s.text, s.label_) for s in doc.spans["events"]] == [("shelled", "EXPLOSION_REMOTE"), ("Talks", "NEGOTIATE")]
    quote = doc.user_data["quotes"][0]
    assert text[quote["speaker"][0] : quote["speaker"][1]] == "the mayor" and quote["kind"] == "mixed"
    shelling, talks = doc.user_data["events"]
    assert [(a["role"], text[a["span"][0] : a["span"][1]]) for a in shelling["arguments"]] == [
        ("ACTOR", "Rebels"), ("LOCATION", "Kharkiv"), ("TIME", "Monday"), ("FATALITIES", "3 people"),
    ]
    assert shelling["sub_type"] == "Shelling/artillery/missile attack"
    assert (talks["negated"], talks["hypothetical"], talks["future"]) == (True, True, True)
    assert "people" not in {text[s.start_char : s.end_char] for s in doc.spans["entities"]}, "rejected span exported"


def test_split_is_seeded_stable_and_never_leaves_a_split_empty(tmp_path, scheme, seed_corpus):
    first = write_export(seed_corpus, tmp_path / "a", "spacy", scheme, dev=0.2, seed=3)
    again = write_export(reversed(seed_corpus), tmp_path / "b", "spacy", scheme, dev=0.2, seed=3)
    other = write_export(seed_corpus, tmp_path / "c", "spacy", scheme, dev=0.2, seed=4)
    dev_texts = {d.text for d in _docs(tmp_path / "a" / "dev.spacy")}
    assert dev_texts == {d.text for d in _docs(tmp_path / "b" / "dev.spacy")}
    assert dev_texts != {d.text for d in _docs(tmp_path / "c" / "dev.spacy")}
    assert first.splits["train"] + first.splits["dev"] == len(seed_corpus)
    assert 0.1 < first.splits["dev"] / len(seed_corpus) < 0.3
    assert again.splits == first.splits and other.articles == len(seed_corpus)
    pair = write_export(seed_corpus[:2], tmp_path / "d", "spacy", scheme, dev=0.2)
    assert pair.splits == {"train": 1, "dev": 1}


@pytest.mark.slow
def test_spacy_debug_data_passes_and_training_runs(tmp_path, scheme, seed_corpus):
    base = next(iter(installed_models()), None)
    if base is None:
        pytest.skip("no English spaCy pipeline installed to fine-tune")
    write_export(seed_corpus, tmp_path, "spacy", scheme, dev=0.2, seed=0, base_pipeline=base)
    paths = ["--paths.train", "train.spacy", "--paths.dev", "dev.spacy"]
    debug = subprocess.run(
        [sys.executable, "-m", "spacy", "debug", "data", "config.cfg", *paths],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert debug.returncode == 0, debug.stdout + debug.stderr
    assert "checks passed" in debug.stdout and "error" not in debug.stdout.split("Summary")[-1], debug.stdout
    train = subprocess.run(
        [sys.executable, "-m", "spacy", "train", "config.cfg", *paths, "--output", "model",
         "--training.max_steps", "4", "--training.eval_frequency", "2"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert train.returncode == 0, train.stdout + train.stderr
    trained = spacy.load(tmp_path / "model" / "model-last")
    base_labels = set(spacy.load(base).get_pipe("ner").labels)
    assert set(trained.get_pipe("ner").labels) >= base_labels | {"PERSON", "GPE", "DATE"}, "ner was not fine-tuned"


def test_without_a_base_pipeline_the_config_trains_a_new_ner(tmp_path, scheme, seed_corpus):
    write_export(seed_corpus[:2], tmp_path, "spacy", scheme, dev=0.2)
    config = spacy.util.load_config(tmp_path / "config.cfg")
    assert config["nlp"]["pipeline"] == ["tok2vec", "ner"] and "source" not in config["components"]["ner"]
