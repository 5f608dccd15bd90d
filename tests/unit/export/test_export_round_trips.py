"""Export → import → export through our own peer-format files loses nothing.

Two projects are sent through Prodigy, doccano, Label Studio and brat: the seed gold
(brat standoff with quotes, speakers, cues and events) and an annotated project built
from the seed text the way a person builds one (pre-annotated by the model, suggestions
accepted, then edited: flags, a quote kind, an entity labelled TIME, an argument labelled
GPE). The second carries what the flat formats used to lose: speakers on the speaker layer
labelled PERSON, argument spans labelled with their role, sub-types and flags.
"""

from __future__ import annotations

import filecmp
import shutil
from collections import Counter
from pathlib import Path

import bratly
import pytest
import srsly

from annotator.core import edits as e
from annotator.core.model import Annotations, Argument, ArticleStatus, Layer, QuoteKind
from annotator.services.exporting import export_project
from annotator.services.importing import import_sources
from annotator.services.preannotate import preannotate
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store.annotations import annotator_names

FORMATS = {"prodigy": "tasks.jsonl", "doccano": "records.jsonl", "labelstudio": "tasks.json", "brat": "brat"}


def content(annotations: Annotations) -> tuple[Counter, Counter, Counter]:
    """Spans, quotes (speaker, cue, kind) and events (type, sub-type, flags, arguments) by content."""

    def key(span):
        return None if span is None else span.key

    spans = Counter(key(s) for s in annotations.spans)
    quotes = Counter((key(q.content), key(q.speaker), key(q.cue), q.kind) for q in annotations.quotes)
    events = Counter(
        (
            key(ev.trigger),
            ev.event_type,
            ev.sub_type,
            ev.negated,
            ev.hypothetical,
            ev.future,
            tuple(sorted((a.role, key(a.span)) for a in ev.arguments)),
        )
        for ev in annotations.events
    )
    return spans, quotes, events


def only_set(db: Path) -> tuple[str, Annotations]:
    """The one person's set of the one article in a project imported from a file."""
    with Project.open(db, create=False, readonly=True) as project:
        [name] = annotator_names(project.db)
        [item] = project.annotated(name)
        return name, item.annotations


@pytest.fixture(scope="module")
def seed_gold(tmp_path_factory, samples_dir: Path) -> Path:
    db = tmp_path_factory.mktemp("gold") / "gold.db"
    with Project.open(db) as project:
        report = import_sources(project, [samples_dir / "seed"])
    assert report.problems == [] and report.annotated == 1
    return db


@pytest.fixture(scope="module")
def annotated(tmp_path_factory, seed_text_path: Path) -> Path:
    """The seed text pre-annotated, all suggestions accepted by alice, then edited by her."""
    folder = tmp_path_factory.mktemp("annotated")
    text_path = folder / seed_text_path.name
    shutil.copyfile(seed_text_path, text_path)
    db = folder / "annotated.db"
    with Project.open(db) as project:
        import_sources(project, [text_path])
        preannotate(project)
        session = AnnotationSession(project, "alice")
        session.open(project.article_ids()[0])
        session.accept_all()
        text = session.text
        event = session.annotations.events[0]
        session.change_event(event, negated=True, future=True)
        session.change_event(session.annotations.events[1], hypothetical=True, sub_type="")
        session.change_quote_kind(session.annotations.quotes[0], QuoteKind.MIXED)
        ago = text.index("17 hrs ago")
        session.add_span(ago, ago + len("17 hrs ago"), "TIME", Layer.ENTITY)
        istanbul = text.index("Istanbul")
        session.add_span(istanbul, istanbul + len("Istanbul"), "GPE", Layer.ARGUMENT)
        place = next(s for s in session.annotations.spans if s.layer == Layer.ARGUMENT and s.label == "GPE")
        event = session.annotations.events[0]
        session.apply(e.AddArgument(event.id, Argument("LOCATION", place)))
        session.set_status(ArticleStatus.DONE)
        annotations = session.annotations.decided()
    assert any(s.layer == Layer.SPEAKER and s.label == "PERSON" for s in annotations.spans)
    assert any(s.layer == Layer.ARGUMENT and s.label == "ACTOR" for s in annotations.spans)
    assert any(ev.sub_type for ev in annotations.events)
    return db


