import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.core.model import Article
from annotator.core.resources import resource_path
from annotator.core.sensitive import LEXICON_FILE, compile_lexicon, read_lexicon, sensitive_passages
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


BUNDLED = read_lexicon(resource_path(*LEXICON_FILE).read_text(encoding="utf-8"))


def _one_alternative_per_entry(entries: tuple[str, ...]) -> re.Pattern[str]:
    """The lexicon as it was compiled before the trie: the reference for its matches."""
    parts = [
        r"[\s\-]+".join(
            re.escape(word.rstrip("*")) + (r"[\w’']*" if word.endswith("*") else "")
            for word in re.split(r"[\s\-]+", entry)
        )
        for entry in sorted(set(entries), key=len, reverse=True)
    ]
    return re.compile(r"(?<![\w])(?:" + "|".join(parts) + r")(?![\w])", re.IGNORECASE)


_WORDS = sorted(
    {w for entry in BUNDLED for w in re.split(r"[\s\-]+", entry.replace("*", ""))} | {"un", "ed", "s", "THE"}
)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", "", "-", "\n", ". ", "'", "’", "É"])), max_size=14
    )
)
def test_the_trie_finds_what_one_alternative_per_entry_finds(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word.upper() if len(word) % 3 == 0 else word + gap for word, gap in pieces)
    trie, reference = compile_lexicon(BUNDLED), _one_alternative_per_entry(BUNDLED)
    assert trie is not None
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in reference.finditer(text)]
