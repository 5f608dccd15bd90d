"""Rejecting an entity offers to drop the arguments and speakers on the same words, so an
accept-all afterwards cannot export them (issue 10, item 4; docs/adr/0011)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.gui.conftest import answer, exported_events, find, select_text, stored

pytestmark = pytest.mark.gui
CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def _entity_on_the_actor(qtbot, window, view):
    """An ARMED_GROUP entity on "Russian forces", the words of the ACTOR argument."""
    select_text(view, "Russian forces")
    qtbot.keyClick(view, Qt.Key.Key_6)
    return window.gestures.selected


def test_reject_then_accept_all_exports_no_argument_on_those_words(qtbot, window, view, project_path, monkeypatch):
    entity = _entity_on_the_actor(qtbot, window, view)
    assert entity.layer == "entity" and entity.label == "ARMED_GROUP"
    asked = answer(qtbot, monkeypatch, "Drop")
    qtbot.keyClick(view, Qt.Key.Key_X)
    assert "ACTOR of “shelled”" in asked[0]
    qtbot.keyClick(view, Qt.Key.Key_A, CTRL | SHIFT)
    (event,) = stored(project_path).annotations.events
    assert {a.role for a in event.arguments} == {"LOCATION"}
    assert exported_events(project_path)[0]["actors"] == ""
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo accept-all
    qtbot.keyClick(view, Qt.Key.Key_Z, CTRL)  # undo the reject: the argument is back
    assert {a.role for a in stored(project_path).annotations.events[0].arguments} == {"ACTOR", "LOCATION"}


def test_keep_leaves_the_argument(qtbot, window, view, project_path, monkeypatch):
    _entity_on_the_actor(qtbot, window, view)
    answer(qtbot, monkeypatch, "Keep")
    qtbot.keyClick(view, Qt.Key.Key_X)
    assert {a.role for a in stored(project_path).annotations.events[0].arguments} == {"ACTOR", "LOCATION"}
    assert window.gestures.selected.status == "rejected"


def test_cancel_rejects_nothing(qtbot, window, view, project_path, monkeypatch):
    entity = _entity_on_the_actor(qtbot, window, view)
    answer(qtbot, monkeypatch, "Cancel")
    qtbot.keyClick(view, Qt.Key.Key_X)
    assert find(view, "Russian forces", layer="entity").status == entity.status == "accepted"


def test_rejecting_a_speaker_offers_to_unlink_it_from_its_quote(qtbot, window, view, project_path, monkeypatch):
    window.gestures.select(find(view, "Vladimir Medinsky"))
    asked = answer(qtbot, monkeypatch, "Drop")
    qtbot.keyClick(view, Qt.Key.Key_X)
    assert "SPEAKER of “We are ready" in asked[0]
    assert stored(project_path).annotations.quotes[0].speaker is None


def test_an_entity_with_no_role_on_its_words_is_rejected_without_asking(qtbot, window, view, project_path):
    window.gestures.select(find(view, "Monday"))
    qtbot.keyClick(view, Qt.Key.Key_X)  # ANNOTATOR_NO_DIALOGS would take "drop": nothing is asked
    assert find(view, "Monday").status == "rejected"
