"""The entity ruler takes the project's actor dictionary as extra patterns."""

from pathlib import Path

import pytest

from annotator.core.actors import Actor, InteractionCode
from annotator.core.model import Article
from annotator.core.text import article_uid
from annotator.nlp.entities import set_project_patterns
from annotator.nlp.pipeline import load_pipeline
from annotator.services.actors import ruler_patterns
from annotator.services.preannotate import preannotate
from annotator.services.project import Project
from annotator.store import actors as store
from annotator.store.articles import insert_articles

TEXT = "Militants of Liwa Zarqawi attacked a checkpoint near Deir ez-Zor on Sunday."


@pytest.mark.model
def test_a_dictionary_name_corrects_the_label_the_model_alone_gives(tmp_path: Path) -> None:
    nlp = load_pipeline()
    try:
        assert all(ent.text != "Liwa Zarqawi" or ent.label_ != "ARMED_GROUP" for ent in nlp(TEXT).ents)
        with Project.open(tmp_path / "p.db") as project:
            insert_articles(project.db, [Article(article_uid(TEXT), TEXT)])
            store.save_actor(project.db, Actor("Liwa Zarqawi", ("LZ",), InteractionCode.POLITICAL_MILITIAS))
            store.save_actor(project.db, Actor("Deir ez-Zor police", (), InteractionCode.STATE_FORCES))
            patterns = ruler_patterns(project)
            assert [p["pattern"] for p in patterns] == ["Liwa Zarqawi"]
            assert {p["label"] for p in patterns} == {"ARMED_GROUP"}
            preannotate(project, nlp=nlp)
            spans = project.suggestions(1).spans
            assert ("Liwa Zarqawi", "ARMED_GROUP") in {(TEXT[s.start : s.end], s.label) for s in spans}
    finally:
        set_project_patterns(nlp, [])
    assert all(ent.label_ != "ARMED_GROUP" or ent.text != "Liwa Zarqawi" for ent in nlp(TEXT).ents)
