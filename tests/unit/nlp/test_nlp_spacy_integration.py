"""Our components as spaCy sees them: a saved pipeline loads with plain `spacy.load`,
settings live in the config, and `spacy evaluate` scores quotes and events."""

import json
import subprocess
import sys

import pytest
import spacy
from spacy.tokens import DocBin
from spacy.training import Example

from annotator.nlp import pipeline
from annotator.nlp.entities import harmonise_names

TEXT = "“We are ready to sign the deal today,” Jones said. Police arrested 30 protesters in Minsk, where troops clashed with rebels."


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A blank English pipeline with our components, saved to disk."""
    folder = tmp_path_factory.mktemp("pipeline") / "model"
    pipeline.add_components(spacy.blank("en")).to_disk(folder)
    return folder


def gold_doc(nlp):
    """The hand-made truth for TEXT: one quote and three events ("protesters" is none)."""
    doc = nlp.make_doc(TEXT)

    def span(fragment, label):
        start = TEXT.index(fragment)
        return doc.char_span(start, start + len(fragment), label=label)

    doc.spans["quotes"] = [span("We are ready to sign the deal today,", "QUOTE")]
    doc.spans["events"] = [span("sign", "AGREE"), span("arrested", "STRATEGIC_DEVELOPMENT"), span("clashed", "BATTLE")]
    return doc


def test_saved_pipeline_loads_in_a_process_that_never_imports_annotator(saved, tmp_path):
    script = (
        "import json, sys, spacy\n"
        "assert not any(m == 'annotator' or m.startswith('annotator.') for m in sys.modules)\n"
        f"nlp = spacy.load({str(saved)!r})\n"
        f"doc = nlp({TEXT!r})\n"
        "print(json.dumps({'pipes': nlp.pipe_names, 'quotes': [q.text for q in doc.spans['quotes']],\n"
        "                  'cues': [q._.cue.text for q in doc.spans['quotes']], 'events': [e.label_ for e in doc.spans['events']]}))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["pipes"] == ["annotator_entities", "annotator_names", "annotator_quotes", "annotator_events"]
    assert loaded["quotes"] == ["We are ready to sign the deal today,"] and loaded["cues"] == ["said"]
    assert "BATTLE" in loaded["events"]


def test_reporting_verbs_are_a_config_setting():
    text = "“The talks have failed,” Jones lamented."
    default = spacy.blank("en")
    default.add_pipe("annotator_quotes_v1")
    doc = default(text)
    assert [q._.cue for q in doc.spans["quotes"]] == [None]
    configured = spacy.blank("en")
    configured.add_pipe("annotator_quotes_v1", config={"verbs": ["say said", "lament"]})
    doc = configured(text)
    [quote] = doc.spans["quotes"]
    assert quote._.cue.text == "lamented" and quote._.speaker.text == "Jones"
    assert configured.config["components"]["annotator_quotes_v1"]["verbs"] == ["say said", "lament"]


def test_name_consistency_is_a_plain_component():
    nlp = pipeline.add_components(spacy.blank("en"))
    assert nlp.get_pipe("annotator_names") is harmonise_names


def test_quotes_and_events_are_scored_by_nlp_evaluate(saved):
    nlp = spacy.load(saved)
    gold = gold_doc(nlp)
    scores = nlp.evaluate([Example(nlp.make_doc(TEXT), gold)])
    assert (scores["spans_quotes_p"], scores["spans_quotes_r"]) == (1.0, 1.0)
    assert (scores["spans_events_p"], scores["spans_events_r"]) == (0.75, 1.0)  # "protesters" is extra
    assert scores["spans_events_per_type"]["BATTLE"]["f"] == 1.0


def test_spacy_evaluate_prints_the_event_scores(saved, tmp_path):
    nlp = spacy.load(saved)
    DocBin(docs=[gold_doc(nlp)]).to_disk(tmp_path / "gold.spacy")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "spacy",
            "evaluate",
            str(saved),
            str(tmp_path / "gold.spacy"),
            "--spans-key",
            "events",
            "--output",
            str(tmp_path / "scores.json"),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    scores = json.loads((tmp_path / "scores.json").read_text(encoding="utf-8"))
    assert (scores["spans_events_p"], scores["spans_events_r"]) == (0.75, 1.0)
    assert "SPAN F" in result.stdout and "85.71" in result.stdout, result.stdout
