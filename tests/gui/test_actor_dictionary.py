"""The actor dictionary view: seed, filter, edit, merge."""

import pytest

from annotator.services import actors as service
from annotator.ui.actor_dictionary import ActorDictionaryDialog

pytestmark = pytest.mark.gui


def test_load_seed_filter_edit_and_merge(window, qtbot) -> None:
    dialog = window.actor_tools.show_dictionary()
    qtbot.addWidget(dialog)
    assert isinstance(dialog, ActorDictionaryDialog) and dialog.table.rowCount() == 0
    assert "empty" in dialog.summary.text()
    dialog.load_seed()
    assert dialog.table.rowCount() == len(service.seed_actors())
    dialog.filter.setText("daesh")
    shown = [dialog.actors[r].name for r in range(dialog.table.rowCount()) if not dialog.table.isRowHidden(r)]
    assert shown == ["Global Coalition against Daesh", "Islamic State"]

    dialog.new_actor()
    dialog.name.setText("ISIS remnants")
    dialog.aliases.setPlainText("IS remnants\n")
    dialog.wikidata.setText("Q123")
    dialog.save()
    saved = next(a for a in service.project_actors(window.project) if a.name == "ISIS remnants")
    assert saved.aliases == ("IS remnants",) and saved.wikidata == "Q123"

    dialog.select_actor(saved.id)
    dialog.parent_actor.setCurrentIndex(dialog.parent_actor.findData("Islamic State"))
    dialog.save()
    assert (
        next(a for a in service.project_actors(window.project) if a.name == "ISIS remnants").parent == "Islamic State"
    )
    row = next(r for r, a in enumerate(dialog.actors) if a.name == "ISIS remnants")
    assert dialog.table.item(row, 4).text() == "Islamic State"
    dialog.close()
