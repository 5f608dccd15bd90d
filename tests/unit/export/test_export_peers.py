from __future__ import annotations

import csv
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter

import bratly
import pytest
import spacy
import srsly
from spacy.tokens import Doc, DocBin

from annotator.core.model import IncomingArticle, Layer
from annotator.export import decisions_of, write_export
from annotator.export.labelstudio import config_path
from annotator.export.overlaps import resolve_overlaps
from annotator.ingest.brat import read_brat
from annotator.ingest.labelstudio import read_labelstudio

from .conftest import SEED_STEM


def _rich_expected(text):
    """The rich article's decisions, written out by hand from its fixture: every span but the
    rejected "people" (a manual span counts even while marked suggested); the quote's
    Speaker and Cue; one relation per event argument, named by its role."""

    def at(fragment):
        start = text.index(fragment)
        return start, start + len(fragment)

    spans = [
        ("Rebels", "ARMED_GROUP"),
        ("Kharkiv", "GPE"),
        ("Monday", "DATE"),
        ("3 people", "FATALITIES"),
        ("3", "CARDINAL"),
        ("shelled", "EXPLOSION_REMOTE"),
        ("the mayor", "SPEAKER"),
        ("said", "CUE"),
        ("We will not leave.", "QUOTE"),
        ("東京", "GPE"),
        ("Talks", "NEGOTIATE"),
        ("Kharkiv on Monday", "EVENT"),
    ]
    links = [
        ("We will not leave.", "the mayor", "Speaker"),
        ("We will not leave.", "said", "Cue"),
        ("shelled", "Rebels", "ACTOR"),
        ("shelled", "Kharkiv", "LOCATION"),
        ("shelled", "Monday", "TIME"),
        ("shelled", "3 people", "FATALITIES"),
        ("Talks", "東京", "LOCATION"),
    ]
    return (
        Counter((*at(fragment), label) for fragment, label in spans),
        Counter((*at(head), *at(child), label) for head, child, label in links),
    )


def _brat_expected(ann_path):
    """The seed's gold annotations as bratly (not our reader) parses the .ann file: every
    text-bound span, Speaker/Cue relations and event arguments (brat's ACTOR2 is an ACTOR);
    Coref only names a speaker's entity and is no relation in our model."""
    entities, links = {}, Counter()
    lines = ann_path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line.startswith("T"):
            entity = bratly.EntityAnnotation.from_line(line)
            entities[entity.id] = entity
    for line in lines:
        if line.startswith("R"):
            relation = bratly.RelationAnnotation.from_line(line, entities)
            head, child = relation.argument1[1], relation.argument2[1]
            if relation.label != "Coref":
                links[(head.get_start(), head.get_end(), child.get_start(), child.get_end(), relation.label)] += 1
        elif line.startswith("E"):
            event = bratly.EventAnnotation.from_line(line, entities)
            trigger = event.event_trigger
            for role, argument in event.args.items():
                links[
                    (
                        trigger.get_start(),
                        trigger.get_end(),
                        argument.get_start(),
                        argument.get_end(),
                        role.rstrip("0123456789"),
                    )
                ] += 1
    spans = Counter((e.get_start(), e.get_end(), e.label) for e in entities.values())
    return spans, links


@pytest.fixture
def expected(rich_article, samples_dir):
    """(spans, relations) per exported article, from sources independent of the exporter."""
    return [_rich_expected(rich_article.article.text), _brat_expected(samples_dir / f"{SEED_STEM}.ann")]


def quotes(annotations):
    """Every quote with its speaker, cue and kind: what a round trip must keep."""
    return Counter(
        (q.content.key, q.speaker and q.speaker.key, q.cue and q.cue.key, q.kind) for q in annotations.quotes
    )


def events(annotations):
    """Every event with its type, sub-type, flags and arguments: what a round trip must keep."""
    return Counter(
        (
            e.trigger.key,
            e.event_type,
            e.sub_type,
            e.negated,
            e.hypothetical,
            e.future,
            tuple(sorted((a.role, a.span.key) for a in e.arguments)),
        )
        for e in annotations.events
    )


