"""Actor links travel in our JSONL: each names its actor by canonical name, and an import
links the same spans to the same actors of the project's dictionary."""

from __future__ import annotations

import json
from pathlib import Path

from annotator.core.actors import Actor
from annotator.services.actors import link_with_alias
from annotator.services.exporting import export_project
from annotator.services.importing import import_sources
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import actors as store
from tests.unit.services.test_actor_links_merge import links
from tests.unit.services.test_packages_merge import make_project

LINKED = {("Russian forces", "Russian Armed Forces"), ("Kharkiv", "Kharkiv Oblast administration")}


def _linked_export(tmp_path: Path) -> Path:
    with make_project(tmp_path / "main.db") as project:
        session = AnnotationSession(project, "alice")
        article = next(i for i in project.article_ids() if "Russian forces" in project.article(i).text)
        session.open(article)
        text = session.text
        session.add_span(text.index("Russian forces"), text.index("Russian forces") + 14, "ORG")
        for words, name in sorted(LINKED):
            span = next(s for s in session.annotations.spans if s.text_in(text) == words)
            actor, _ = link_with_alias(project, name, words)
            session.link_actor(span, actor.id)  # type: ignore[arg-type]  # stored: id set
        session.accept_all()
        session.finish()
        assert links(project) == LINKED
        out = tmp_path / "out.jsonl"
        export_project(project, out, "jsonl", "alice", "done")
    return out


def test_links_come_back_when_the_dictionary_knows_the_actors(tmp_path: Path) -> None:
    out = _linked_export(tmp_path)
    record = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    named = {(record["spans"][link["span"]]["start"], link["actor"]) for link in record["actors"]}
    assert {actor for _, actor in named} == {name for _, name in LINKED}
    with Project.open(tmp_path / "other.db") as other:
        store.import_actors(other.db, [Actor(name) for _, name in LINKED])
        report = import_sources(other, [out], fmt="jsonl-ours")
        assert report.imported == 1 and not report.problems, report.problems
        assert links(other) == LINKED


def test_links_to_actors_the_dictionary_lacks_are_reported_and_left_out(tmp_path: Path) -> None:
    out = _linked_export(tmp_path)
    with Project.open(tmp_path / "other.db") as other:
        store.import_actors(other.db, [Actor("Russian Armed Forces")])
        report = import_sources(other, [out], fmt="jsonl-ours")
        assert report.imported == 1
        assert len(report.problems) == 1 and "Kharkiv Oblast administration" in report.problems[0]
        assert "actors-import" in report.problems[0]
        assert links(other) == {("Russian forces", "Russian Armed Forces")}
