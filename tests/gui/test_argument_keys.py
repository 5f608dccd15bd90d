"""A number key on an event argument never turns it into an entity: it gives the argument
the role on that key, if the event's type takes it (issue 10, item 3)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import exported_events, find, stored, stored_spans

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_number_key_on_an_argument_changes_its_role_not_its_layer(qtbot, window, view, project_path):
    window.gestures.select(find(view, "shelled"))
    qtbot.keyClick(view, Qt.Key.Key_A)  # the event is accepted, with its arguments
    forces = find(view, "Russian forces")  # the ACTOR of "shelled", an argument-only span
    window.gestures.select(forces)
    qtbot.keyClick(view, Qt.Key.Key_3)  # GPE as an entity key; ASSOC_ACTOR as a role key
    assert (forces.start, forces.end, "GPE") not in stored_spans(project_path)
    assert not [s for s in stored(project_path).annotations.spans if s.layer == "entity" and s.start == forces.start]
    event = stored(project_path).annotations.events[0]
    assert {(a.role, a.span.start) for a in event.arguments} >= {("ASSOC_ACTOR", forces.start)}
    assert "role ACTOR → ASSOC_ACTOR" in window.statusBar().currentMessage()
    assert exported_events(project_path)[0]["assoc_actors"] == "Russian forces"
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)
    assert {a.role for a in stored(project_path).annotations.events[0].arguments} == {"ACTOR", "LOCATION"}


def test_a_role_the_event_type_does_not_take_is_refused(qtbot, window, view, project_path):
    window.gestures.select(find(view, "Russian forces"))
    qtbot.keyClick(view, Qt.Key.Key_8)  # ARRESTED: not a role of EXPLOSION_REMOTE
    assert "does not fit" in window.statusBar().currentMessage()
    assert {a.role for a in stored(project_path).annotations.events[0].arguments} == {"ACTOR", "LOCATION"}


def test_a_number_key_on_an_entity_that_is_also_an_argument_relabels_the_entity(qtbot, window, view, project_path):
    kharkiv = find(view, "Kharkiv")  # a GPE entity and the LOCATION of "shelled"
    window.gestures.select(kharkiv)
    qtbot.keyClick(view, Qt.Key.Key_4)  # LOC
    assert stored_spans(project_path)[(kharkiv.start, kharkiv.end, "LOC")] == "accepted"
    assert {a.role for a in stored(project_path).annotations.events[0].arguments} == {"ACTOR", "LOCATION"}