def round_trip(db: Path, fmt: str, folder: Path) -> tuple[Path, Path, Path]:
    """Export `db`, import the file into a new project, export that: (first, second, new db)."""
    first, second = folder / "first" / FORMATS[fmt], folder / "second" / FORMATS[fmt]
    with Project.open(db, create=False, readonly=True) as project:
        [name] = annotator_names(project.db) - {"model"}
        export_project(project, first, fmt, annotator=name)
    copy = folder / "copy.db"
    with Project.open(copy) as project:
        report = import_sources(project, [first], fmt=fmt)
    assert report.problems == [], report.problems[:5]
    assert report.annotated == 1
    with Project.open(copy, create=False, readonly=True) as project:
        [name] = annotator_names(project.db)
        export_project(project, second, fmt, annotator=name)
    return first, second, copy


def assert_same_files(first: Path, second: Path) -> None:
    if first.is_dir():
        names = sorted(p.name for p in first.iterdir())
        assert names == sorted(p.name for p in second.iterdir())
        match, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
        assert (mismatch, errors) == ([], [])
    else:
        assert first.read_text(encoding="utf-8") == second.read_text(encoding="utf-8")
        for extra in first.parent.glob("*.config.xml"):
            assert extra.read_bytes() == (second.parent / extra.name).read_bytes()


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_seed_gold_round_trip_keeps_everything(seed_gold: Path, fmt: str, tmp_path: Path) -> None:
    first, second, copy = round_trip(seed_gold, fmt, tmp_path)
    _, original = only_set(seed_gold)
    _, back = only_set(copy)
    assert content(back) == content(original)
    spans, quotes, events = content(back)
    assert sum(1 for q in quotes if q[1] is not None) == 8, "the gold's 8 speakers"
    assert ("NEGOTIATE", "Consult") in {(ev[1], ev[2]) for ev in events}
    assert_same_files(first, second)


@pytest.mark.model
@pytest.mark.parametrize("fmt", list(FORMATS))
def test_annotated_project_round_trip_keeps_everything(annotated: Path, fmt: str, tmp_path: Path) -> None:
    first, second, copy = round_trip(annotated, fmt, tmp_path)
    with Project.open(annotated, create=False, readonly=True) as project:
        [item] = project.annotated("alice")
        original = item.annotations.decided()
    _, back = only_set(copy)
    assert content(back) == content(original)
    assert (
        sum(s.layer == Layer.SPEAKER for s in back.spans) == sum(s.layer == Layer.SPEAKER for s in original.spans) > 0
    )
    assert sum(len(ev.arguments) for ev in back.events) == sum(len(ev.arguments) for ev in original.events) > 0
    assert_same_files(first, second)