def test_prodigy_tasks_follow_the_task_format(tmp_path, scheme, rich_article, seed_article, expected):
    out = tmp_path / "tasks.jsonl"
    write_export([rich_article, seed_article], out, "prodigy", scheme)
    for (spans, links), task in zip(expected, srsly.read_jsonl(out), strict=True):
        text = task["text"]
        doc = Doc(
            spacy.blank("en").vocab, words=[t["text"] for t in task["tokens"]], spaces=[t["ws"] for t in task["tokens"]]
        )
        assert doc.text == text
        assert [t["id"] for t in task["tokens"]] == list(range(len(task["tokens"])))
        assert all(text[t["start"] : t["end"]] == t["text"] for t in task["tokens"])
        for span in task["spans"]:
            first, last = task["tokens"][span["token_start"]], task["tokens"][span["token_end"]]
            assert (first["start"], last["end"]) == (span["start"], span["end"])
            assert span["text"] == text[span["start"] : span["end"]]
        assert Counter((s["start"], s["end"], s["label"]) for s in task["spans"]) == spans
        for relation in task["relations"]:
            assert relation["head"] == relation["head_span"]["token_end"]
            assert relation["child"] == relation["child_span"]["token_end"]
        assert (
            Counter(
                (
                    r["head_span"]["start"],
                    r["head_span"]["end"],
                    r["child_span"]["start"],
                    r["child_span"]["end"],
                    r["label"],
                )
                for r in task["relations"]
            )
            == links
        )
        assert task["answer"] == "accept"
        assert isinstance(task["_input_hash"], int) and isinstance(task["_task_hash"], int)
    tasks = list(srsly.read_jsonl(out))
    assert len({t["_input_hash"] for t in tasks}) == 2


def test_doccano_records_keep_spans_and_relations(tmp_path, scheme, rich_article, seed_article, expected):
    out = tmp_path / "doccano.jsonl"
    write_export([rich_article, seed_article], out, "doccano", scheme)
    for (spans, links), record in zip(expected, srsly.read_jsonl(out), strict=True):
        entities = {e["id"]: e for e in record["entities"]}
        assert len(entities) == len(record["entities"])
        assert Counter((e["start_offset"], e["end_offset"], e["label"]) for e in entities.values()) == spans
        assert (
            Counter(
                (
                    entities[r["from_id"]]["start_offset"],
                    entities[r["from_id"]]["end_offset"],
                    entities[r["to_id"]]["start_offset"],
                    entities[r["to_id"]]["end_offset"],
                    r["type"],
                )
                for r in record["relations"]
            )
            == links
        )
        assert len({r["id"] for r in record["relations"]}) == len(record["relations"])


def test_labelstudio_round_trip_and_config(tmp_path, scheme, rich_article, seed_article):
    out = tmp_path / "tasks.json"
    report = write_export([rich_article, seed_article], out, "labelstudio", scheme)
    assert config_path(out) in report.files
    config = ET.parse(config_path(out)).getroot()
    declared = {(c.get("name"), label.get("value")) for c in config.iter("Labels") for label in c.iter("Label")}
    relation_labels = {r.get("value") for r in config.iter("Relation")}
    choices = {(c.get("name"), choice.get("value")) for c in config.iter("Choices") for choice in c.iter("Choice")}
    per_region = {c.get("name"): c.get("whenTagName") for c in config.iter("Choices") if c.get("perRegion") == "true"}
    tasks = srsly.read_json(out)
    for task in tasks:
        regions = {}
        for result in task["annotations"][0]["result"]:
            if result["type"] == "labels":
                assert (result["from_name"], result["value"]["labels"][0]) in declared
                assert (
                    task["data"]["text"][result["value"]["start"] : result["value"]["end"]] == result["value"]["text"]
                )
                regions[result["id"]] = result
            elif result["type"] == "choices":
                region = regions[result["id"]]
                assert per_region[result["from_name"]] == region["from_name"]
                assert (
                    result["value"]["start"] == region["value"]["start"]
                    and result["value"]["end"] == region["value"]["end"]
                )
                assert all((result["from_name"], value) in choices for value in result["value"]["choices"])
            else:
                assert result["type"] == "relation" and result["labels"][0] in relation_labels
    read = list(read_labelstudio(out))
    assert all(isinstance(r, IncomingArticle) for r in read), read
    for item, back in zip(map(decisions_of, [rich_article, seed_article]), read):
        expected = item.annotations
        assert {(s.start, s.end, s.label, s.layer) for s in back.annotations.spans} == {
            (s.start, s.end, s.label, s.layer) for s in expected.spans
        }
        assert quotes(back.annotations) == quotes(expected)
        assert events(back.annotations) == events(expected)
        assert back.annotator == item.annotator


