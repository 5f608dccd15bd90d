"""Actor links travel with work packages: pack copies the dictionary, links made in the
package (to a known actor and to one made there) come back with `merge`, once."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.core.actors import Actor
from annotator.services.actors import link_with_alias
from annotator.services.assign import assign_articles
from annotator.services.merge import merge_packages
from annotator.services.packages import pack
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import actors as store
from annotator.store import annotations as sets
from tests.unit.services.test_packages_merge import make_project


@pytest.fixture
def main(tmp_path: Path) -> Project:
    project = make_project(tmp_path / "main.db")
    store.import_actors(
        project.db,
        [Actor("Armed Forces of Ukraine", ("Ukrainian army",)), Actor("3rd Brigade", parent="Armed Forces of Ukraine")],
    )
    store.save_actor(project.db, Actor("Russian Armed Forces", ("Russian military",)))
    assign_articles(project, ["alice"], overlap=0, seed=1)
    yield project
    project.close()


def links(project: Project, annotator: str = "alice") -> set[tuple[str, str]]:
    names = {a.id: a.name for a in store.list_actors(project.db)}
    found = set()
    for info in sets.sets_for_annotator(project.db, annotator):
        article = project.article(info.article_id)
        found |= {
            (link.span.text_in(article.text), names[link.actor_id])
            for link in sets.load_annotations(project.db, info.id).actor_links
        }
    return found


def test_links_made_in_a_package_come_back_with_new_actors(main: Project, tmp_path: Path) -> None:
    package_path = tmp_path / "alice.db"
    pack(main, package_path, "alice")
    with Project.open(package_path) as package:
        assert [a.name for a in store.list_actors(package.db)] == [
            "3rd Brigade",
            "Armed Forces of Ukraine",
            "Russian Armed Forces",
        ]
        assert store.get_actor(package.db, store.actor_id_by_name(package.db, "3rd Brigade")).parent == (  # type: ignore[arg-type]
            "Armed Forces of Ukraine"
        )
        session = AnnotationSession(package, "alice")
        article = next(i for i in package.article_ids() if "Russian forces" in package.article(i).text)
        session.open(article)
        text = session.text
        session.add_span(text.index("Russian forces"), text.index("Russian forces") + 14, "ORG")
        span = next(s for s in session.annotations.spans if s.text_in(text) == "Russian forces")
        actor, _ = link_with_alias(package, "Russian Armed Forces", "Russian forces")
        session.link_actor(span, actor.id)  # type: ignore[arg-type]
        kharkiv = next(s for s in session.annotations.spans if s.text_in(text) == "Kharkiv")
        new, _ = link_with_alias(package, "Kharkiv Oblast administration", "Kharkiv")
        session.link_actor(kharkiv, new.id)  # type: ignore[arg-type]

    report = merge_packages(main, [package_path])
    assert report.sets_added == 1 and not report.conflicts
    assert links(main) == {("Russian forces", "Russian Armed Forces"), ("Kharkiv", "Kharkiv Oblast administration")}
    assert "Russian forces" in store.get_actor(main.db, store.actor_id_by_name(main.db, "Russian Armed Forces")).aliases  # type: ignore[arg-type]

    with Project.open(package_path) as package:
        session = AnnotationSession(package, "alice")
        article = next(i for i in package.article_ids() if "Russian forces" in package.article(i).text)
        session.open(article)
        session.unlink_actor(next(s for s in session.annotations.spans if s.text_in(session.text) == "Kharkiv"))
    again = merge_packages(main, [package_path])
    assert again.sets_taken == 1 and not again.conflicts
    assert links(main) == {("Russian forces", "Russian Armed Forces")}
    assert merge_packages(main, [package_path]).sets_taken == 0
