"""L links the selected span to a dictionary actor and adds its words as an alias."""

import pytest
from PySide6.QtCore import Qt

from annotator.core.actors import Actor
from annotator.store import actors as store
from tests.gui.conftest import find, stored

pytestmark = pytest.mark.gui


def test_l_links_the_span_adds_the_alias_and_undo_unlinks(window, qtbot, project_path, monkeypatch) -> None:
    store.save_actor(window.project.db, Actor("Russian Armed Forces", ("Russian military",)))
    linker = window.actor_tools.linker
    forces = find(window.view, "Russian forces")
    window.gestures.select(forces)
    assert linker.choices(forces)[0] == "Russian Armed Forces", "the only actor comes first"
    monkeypatch.setattr(linker, "choose", lambda span: "Russian Armed Forces")
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    actor = store.get_actor(window.project.db, store.actor_id_by_name(window.project.db, "Russian Armed Forces"))
    assert actor.aliases == ("Russian military", "Russian forces")
    assert "“Russian forces” is now one of its aliases" in window.statusBar().currentMessage()
    assert window.actor_tools.actor_label.text() == "actor: Russian Armed Forces"
    assert [link.actor_id for link in stored(project_path).annotations.actor_links] == [actor.id]
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(project_path).annotations.actor_links == ()


def test_the_label_proposes_an_actor_from_the_aliases_and_a_new_name_makes_one(window, qtbot, monkeypatch) -> None:
    store.save_actor(window.project.db, Actor("Russian Armed Forces", ("Russian forces",)))
    forces = find(window.view, "Russian forces")
    window.gestures.select(forces)
    assert window.actor_tools.actor_label.text() == "actor? Russian Armed Forces (exact) — L to link"
    medinsky = find(window.view, "Vladimir Medinsky")
    window.gestures.select(medinsky)
    assert window.actor_tools.actor_label.text() == "actor: none (L to link)"
    monkeypatch.setattr(window.actor_tools.linker, "choose", lambda span: "Russian delegation")
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    assert store.get_actor(
        window.project.db, store.actor_id_by_name(window.project.db, "Russian delegation")
    ).aliases == ("Vladimir Medinsky",)


def test_l_without_a_span_says_what_to_do(window, qtbot) -> None:
    window.gestures.select(None)
    qtbot.keyClick(window.view, Qt.Key.Key_L)
    assert "select an entity or argument span first" in window.statusBar().currentMessage()
