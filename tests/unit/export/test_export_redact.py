"""`--redact victims`: victims' names become placeholders once, before any writer, and in
every format each exported offset points at the right words of the exported text."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import spacy
import srsly
from spacy.tokens import DocBin

from annotator.core.model import (
    AnnotatedArticle,
    Annotations,
    Argument,
    Article,
    ArticleStatus,
    Event,
    Layer,
    Origin,
    Quote,
    Span,
    Status,
)
from annotator.core.text import article_uid
from annotator.export import FORMATS, write_export
from annotator.export.redact import VictimRule, redact_victims, victim_names
from annotator.nlp.tokens import tokenize

TEXT = (
    "🕊 An air strike on Hajin killed Ahmad Karim, a baker, on Monday. "
    "“He fed the whole street,” Vladimir Medinsky said of Karim. Karim's brother Ali Karim survived."
)
TITLE = "Ahmad Karim killed in Hajin strike"
KEPT = {"Hajin": "GPE", "Vladimir Medinsky": "PERSON", "Ali [VICTIM-1]": "PERSON", "air strike": "EXPLOSION_REMOTE"}


def at(words: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(words, start + 1)
    return start, start + len(words)


def accepted(words: str, label: str, layer: Layer = Layer.ENTITY, nth: int = 0) -> Span:
    return Span(*at(words, nth), label, layer, Status.ACCEPTED, Origin.MANUAL)


@pytest.fixture
def article() -> AnnotatedArticle:
    victim = accepted("Ahmad Karim", "PERSON")
    trigger = accepted("air strike", "EXPLOSION_REMOTE", Layer.TRIGGER)
    place = accepted("Hajin", "GPE")
    speaker = accepted("Vladimir Medinsky", "PERSON")
    surname = accepted("Karim", "PERSON", nth=1)
    brother = accepted("Ali Karim", "PERSON")
    content = accepted("He fed the whole street,", "QUOTE", Layer.QUOTE)
    cue = accepted("said", "CUE", Layer.CUE)
    time = accepted("Monday", "TIME", Layer.ARGUMENT)
    spans = tuple(
        sorted((victim, trigger, place, speaker, surname, brother, content, cue, time), key=lambda s: (s.start, s.end))
    )
    event = Event(
        trigger,
        "EXPLOSION_REMOTE",
        arguments=(Argument("TARGET", victim), Argument("LOCATION", place), Argument("TIME", time)),
        id=7,
    )
    return AnnotatedArticle(
        Article(article_uid(TEXT), TEXT, TITLE, "AFP", published="2024-03-05", id=1),
        next(tokenize([TEXT])),
        Annotations(spans, (Quote(content, speaker, cue, speaker_entity=speaker),), (event,)),
        annotator="alice",
        status=ArticleStatus.DONE,
    )


def test_the_victim_is_found_by_role_and_label_and_others_are_not(article: AnnotatedArticle) -> None:
    assert victim_names(article, VictimRule()) == ["Ahmad Karim"]
    assert victim_names(article, VictimRule(events=frozenset({"BATTLE"}))) == []


def test_redaction_replaces_every_mention_and_keeps_offsets(article: AnnotatedArticle) -> None:
    redacted = redact_victims(article, VictimRule())
    text = redacted.article.text
    assert "Ahmad" not in text and "Karim" not in text
    assert text.count("[VICTIM-1]") == 4, "the name, the surname twice, the surname in a relative's name"
    assert redacted.article.title == "[VICTIM-1] killed in Hajin strike"
    shown = {(s.text_in(text), s.label) for s in redacted.annotations.spans}
    assert {("[VICTIM-1]", "PERSON"), ("Vladimir Medinsky", "PERSON"), ("Ali [VICTIM-1]", "PERSON")} <= shown
    for token_start, token_end in redacted.tokens.tokens:
        assert text[token_start:token_end].strip() == text[token_start:token_end] != ""
    assert "[VICTIM-1]" in [text[s:e] for s, e in redacted.tokens.tokens]
    event = redacted.annotations.events[0]
    assert [a.span.text_in(text) for a in event.arguments] == ["[VICTIM-1]", "Hajin", "Monday"]
    quote = redacted.annotations.quotes[0]
    assert quote.speaker.text_in(text) == quote.speaker_entity.text_in(text) == "Vladimir Medinsky"  # type: ignore[union-attr]


def exported_spans(fmt: str, out: Path) -> tuple[str, list[tuple[int, int, str | None]]]:
    """(exported text, [(start, end, text the file gives for the span or None)])."""
    if fmt == "jsonl":
        record = next(iter(srsly.read_jsonl(out)))
        return record["text"], [(s["start"], s["end"], None) for s in record["spans"]]
    if fmt == "prodigy":
        task = next(iter(srsly.read_jsonl(out)))
        spans = [(s["start"], s["end"], None) for s in task["spans"]]
        spans += [(t["start"], t["end"], t["text"]) for t in task["tokens"]]
        return task["text"], spans
    if fmt == "doccano":
        record = next(iter(srsly.read_jsonl(out)))
        spans = record.get("entities") or record.get("label")
        return record["text"], [
            (s["start_offset"], s["end_offset"], None) if isinstance(s, dict) else (s[0], s[1], None) for s in spans
        ]
    if fmt == "labelstudio":
        task = json.loads(out.read_text(encoding="utf-8"))[0]
        results = [r for a in task["annotations"] for r in a["result"] if "start" in r.get("value", {})]
        return task["data"]["text"], [(r["value"]["start"], r["value"]["end"], r["value"].get("text")) for r in results]
    if fmt == "brat":
        txt = next(out.glob("*.txt"))
        text = txt.read_text(encoding="utf-8")
        spans = []
        for line in txt.with_suffix(".ann").read_text(encoding="utf-8").splitlines():
            if line.startswith("T"):
                _, middle, written = line.split("\t")
                _, start, end = middle.split(" ")[:3]
                spans.append((int(start), int(end), written))
        return text, spans
    if fmt == "spacy":
        nlp = spacy.blank("en")
        doc = next(iter(DocBin().from_disk(out / "train.spacy").get_docs(nlp.vocab)))
        spans = [(e.start_char, e.end_char, e.text) for e in doc.ents]
        spans += [(s.start_char, s.end_char, s.text) for group in doc.spans.values() for s in group]
        return doc.text, spans
    raise AssertionError(fmt)


@pytest.mark.parametrize("fmt", ["jsonl", "prodigy", "doccano", "labelstudio", "brat", "spacy"])
def test_every_format_with_text_has_consistent_offsets_and_no_victim_name(
    fmt: str, article: AnnotatedArticle, scheme, tmp_path: Path
) -> None:
    out = tmp_path / fmt
    write_export([article], out, fmt, scheme, dev=0.0, redact="victims")
    text, spans = exported_spans(fmt, out)
    assert "Ahmad" not in text and "Karim" not in text and "[VICTIM-1]" in text
    assert spans, "the export holds spans"
    for start, end, written in spans:
        assert 0 <= start < end <= len(text)
        if written is not None:
            assert text[start:end] == written, (fmt, start, end, written)
    covered = {text[start:end] for start, end, _ in spans}
    assert {"[VICTIM-1]", *KEPT} <= covered | {w for _, _, w in spans if w}
    files = [out] if out.is_file() else list(out.rglob("*"))
    for path in files:
        if path.is_file() and path.suffix != ".spacy":
            assert "Karim" not in path.read_text(encoding="utf-8"), path


def test_conll_and_the_event_table_carry_the_placeholder(article: AnnotatedArticle, scheme, tmp_path: Path) -> None:
    write_export([article], tmp_path / "out.conll", "conll", scheme, redact="victims")
    lines = (tmp_path / "out.conll").read_text(encoding="utf-8")
    assert "Karim" not in lines and "[VICTIM-1] -X- _ B-PERSON" in lines.replace("\t", " ")
    write_export([article], tmp_path / "events.csv", "events-csv", scheme, redact="victims")
    write_export([article], tmp_path / "ours.jsonl", "jsonl", scheme, redact="victims")
    text = next(iter(srsly.read_jsonl(tmp_path / "ours.jsonl")))["text"]
    (row,) = list(csv.DictReader((tmp_path / "events.csv").open(encoding="utf-8")))
    assert row["targets"] == "[VICTIM-1]" and row["title"] == "[VICTIM-1] killed in Hajin strike"
    assert text[int(row["trigger_start"]) : int(row["trigger_end"])] == row["trigger"] == "air strike"


def test_without_redact_nothing_changes(article: AnnotatedArticle, scheme, tmp_path: Path) -> None:
    write_export([article], tmp_path / "ours.jsonl", "jsonl", scheme)
    assert next(iter(srsly.read_jsonl(tmp_path / "ours.jsonl")))["text"] == TEXT
    assert set(FORMATS) >= {"jsonl", "prodigy", "doccano", "labelstudio", "brat", "spacy", "conll", "events-csv"}
