from __future__ import annotations

import subprocess
import sys

import pytest
import spacy
import srsly
from spacy.tokens import DocBin

from annotator.export import decisions_of, write_export
from annotator.nlp.pipeline import installed_models


def _docs(path):
    return list(DocBin().from_disk(path).get_docs(spacy.blank("en").vocab))


def test_docs_rebuild_stored_tokens_and_carry_every_layer(tmp_path, scheme, rich_article):
    report = write_export([rich_article], tmp_path, "spacy", scheme, dev=0.0)
    (doc,) = _docs(tmp_path / "train.spacy")
    text = rich_article.article.text
    assert doc.text == text
    assert [(t.idx, t.idx + len(t)) for t in doc if not t.is_space] == list(rich_article.tokens.tokens)

    def at(fragment, label):
        start = text.index(fragment)
        return start, start + len(fragment), label

    # doc.ents cannot overlap: the longer "Kharkiv on Monday" wins over "Kharkiv" and "Monday";
    # the rejected "people" is no decision. doc.spans["entities"] keeps all of them.
    kept = [at("Rebels", "ARMED_GROUP"), at("Kharkiv on Monday", "EVENT"), at("3", "CARDINAL"), at("東京", "GPE")]
    dropped = [at("Kharkiv", "GPE"), at("Monday", "DATE")]
    assert [(e.start_char, e.end_char, e.label_) for e in doc.ents] == kept
    assert report.overlaps_resolved == 2
    assert sorted((s.start_char, s.end_char, s.label_) for s in doc.spans["entities"]) == sorted(kept + dropped)
    assert [(s.text, s.label_) for s in doc.spans["quotes"]] == [("We will not leave.", "QUOTE")]
    assert [(s.text, s.label_) for s in doc.spans["events"]] == [
        ("shelled", "EXPLOSION_REMOTE"),
        ("Talks", "NEGOTIATE"),
    ]
    quote = doc.user_data["quotes"][0]
    assert text[quote["speaker"][0] : quote["speaker"][1]] == "the mayor" and quote["kind"] == "mixed"
    shelling, talks = doc.user_data["events"]
    assert [(a["role"], text[a["span"][0] : a["span"][1]]) for a in shelling["arguments"]] == [
        ("ACTOR", "Rebels"),
        ("LOCATION", "Kharkiv"),
        ("TIME", "Monday"),
        ("FATALITIES", "3 people"),
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
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert debug.returncode == 0, debug.stdout + debug.stderr
    assert "checks passed" in debug.stdout and "error" not in debug.stdout.split("Summary")[-1], debug.stdout
    train = subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "train",
            "config.cfg",
            *paths,
            "--output",
            "model",
            "--training.max_steps",
            "4",
            "--training.eval_frequency",
            "2",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert train.returncode == 0, train.stdout + train.stderr
    trained = spacy.load(tmp_path / "model" / "model-last")
    base_labels = set(spacy.load(base).get_pipe("ner").labels)
    assert set(trained.get_pipe("ner").labels) >= base_labels | {"PERSON", "GPE", "DATE"}, "ner was not fine-tuned"


def test_without_a_base_pipeline_the_config_trains_a_new_ner(tmp_path, scheme, seed_corpus):
    write_export(seed_corpus[:2], tmp_path, "spacy", scheme, dev=0.2)
    config = spacy.util.load_config(tmp_path / "config.cfg")
    assert config["nlp"]["pipeline"] == ["tok2vec", "ner"] and "source" not in config["components"]["ner"]


def test_packing_docbin_writes_the_bytes_spacy_writes(scheme, rich_article, seed_article):
    """PackingDocBin re-implements DocBin.add's packing: the files must stay identical."""
    from spacy.vocab import Vocab

    from annotator.export.docbin import PackingDocBin
    from annotator.export.spacy_docbin import build_doc

    vocab = Vocab()
    docs = [build_doc(vocab, decisions_of(item)) for item in (rich_article, seed_article)]
    docs[0].spans["empty"] = []
    docs[1].spans["same"] = list(docs[1].spans["quotes"])  # one group under two keys
    ours, spacys = PackingDocBin(store_user_data=True), DocBin(store_user_data=True)
    for doc in docs:
        ours.add(doc)
        spacys.add(doc)
    assert ours.to_bytes() == spacys.to_bytes()
    assert [len(d.spans["quotes"]) for d in docs] == [1, 8], "add() leaves the Doc's span groups in place"
    back = list(DocBin().from_bytes(ours.to_bytes()).get_docs(Vocab()))
    assert [[(s.start_char, s.end_char, s.label_) for s in d.spans["events"]] for d in back] == [
        [(s.start_char, s.end_char, s.label_) for s in d.spans["events"]] for d in docs
    ]
    assert srsly.json_dumps(back[0].user_data) == srsly.json_dumps(docs[0].user_data)  # tuples come back as lists


def test_export_leaves_srsly_registry_alone(tmp_path, scheme, rich_article):
    from srsly.msgpack import msgpack_decoders, msgpack_encoders

    registries = (msgpack_encoders, msgpack_decoders)
    before = [dict(vars(registry)) for registry in registries]
    contents = [registry.get_all() for registry in registries]
    during = []

    def items():  # runs inside the export, between Docs
        for item in (rich_article, rich_article):
            during.append([dict(vars(registry)) for registry in registries])
            yield item

    write_export(items(), tmp_path, "spacy", scheme, dev=0.0)
    assert during == [before, before]
    assert [dict(vars(registry)) for registry in registries] == before
    assert [registry.get_all() for registry in registries] == contents