def test_brat_round_trip_keeps_spans_relations_events_and_attributes(tmp_path, scheme, rich_article, seed_article):
    report = write_export([rich_article, seed_article], tmp_path, "brat", scheme)
    read = list(read_brat(tmp_path))
    assert all(isinstance(r, IncomingArticle) for r in read), read
    by_text = {r.text: r for r in read}
    for item in map(decisions_of, [rich_article, seed_article]):
        back = by_text[item.article.text].annotations
        assert Counter(s.key for s in back.spans) == Counter(s.key for s in item.annotations.spans)
        assert {s.status for s in back.spans} == {"accepted"}
        assert {(q.content.key, q.speaker and q.speaker.key, q.cue and q.cue.key, q.kind) for q in back.quotes} == {
            (q.content.key, q.speaker and q.speaker.key, q.cue and q.cue.key, q.kind) for q in item.annotations.quotes
        }
        assert {
            (
                e.trigger.key,
                e.event_type,
                e.sub_type,
                e.negated,
                e.hypothetical,
                e.future,
                tuple((a.role, a.span.key) for a in e.arguments),
            )
            for e in back.events
        } == {
            (
                e.trigger.key,
                e.event_type,
                e.sub_type,
                e.negated,
                e.hypothetical,
                e.future,
                tuple((a.role, a.span.key) for a in e.arguments),
            )
            for e in item.annotations.events
        }
    assert tmp_path / "annotation.conf" in report.files
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    assert "\nCONSULT\tACTOR*:<ENTITY>" in conf, "event types outside the scheme are declared too"


def test_brat_reader_finds_offsets_counted_on_crlf_text(tmp_path):
    (tmp_path / "a.txt").write_bytes("Kyiv\r\nsaid “yes”\r\nOdesa 😀\r\n".encode())
    (tmp_path / "a.ann").write_bytes(b"T1\tGPE 0 4\tKyiv\nT2\tGPE 18 23\tOdesa\n")
    (tmp_path / "b.txt").write_bytes("Kyiv\r\nsaid “yes”\r\nOdesa 😀\r\n".encode())
    (tmp_path / "b.ann").write_bytes(b"T1\tGPE 0 4\tKyiv\nT2\tGPE 16 21\tOdesa\nX1 broken\n")
    (tmp_path / "c.ann").write_bytes(b"T1\tGPE 0 4\tKyiv\n")
    read = list(read_brat(tmp_path))
    errors = [r for r in read if not isinstance(r, IncomingArticle)]
    assert [(e.location.path.endswith(name), e.location.line) for e, name in zip(errors, ["c.ann", "b.ann"])] == [
        (True, None),
        (True, 3),
    ]
    for article in (r for r in read if isinstance(r, IncomingArticle)):
        assert [article.text[s.start : s.end] for s in article.annotations.spans] == ["Kyiv", "Odesa"]


