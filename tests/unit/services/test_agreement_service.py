"""`annotator agreement` over a real project: the re3d case (b keeps 90% of a's spans,
entity F1 0.947) brought together by a merge, quotes and events part by part, the model
as one more annotator."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from annotator.core.errors import ValidationError
from annotator.core.model import Annotations, Argument, Article, ArticleStatus, Event, Layer, Quote, Span, Status
from annotator.core.text import article_uid
from annotator.services.agreement import measure
from annotator.services.importing import import_sources
from annotator.services.merge import merge_packages
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles

RE3D_LABELS = {
    "Organisation": "ORG",
    "Location": "LOC",
    "Person": "PERSON",
    "Nationality": "NORP",
    "Temporal": "DATE",
    "Weapon": "WEAPON",
    "MilitaryPlatform": "WEAPON",
    "Quantity": "QUANTITY",
}


def re3d_doccano(samples: Path, out: Path) -> int:
    """The re3d documents with their gold entities, as doccano JSONL. RETURNS the article count."""
    lines = []
    for folder in sorted((samples / "re3d").glob("*/")):
        entities = defaultdict(list)
        for line in (folder / "entities.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                entity = json.loads(line)
                if entity["type"] in RE3D_LABELS:
                    entities[entity["documentId"]].append([entity["begin"], entity["end"], RE3D_LABELS[entity["type"]]])
        for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines():
            if line.strip():
                document = json.loads(line)
                lines.append(
                    json.dumps(
                        {
                            "text": document["text"],
                            "title": document.get("title", ""),
                            "label": entities[document["_id"]],
                        }
                    )
                )
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def test_re3d_b_with_ninety_percent_of_as_spans_has_entity_f1_0_947(tmp_path: Path, samples_dir: Path) -> None:
    source = tmp_path / "re3d-a.jsonl"
    documents = re3d_doccano(samples_dir, source)
    with Project.open(tmp_path / "team.db") as project:
        report = import_sources(project, [source], fmt="doccano", annotator="a")
        assert report.imported == documents == 71
        stored = {
            info.article_id: sets.load_annotations(project.db, info.id).on_layer(Layer.ENTITY)
            for info in sets.sets_for_annotator(project.db, "a")
        }
        everything = sorted(
            (article_id, s.start, s.end, s.label) for article_id, spans in stored.items() for s in spans
        )
        keep = round(0.9 * len(everything))
        dropped = set(
            everything[i]
            for i in range(len(everything))
            if i * keep // len(everything) == (i + 1) * keep // len(everything)
        )
        assert len(everything) - len(dropped) == keep and len(everything) > 1000
        lines = []
        for article_id, spans in stored.items():
            text = project.article(article_id).text
            kept = [[s.start, s.end, s.label] for s in spans if (article_id, s.start, s.end, s.label) not in dropped]
            lines.append(json.dumps({"text": text, "label": kept}))
    (tmp_path / "re3d-b.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with Project.open(tmp_path / "b.db") as b_project:
        import_sources(b_project, [tmp_path / "re3d-b.jsonl"], fmt="doccano", annotator="b")
    with Project.open(tmp_path / "team.db") as project:
        merged = merge_packages(project, [tmp_path / "b.db"])
        assert merged.articles_added == 0 and merged.sets_added == documents
        result = measure(project, ["a", "b"], ["entity"])
    (pair,) = result.layers["entity"]
    exact = pair.exact["ALL"]
    assert exact.precision == 1.0 and exact.recall == pytest.approx(0.9, abs=5e-4)
    assert round(exact.f1, 3) == 0.947
    assert pair.articles == documents
    assert 0.9 < pair.kappa < 1.0 and 0.9 < result.alpha["entity"][0] < 1.0


TEXT = "“We will hold the line,” the mayor said on Monday. Rebels shelled Kharkiv, killing 3 people."


def at(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def version(speaker: str, event_type: str, role_word: str, with_date: bool = True) -> Annotations:
    quote = Span(*at("We will hold the line,"), "QUOTE", Layer.QUOTE, Status.ACCEPTED)
    who = Span(*at(speaker), "SPEAKER", Layer.SPEAKER, Status.ACCEPTED)
    cue = Span(*at("said"), "CUE", Layer.CUE, Status.ACCEPTED)
    trigger = Span(*at("shelled"), event_type, Layer.TRIGGER, Status.ACCEPTED)
    argument = Span(*at(role_word), "ACTOR", Layer.ARGUMENT, Status.ACCEPTED)
    entities = [Span(*at("Kharkiv"), "GPE", status=Status.ACCEPTED)]
    if with_date:
        entities.append(Span(*at("Monday"), "DATE", status=Status.ACCEPTED))
    return Annotations(
        (quote, who, cue, trigger, argument, *entities),
        (Quote(quote, who, cue),),
        (Event(trigger, event_type, arguments=(Argument("ACTOR", argument),)),),
    )


@pytest.fixture
def project(tmp_path: Path) -> Project:
    with Project.open(tmp_path / "p.db") as opened:
        article_id = insert_articles(opened.db, [Article(article_uid(TEXT), TEXT, "Kharkiv")]).inserted[
            article_uid(TEXT)
        ]
        for name, annotations in (
            ("alice", version("the mayor", "EXPLOSION_REMOTE", "Rebels")),
            ("bob", version("mayor", "BATTLE", "Rebels", with_date=False)),
        ):
            set_id = sets.create_set(opened.db, article_id, name, status=ArticleStatus.DONE)
            sets.insert_annotations(opened.db, set_id, annotations)
        sets.store_suggestions(opened.db, "test-model", [(article_id, Annotations((Span(*at("Kharkiv"), "GPE"),)))])
        yield opened


def test_quotes_and_events_part_by_part(project: Project) -> None:
    result = measure(project)
    assert result.annotators == ["alice", "bob"]
    (entity,) = result.layers["entity"]
    assert entity.exact["ALL"].precision == 1.0 and entity.exact["ALL"].recall == 0.5
    (quote,) = result.layers["quote"]
    assert quote.exact["ALL"].f1 == 1.0
    assert quote.parts["speaker"].value == 0.0 and quote.parts["speaker_overlap"].value == 1.0
    assert quote.parts["cue"].value == 1.0 and quote.parts["kind"].value == 1.0
    (event,) = result.layers["event"]
    assert event.exact["ALL"].f1 == 0.0 and event.spans_exact.f1 == 1.0  # same trigger, other type
    assert event.parts["type"].value == 0.0 and event.parts["negated"].value == 1.0
    assert event.roles_exact["ACTOR"].f1 == 1.0
    assert result.articles[0].disagreements == 3  # Monday, and the trigger's type both ways
    data = result.as_dict()
    assert data["layers"]["quote"]["pairs"][0]["speaker"]["agreement"] == 0.0
    assert "alice – bob" in "\n".join(result.lines())


def test_the_model_is_one_more_annotator(project: Project) -> None:
    result = measure(project, ["alice", "model"], ["entity"])
    (pair,) = result.layers["entity"]
    assert (pair.exact["ALL"].precision, pair.exact["ALL"].recall) == (1.0, 0.5)


def test_clear_errors(project: Project) -> None:
    with pytest.raises(ValidationError, match="carol"):
        measure(project, ["alice", "carol"])
    with pytest.raises(ValidationError, match="at least two"):
        measure(project, ["alice"])
    with pytest.raises(ValidationError, match="layer"):
        measure(project, layers=["relation"])
