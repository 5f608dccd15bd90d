"""Deciding a quote whose speaker is a pronoun resolved to a named entity."""

from annotator.core.model import Annotations, Layer, Quote, Span, Status
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import annotations as sets

TEXT = "Vladimir Medinsky spoke after the talks.\n\n“There will be an exchange of prisoners,” he said."


def offsets(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


def suggested_quote() -> Annotations:
    content = Span(*offsets("There will be an exchange of prisoners,"), "QUOTE", Layer.QUOTE)
    he = Span(*offsets("he"), "SPEAKER", Layer.SPEAKER)
    medinsky = Span(*offsets("Vladimir Medinsky"), "PERSON", Layer.SPEAKER)
    said = Span(*offsets("said"), "CUE", Layer.CUE)
    entity = Span(*offsets("Vladimir Medinsky"), "PERSON")
    return Annotations((entity, medinsky, content, he, said), (Quote(content, he, said, speaker_entity=medinsky),))


def in_store(session: AnnotationSession) -> Annotations:
    stored = sets.load_annotations(session.project.db, session.set_id)
    assert session.annotations == stored, "the session's view must equal what the database holds"
    return stored


def test_the_annotator_receives_mention_and_entity_and_decides_them_with_the_quote(
    project: Project, article_id: int
) -> None:
    sets.store_suggestions(project.db, "m", [(article_id, suggested_quote())])
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    (quote,) = session.annotations.quotes
    assert (quote.speaker.text_in(TEXT), quote.speaker_entity.text_in(TEXT)) == ("he", "Vladimir Medinsky")  # type: ignore[union-attr]
    session.accept(quote.content)
    (quote,) = in_store(session).quotes
    assert quote.speaker.status == quote.speaker_entity.status == Status.ACCEPTED  # type: ignore[union-attr]
    assert [s.status for s in session.annotations.on_layer(Layer.ENTITY)] == [Status.SUGGESTED]
    session.undo()
    assert in_store(session).quotes[0].speaker_entity.status == Status.SUGGESTED  # type: ignore[union-attr]


def test_removing_the_entity_unlinks_it_and_undo_links_it_again(project: Project, article_id: int) -> None:
    sets.store_suggestions(project.db, "m", [(article_id, suggested_quote())])
    session = AnnotationSession(project, "alice")
    session.open(article_id)
    entity = session.annotations.quotes[0].speaker_entity
    session.remove(entity)  # type: ignore[arg-type]
    quote = in_store(session).quotes[0]
    assert quote.speaker_entity is None and quote.speaker.text_in(TEXT) == "he"  # type: ignore[union-attr]
    session.undo()
    assert in_store(session).quotes[0].speaker_entity == entity


def test_an_annotator_links_the_entity_by_hand(project: Project, session: AnnotationSession) -> None:
    session.make_quote(*offsets("There will be an exchange of prisoners"))
    session.link_quote_part(session.annotations.quotes[0], "speaker", *offsets("he"))
    session.add_span(*offsets("Vladimir Medinsky"), "PERSON")
    session.link_quote_part(session.annotations.quotes[0], "speaker_entity", *offsets("Vladimir Medinsky"))
    (quote,) = in_store(session).quotes
    assert quote.speaker.layer == Layer.SPEAKER and quote.speaker_entity.layer == Layer.ENTITY  # type: ignore[union-attr]
    assert quote.named_speaker.text_in(TEXT) == "Vladimir Medinsky"  # type: ignore[union-attr]
    session.undo()
    assert in_store(session).quotes[0].speaker_entity is None