def test_brat_files_parse_with_bratly(tmp_path, scheme, rich_article, seed_article):
    write_export([rich_article, seed_article], tmp_path, "brat", scheme)
    anns = sorted(tmp_path.glob("*.ann"))
    assert len(anns) == 2
    for ann in anns:
        text = ann.with_suffix(".txt").read_text(encoding="utf-8")
        entities, others = {}, []
        for line in ann.read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                entity = bratly.EntityAnnotation.from_line(line)
                entities[entity.id] = entity
                fragment = text[entity.get_start() : entity.get_end()]
                assert " ".join(fragment.split()) == " ".join(entity.content.split())
            elif line.startswith("R"):
                others.append(bratly.RelationAnnotation.from_line(line, entities))
            elif line.startswith("E"):
                event = bratly.EventAnnotation.from_line(line, entities)
                entities[event.id] = event
                others.append(event)
            elif line.startswith("A"):
                others.append(bratly.AttributeAnnotation.from_line(line, entities))
            else:
                raise AssertionError(f"unexpected line {line!r}")
        assert entities and others
    repeated = [line for ann in anns for line in ann.read_text(encoding="utf-8").splitlines() if " ACTOR2:" in line]
    assert repeated, "repeated roles are numbered"
    conf = (tmp_path / "annotation.conf").read_text(encoding="utf-8")
    for section in ("[entities]", "[relations]", "[events]", "[attributes]"):
        assert section in conf
    assert "EXPLOSION_REMOTE\tACTOR*:<ENTITY>" in conf


def test_conll_converts_with_spacy_to_the_same_entities(tmp_path, scheme, rich_article, seed_article):
    out = tmp_path / "data.conll"
    report = write_export([rich_article, seed_article], out, "conll", scheme)
    lines = out.read_text(encoding="utf-8").split("\n")
    assert lines[0] == "-DOCSTART- -X- O O" and lines[1] == ""
    assert all(len(line.split(" ")) == 4 for line in lines if line and not line.startswith("-DOCSTART-"))
    converted = subprocess.run(
        [sys.executable, "-m", "spacy", "convert", str(out), str(tmp_path), "--converter", "ner"],
        capture_output=True,
        text=True,
    )
    assert converted.returncode == 0, converted.stdout + converted.stderr
    docs = list(DocBin().from_disk(tmp_path / "data.spacy").get_docs(spacy.blank("en").vocab))
    assert len(docs) == 2
    for item, doc in zip(map(decisions_of, [rich_article, seed_article]), docs):
        kept, _ = resolve_overlaps(item.annotations.on_layer(Layer.ENTITY))
        text = item.article.text
        expected = [
            (" ".join(text[a:b] for a, b in item.tokens.tokens if s.start <= a and b <= s.end), s.label) for s in kept
        ]
        assert [(e.text, e.label_) for e in doc.ents] == expected
        assert len(doc) == len(item.tokens.tokens)
    assert report.overlaps_resolved == 2


def test_events_csv_has_one_row_per_event(tmp_path, scheme, rich_article, seed_article):
    out = tmp_path / "events.csv"
    write_export([rich_article, seed_article], out, "events-csv", scheme)
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(rich_article.annotations.events) + len(seed_article.annotations.events)
    shelling = rows[0]
    assert (
        shelling["event_type"],
        shelling["sub_event_type"],
        shelling["actors"],
        shelling["location"],
        shelling["time"],
        shelling["fatalities_text"],
    ) == (
        "EXPLOSION_REMOTE",
        "Shelling/artillery/missile attack",
        "Rebels",
        "Kharkiv",
        "Monday",
        "3 people",
    )
    assert (shelling["actor1"], shelling["fatalities"], shelling["event_label"]) == ("Rebels", "3", "EXPLOSION_REMOTE")
    assert (shelling["article_id"], shelling["title"], shelling["published"], shelling["trigger"]) == (
        "7",
        "Shelling",
        "2025-05-12",
        "shelled",
    )
    assert rows[1]["negated"] == "true" and rows[1]["location"] == "東京"
    agree = next(r for r in rows if r["event_type"] == "AGREE")
    assert agree["actors"] == "Ukraine; Russia" and agree["time"] == "today"
