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

import pytest

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
        (key(ev.trigger), ev.event_type, ev.sub_type, ev.negated, ev.hypothetical, ev.future,
         tuple(sorted((a.role, key(a.span)) for a in ev.arguments)))
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
    assert sum(s.layer == Layer.SPEAKER for s in back.spans) == sum(s.layer == Layer.SPEAKER for s in original.spans) > 0
    assert sum(len(ev.arguments) for ev in back.events) == sum(len(ev.arguments) for ev in original.events) > 0
    assert_same_files(first, second)
