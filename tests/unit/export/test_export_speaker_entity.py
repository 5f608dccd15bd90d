"""Our JSONL and the DocBin user data carry the speaker as written and its named entity."""

import spacy
from spacy.tokens import DocBin

from annotator.core.model import (
    AnnotatedArticle,
    Annotations,
    Article,
    ArticleStatus,
    Layer,
    Origin,
    Quote,
    Span,
    Status,
)
from annotator.core.text import article_uid
from annotator.export import jsonl_ours, write_export
from annotator.export.report import ExportOptions, ExportReport
from annotator.ingest.ours import read_ours
from annotator.nlp.tokens import tokenize

TEXT = "Vladimir Medinsky spoke.\n\n“There will be an exchange,” he said."


def article() -> AnnotatedArticle:
    def span(word: str, label: str, layer: Layer) -> Span:
        start = TEXT.index(word)
        return Span(start, start + len(word), label, layer, Status.ACCEPTED, Origin.MANUAL)

    entity = span("Vladimir Medinsky", "PERSON", Layer.ENTITY)
    content, he, said = (
        span("There will be an exchange,", "QUOTE", Layer.QUOTE),
        span("he", "SPEAKER", Layer.SPEAKER),
        span("said", "CUE", Layer.CUE),
    )
    annotations = Annotations((entity, content, he, said), (Quote(content, he, said, speaker_entity=entity),))
    return AnnotatedArticle(
        Article(article_uid(TEXT), TEXT), next(tokenize([TEXT])), annotations, "alice", ArticleStatus.DONE
    )


def test_our_jsonl_round_trips_the_speaker_entity(tmp_path, scheme):
    path = tmp_path / "a.jsonl"
    jsonl_ours.write([article()], path, ExportOptions(scheme), ExportReport("jsonl"))
    (back,) = list(read_ours(path))
    (quote,) = back.annotations.quotes
    assert quote.speaker.text_in(TEXT) == "he" and quote.speaker_entity.text_in(TEXT) == "Vladimir Medinsky"
    assert back.annotations == article().annotations.without_ids()


def test_docbin_user_data_names_the_speaker_entity(tmp_path, scheme):
    write_export([article()], tmp_path, "spacy", scheme, dev=0.0)
    (doc,) = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(spacy.blank("en").vocab))
    (quote,) = doc.user_data["quotes"]
    assert TEXT[quote["speaker"][0] : quote["speaker"][1]] == "he"
    assert list(quote["speaker_entity"]) == [0, len("Vladimir Medinsky"), "PERSON"]
