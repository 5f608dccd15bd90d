from pathlib import Path

from annotator.core.model import Article
from annotator.core.sensitive import compile_lexicon, read_lexicon, sensitive_passages
from annotator.core.text import article_uid
from annotator.nlp.tokens import tokenize
from annotator.services.project import Project
from annotator.services.sensitive import blur_enabled, passages, set_blur
from annotator.store.articles import insert_articles

TEXT = (
    "Talks resumed in Istanbul on Friday. Witnesses saw BEHEADED bodies and pools of blood near the market. "
    "The ceasefire held. Farmers planted rapeseed. Prisoners said they were tortured."
)


def test_sentences_with_lexicon_words_are_passages() -> None:
    found = sensitive_passages(TEXT, next(tokenize([TEXT])))
    assert [TEXT[p.start : p.end] for p in found] == [
        "Witnesses saw BEHEADED bodies and pools of blood near the market.",
        "Prisoners said they were tortured.",
    ]
    assert found[0].terms == ("beheaded", "pools of blood")


def test_wildcards_and_word_boundaries() -> None:
    pattern = compile_lexicon(read_lexicon("# comment\nbehead*\nrape\nslit* throat*\n\n"))
    assert pattern is not None
    assert pattern.search("a beheading video") and pattern.search("they slit throats")
    assert not pattern.search("rapeseed oil") and not pattern.search("unbeheaded")
    assert compile_lexicon(()) is None


def test_blur_is_on_by_default_and_remembered_per_annotator(tmp_path: Path) -> None:
    with Project.open(tmp_path / "p.db") as project:
        article_id = insert_articles(project.db, [Article(article_uid(TEXT), TEXT)]).inserted[article_uid(TEXT)]
        assert len(passages(project, article_id)) == 2
        assert blur_enabled(project, "alice") and blur_enabled(project, "bob")
        set_blur(project, "alice", False)
    with Project.open(tmp_path / "p.db") as project:
        assert not blur_enabled(project, "alice") and blur_enabled(project, "bob")