def conf_sections(conf: str) -> dict[str, list[str]]:
    """annotation.conf as section → non-empty, non-comment lines."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in conf.splitlines():
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        elif line.strip() and not line.startswith("#"):
            sections[current].append(line)
    return sections


@pytest.mark.model
def test_brat_export_parses_with_bratly_and_declares_what_it_uses(annotated: Path, tmp_path: Path) -> None:
    with Project.open(annotated, create=False, readonly=True) as project:
        export_project(project, tmp_path, "brat", annotator="alice")
    [ann] = tmp_path.glob("*.ann")
    text = ann.with_suffix(".txt").read_text(encoding="utf-8")
    entities: dict = {}
    relations, events, attributes = [], [], []
    for line in ann.read_text(encoding="utf-8").splitlines():
        kind = line[0]
        if kind == "T":
            entity = bratly.EntityAnnotation.from_line(line)
            assert text[entity.get_start() : entity.get_end()] == entity.content
            entities[entity.id] = entity
        elif kind == "R":
            relations.append(bratly.RelationAnnotation.from_line(line, entities))
        elif kind == "E" and " " not in line:
            # An event without arguments is valid brat; bratly's line pattern wants one.
            eid, anchor = line.split("\t")
            label, trigger = anchor.split(":")
            event = bratly.EventAnnotation(id=eid, label=label, event_trigger=entities[trigger], args={})
            entities[event.id] = event
            events.append(event)
        elif kind == "E":
            event = bratly.EventAnnotation.from_line(line, entities)
            entities[event.id] = event
            events.append(event)
        elif kind == "A":
            attributes.append(bratly.AttributeAnnotation.from_line(line, entities))
        else:
            raise AssertionError(f"unexpected line {line!r}")
    document = bratly.Document(fullpath=str(ann.with_suffix(".txt")), text=text)
    document.add_annotation_collection(bratly.AnnotationCollection(annotations=list(entities.values())))
    assert document.check_ann_compatibility_with_txt()

    sections = conf_sections((tmp_path / "annotation.conf").read_text(encoding="utf-8"))
    declared_entities = set(sections["entities"])
    declared_events = {line.split("\t")[0]: line.split("\t")[1] for line in sections["events"]}
    declared_relations = {line.split("\t")[0] for line in sections["relations"]}
    declared_attributes = {line.split("\t")[0]: line.split("\t")[1] for line in sections["attributes"]}
    triggers = {event.event_trigger.id for event in events}
    for entity in entities.values():
        if isinstance(entity, bratly.EntityAnnotation) and entity.id not in triggers:
            assert entity.label in declared_entities, entity
    for event in events:
        roles = declared_events[event.label]
        assert all(f"{role.rstrip('0123456789')}*:" in roles for role in event.args), event
    assert {relation.label for relation in relations} == {"Speaker", "Cue"} <= declared_relations
    for attribute in attributes:
        spec = declared_attributes[attribute.label]
        if attribute.values:
            assert attribute.values[0] in spec.split("Value:")[1].split("|"), attribute
    used = Counter(attribute.label for attribute in attributes)
    assert used["Layer"] and used["SubType"] and used["Kind"] and used["Negated"] and used["Future"]
    layers = {attribute.component.id: attribute.values[0] for attribute in attributes if attribute.label == "Layer"}
    speakers = {relation.argument2[1].id for relation in relations if relation.label == "Speaker"}
    assert {layers.get(t) for t in speakers if entities[t].label == "PERSON"} == {"speaker"}
    assert "Layer\tArg:<ENTITY>, Value:entity|quote|speaker|cue|trigger|argument" in sections["attributes"]


@pytest.mark.model
def test_prodigy_export_follows_the_documented_task_format(annotated: Path, tmp_path: Path) -> None:
    out = tmp_path / "tasks.jsonl"
    with Project.open(annotated, create=False, readonly=True) as project:
        export_project(project, out, "prodigy", annotator="alice")
    [task] = srsly.read_jsonl(out)
    tokens = task["tokens"]
    assert all(set(token) == {"text", "start", "end", "id", "ws"} for token in tokens)
    spans = task["spans"]
    for span in spans:
        assert {"start", "end", "token_start", "token_end", "label"} <= set(span)
        assert (tokens[span["token_start"]]["start"], tokens[span["token_end"]]["end"]) == (span["start"], span["end"])
    described = {(s["start"], s["end"], s["label"], s["layer"]) for s in spans}
    assert task["relations"]
    for relation in task["relations"]:
        assert set(relation) == {"head", "child", "head_span", "child_span", "label"}
        for end in ("head", "child"):
            span = relation[f"{end}_span"]
            assert {"start", "end", "token_start", "token_end", "label"} <= set(span)
            assert relation[end] == span["token_end"]
            assert (span["start"], span["end"], span["label"], span["layer"]) in described
    triggers = [s for s in spans if s["layer"] == "trigger"]
    assert triggers and all(set(s["attributes"]) == {"sub_type", "negated", "hypothetical", "future"} for s in triggers)
    assert {s["attributes"]["kind"] for s in spans if s["layer"] == "quote"} >= {"direct", "mixed"}
    assert task["answer"] == "accept" and task["_annotator_id"] == "alice"
