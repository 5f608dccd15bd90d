"""A hand-made corpus: three articles on one air strike in Hajin (different words, dates
and death tolls), one on another strike in Mosul the same days, one on a battle in Hajin."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.core.model import (
    Annotations,
    Argument,
    Article,
    ArticleStatus,
    Event,
    Layer,
    Origin,
    Span,
    Status,
)
from annotator.core.text import article_uid
from annotator.services.project import Project
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles


@dataclass(frozen=True)
class Story:
    title: str
    source: str
    published: str
    text: str
    trigger: str
    event_type: str
    arguments: tuple[tuple[str, str], ...]
    entities: tuple[tuple[str, str], ...] = ()


HAJIN_REUTERS = Story(
    "Air strike kills 12 in Syrian market",
    "Reuters",
    "2024-03-05",
    "An air strike hit a market in Hajin on Monday, killing 12 civilians, a monitor said. "
    "The Global Coalition said it had targeted ISIL fighters. Ahmad Karim, a baker, was among the dead.",
    "air strike",
    "EXPLOSION_REMOTE",
    (
        ("LOCATION", "Hajin"),
        ("TIME", "Monday"),
        ("ACTOR", "Global Coalition"),
        ("TARGET", "ISIL fighters"),
        ("FATALITIES", "12 civilians"),
        ("TARGET", "Ahmad Karim"),
    ),
    (("Ahmad Karim", "PERSON"), ("Hajin", "GPE")),
)
HAJIN_AFP = Story(
    "Coalition jets bomb Hajin",
    "AFP",
    "2024-03-04",
    "Coalition jets bombed the town of Hajin, Syria, today; at least 15 people died, "
    "among them Daesh members, residents said.",
    "bombed",
    "EXPLOSION_REMOTE",
    (
        ("ACTOR", "Coalition"),
        ("LOCATION", "the town of Hajin, Syria"),
        ("TIME", "today"),
        ("FATALITIES", "at least 15 people"),
        ("TARGET", "Daesh members"),
    ),
)
HAJIN_STATE = Story(
    "Statement on civilian casualties in Hajin",
    "US State Department",
    "2024-03-07",
    "We are aware of reports that a strike in Hajin on 4 March killed nine Da’esh terrorists.",
    "strike",
    "EXPLOSION_REMOTE",
    (("LOCATION", "Hajin"), ("TIME", "4 March"), ("TARGET", "Da’esh"), ("FATALITIES", "nine Da’esh terrorists")),
)
MOSUL = Story(
    "Drone strike in Mosul",
    "Reuters",
    "2024-03-05",
    "A drone strike in Mosul on Monday killed three ISIL commanders, officials said.",
    "drone strike",
    "EXPLOSION_REMOTE",
    (("LOCATION", "Mosul"), ("TIME", "Monday"), ("TARGET", "ISIL commanders"), ("FATALITIES", "three")),
)
HAJIN_BATTLE = Story(
    "Clashes near Hajin",
    "AFP",
    "2024-03-05",
    "SDF fighters clashed with ISIL in Hajin on Monday.",
    "clashed",
    "BATTLE",
    (("ACTOR", "SDF fighters"), ("TARGET", "ISIL"), ("LOCATION", "Hajin"), ("TIME", "Monday")),
)
STORIES = (HAJIN_REUTERS, HAJIN_AFP, HAJIN_STATE, MOSUL, HAJIN_BATTLE)


def find(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


def annotations_of(story: Story) -> Annotations:
    def span(words: str, label: str, layer: Layer) -> Span:
        return Span(*find(story.text, words), label, layer, Status.ACCEPTED, Origin.MANUAL)

    entities = {words: span(words, label, Layer.ENTITY) for words, label in story.entities}
    trigger = span(story.trigger, story.event_type, Layer.TRIGGER)
    arguments = tuple(
        Argument(role, entities.get(words) or span(words, role, Layer.ARGUMENT)) for role, words in story.arguments
    )
    spans = (*entities.values(), trigger, *(a.span for a in arguments if a.span not in entities.values()))
    return Annotations(
        tuple(sorted(spans, key=lambda s: (s.start, s.end))),
        (),
        (Event(trigger, story.event_type, arguments=arguments),),
    )


def build(project: Project, annotator: str = "alice", stories: tuple[Story, ...] = STORIES) -> dict[str, int]:
    """Store the stories as articles with `annotator`'s done sets. RETURNS title → article id."""
    articles = [Article(article_uid(s.text), s.text, s.title, s.source, published=s.published) for s in stories]
    inserted = insert_articles(project.db, articles).inserted
    ids = {}
    with project.db.atomic():
        for story, article in zip(stories, articles):
            article_id = inserted[article.uid]
            set_id = sets.create_set(project.db, article_id, annotator, status=ArticleStatus.DONE)
            sets.insert_annotations(project.db, set_id, annotations_of(story))
            ids[story.title] = article_id
    project.ensure_tokens(ids.values())
    return ids
