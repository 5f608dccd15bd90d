"""How far annotators agree (`annotator agreement`), per layer and per label.

Each annotator's version of an article is their decided spans (accepted, added, imported;
never rejected or undecided suggestions) of a set with the chosen status (done by
default). The model is one more annotator, `model`: its version is every suggestion of
the latest model set, so the same figures score suggestions against a person or `gold`.
Pairs are compared on the articles both have; Krippendorff's alpha takes every article
with at least two versions. The math is in `annotator.core.agreement`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from annotator.core import agreement as a
from annotator.core.errors import ValidationError
from annotator.core.model import (
    GOLD_ANNOTATOR,
    MODEL_ANNOTATOR,
    Annotations,
    ArticleStatus,
    Layer,
    Span,
)
from annotator.services.project import Project
from annotator.store import annotations as sets

LAYERS = ("entity", "quote", "event")
FLAGS = ("negated", "hypothetical", "future")
STATUS_CHOICES = {"done": (ArticleStatus.DONE,), "any": None}
Progress = Callable[[int, int, str], None]
QuoteRow = tuple[a.Range, a.Range | None, a.Range | None, str]
EventRow = tuple[a.Range, str, str, bool, bool, bool, tuple[tuple[str, a.Range], ...]]


@dataclass(frozen=True)
class Version:
    """One annotator's article, reduced to what agreement compares."""

    entities: tuple[a.Mention, ...]
    quotes: tuple[QuoteRow, ...]  # (content range, speaker range | None, cue range | None, kind)
    events: tuple[EventRow, ...]  # (trigger range, type, sub-type, negated, hypothetical, future, ((role, range), ...))

    @classmethod
    def of(cls, annotations: Annotations) -> Version:
        def rng(span: Span | None) -> a.Range | None:
            return None if span is None else (span.start, span.end)

        return cls(
            tuple(sorted((s.start, s.end, s.label) for s in annotations.on_layer(Layer.ENTITY))),
            tuple(
                sorted(
                    ((q.content.start, q.content.end), rng(q.speaker), rng(q.cue), str(q.kind))
                    for q in annotations.quotes
                )
            ),
            tuple(
                sorted(
                    (
                        (ev.trigger.start, ev.trigger.end),
                        ev.event_type,
                        ev.sub_type,
                        ev.negated,
                        ev.hypothetical,
                        ev.future,
                        tuple(sorted((_role(arg.role), (arg.span.start, arg.span.end)) for arg in ev.arguments)),
                    )
                    for ev in annotations.events
                )
            ),
        )

    def mentions(self, layer: str) -> list[a.Mention]:
        """The spans of a layer as (start, end, label): quotes are QUOTE, triggers their type."""
        if layer == "entity":
            return list(self.entities)
        if layer == "quote":
            return [(q[0][0], q[0][1], "QUOTE") for q in self.quotes]
        return [(ev[0][0], ev[0][1], ev[1]) for ev in self.events]


def _role(role: str) -> str:
    return re.sub(r"\d+$", "", role)


@dataclass
class PairFigures:
    """Everything measured between two annotators on one layer."""

    first: str
    second: str
    articles: int = 0
    exact: dict[str, a.SpanCounts] = field(default_factory=dict)
    overlap: dict[str, a.SpanCounts] = field(default_factory=dict)
    tokens_first: list[str] = field(default_factory=list)
    tokens_second: list[str] = field(default_factory=list)
    parts: dict[str, a.Share] = field(default_factory=dict)
    spans_exact: a.SpanCounts = field(default_factory=a.SpanCounts)  # quotes' content, events' triggers (no type)
    spans_overlap: a.SpanCounts = field(default_factory=a.SpanCounts)
    roles_exact: dict[str, a.SpanCounts] = field(default_factory=dict)
    roles_overlap: dict[str, a.SpanCounts] = field(default_factory=dict)

    @property
    def kappa(self) -> float | None:
        return a.cohen_kappa(self.tokens_first, self.tokens_second) if self.tokens_first else None

    def f1(self, overlap: bool = False) -> float:
        counts = (self.overlap if overlap else self.exact).get("ALL")
        return counts.f1 if counts else 0.0

    def as_dict(self, layer: str) -> dict[str, Any]:
        data: dict[str, Any] = {
            "a": self.first,
            "b": self.second,
            "articles": self.articles,
            "tokens": len(self.tokens_first),
            "kappa": None if self.kappa is None else round(self.kappa, 4),
            "exact": {label: c.as_dict() for label, c in sorted(self.exact.items())},
            "overlap": {label: c.as_dict() for label, c in sorted(self.overlap.items())},
        }
        if layer in ("quote", "event"):
            name = "content" if layer == "quote" else "trigger"
            data[name] = {"exact": self.spans_exact.as_dict(), "overlap": self.spans_overlap.as_dict()}
            data.update({part: share.as_dict() for part, share in sorted(self.parts.items())})
        if layer == "event":
            data["roles"] = {
                role: {"exact": self.roles_exact[role].as_dict(), "overlap": self.roles_overlap[role].as_dict()}
                for role in sorted(self.roles_exact)
            }
        return data


@dataclass
class ArticleDisagreement:
    article_id: int
    title: str
    annotators: tuple[str, ...]
    disagreements: int
    f1: float


@dataclass
class AgreementReport:
    annotators: list[str]
    status: str
    layers: dict[str, list[PairFigures]]
    alpha: dict[str, tuple[float | None, int]]  # layer -> (alpha, pairable tokens)
    articles: list[ArticleDisagreement]

    def as_dict(self) -> dict[str, Any]:
        return {
            "annotators": self.annotators,
            "status": self.status,
            "layers": {
                layer: {
                    "alpha": None if (alpha := self.alpha[layer][0]) is None else round(alpha, 4),
                    "alpha_tokens": self.alpha[layer][1],
                    "pairs": [pair.as_dict(layer) for pair in pairs],
                }
                for layer, pairs in self.layers.items()
            },
            "articles": [
                {
                    "article_id": d.article_id,
                    "title": d.title,
                    "annotators": list(d.annotators),
                    "disagreements": d.disagreements,
                    "f1": round(d.f1, 4),
                }
                for d in self.articles
            ],
        }

    def lines(self) -> list[str]:
        """A plain-text report for the terminal."""
        out: list[str] = [f"annotators: {', '.join(self.annotators)} (articles {self.status})"]
        for layer, pairs in self.layers.items():
            alpha, tokens = self.alpha[layer]
            out.append("")
            out.append(
                f"{layer}: Krippendorff's alpha "
                + (f"{alpha:.3f} over {tokens} tokens" if alpha is not None else "n/a (no shared articles)")
            )
            out.append(f"  {'pair':<24}{'articles':>9}{'F1':>8}{'F1~':>8}{'P':>7}{'R':>7}{'kappa':>8}")
            for pair in pairs:
                exact = pair.exact.get("ALL", a.SpanCounts())
                kappa = f"{pair.kappa:.3f}" if pair.kappa is not None else "n/a"
                out.append(
                    f"  {pair.first + ' – ' + pair.second:<24}{pair.articles:>9}{exact.f1:>8.3f}"
                    f"{pair.f1(True):>8.3f}{exact.precision:>7.3f}{exact.recall:>7.3f}{kappa:>8}"
                )
                labels = [(label, c) for label, c in sorted(pair.exact.items()) if label != "ALL"]
                if labels:
                    out.append(
                        "    per label (F1 exact/overlap, spans a/b): "
                        + "; ".join(
                            f"{label} {c.f1:.2f}/{pair.overlap[label].f1:.2f} ({c.reference}/{c.predicted})"
                            for label, c in labels
                        )
                    )
                if pair.parts:
                    out.append(
                        "    "
                        + "; ".join(
                            f"{part} {share.value:.2f} of {share.total}"
                            for part, share in sorted(pair.parts.items())
                            if share.value is not None
                        )
                        or "    no matched pairs"
                    )
                if pair.roles_exact:
                    out.append(
                        "    roles (F1 exact/overlap): "
                        + "; ".join(
                            f"{role} {pair.roles_exact[role].f1:.2f}/{pair.roles_overlap[role].f1:.2f}"
                            for role in sorted(pair.roles_exact)
                        )
                    )
        worst = [d for d in self.articles if d.disagreements][:10]
        if worst:
            out.append("")
            out.append("most disagreement first:")
            out += [
                f"  {d.disagreements:>4}  #{d.article_id} {d.title[:60]}  ({', '.join(d.annotators)})" for d in worst
            ]
        return out


def team_annotators(project: Project) -> list[str]:
    """People with at least one annotation set (not the model, not gold), by name."""
    return sorted(n for n in sets.annotator_names(project.db) if n not in (MODEL_ANNOTATOR, GOLD_ANNOTATOR))


def measure(
    project: Project,
    annotators: Sequence[str] | None = None,
    layers: Sequence[str] = LAYERS,
    status: str = "done",
    progress: Progress | None = None,
) -> AgreementReport:
    """Agreement between annotators (default: every person with a set).

    Raises:
        ValidationError: Unknown layer, status or annotator, or fewer than two annotators.
    """
    for layer in layers:
        if layer not in LAYERS:
            raise ValidationError(f"unknown layer {layer!r}; choose entity, quote or event")
    if status not in STATUS_CHOICES:
        raise ValidationError(f"unknown status {status!r}; choose done or any")
    names = list(dict.fromkeys(annotators)) if annotators else team_annotators(project)
    known = sets.annotator_names(project.db)
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ValidationError(f"no annotations by {', '.join(map(repr, unknown))}; known: {', '.join(sorted(known))}")
    if len(names) < 2:
        raise ValidationError("agreement needs at least two annotators (the model counts as one: 'model')")
    versions = _versions(project, names, STATUS_CHOICES[status])
    figures = {layer: [PairFigures(x, y) for x, y in a.pairs_of(names)] for layer in layers}
    units: dict[str, list[list[str | None]]] = {layer: [] for layer in layers}
    disagreements: list[ArticleDisagreement] = []
    shared = [(article_id, found) for article_id, found in sorted(versions.items()) if len(found) >= 2]
    for done, (article_id, found) in enumerate(shared, 1):
        tokens = project.tokens(article_id).tokens
        count, scores = 0, []
        for layer in layers:
            labels = {name: a.token_labels(tokens, found[name].mentions(layer)) for name in found}
            units[layer] += [
                [labels[name][i] if name in labels else None for name in names] for i in range(len(tokens))
            ]
            for pair in figures[layer]:
                if pair.first in found and pair.second in found:
                    exact = _add_pair(pair, layer, found[pair.first], found[pair.second], labels)
                    count += exact.disagreements
                    if exact.reference or exact.predicted:
                        scores.append(exact.f1)
        title = project.article(article_id).title
        disagreements.append(
            ArticleDisagreement(
                article_id,
                title,
                tuple(n for n in names if n in found),
                count,
                sum(scores) / len(scores) if scores else 1.0,
            )
        )
        if progress:
            progress(done, len(shared), title)
    disagreements.sort(key=lambda d: (-d.disagreements, d.f1, d.article_id))
    alpha = {
        layer: (
            a.krippendorff_alpha(rows) if rows else None,
            sum(1 for r in rows if sum(v is not None for v in r) >= 2),
        )
        for layer, rows in units.items()
    }
    return AgreementReport(names, status, figures, alpha, disagreements)


def _versions(
    project: Project, names: Sequence[str], statuses: Iterable[ArticleStatus] | None
) -> dict[int, dict[str, Version]]:
    found: dict[int, dict[str, Version]] = {}
    for name in names:
        if name == MODEL_ANNOTATOR:
            continue
        for info in sets.sets_for_annotator(project.db, name, statuses):
            annotations = sets.load_annotations(project.db, info.id).decided()
            found.setdefault(info.article_id, {})[name] = Version.of(annotations)
    if MODEL_ANNOTATOR in names:
        for article_id in list(found):
            latest = sets.latest_model_set(project.db, article_id)
            if latest is not None:
                found.setdefault(article_id, {})[MODEL_ANNOTATOR] = Version.of(
                    sets.load_annotations(project.db, latest.id)
                )
    return found


def _add_pair(
    pair: PairFigures, layer: str, first: Version, second: Version, labels: dict[str, list[str]]
) -> a.SpanCounts:
    """Add one article to a pair's figures. RETURNS the article's exact counts (all labels)."""
    pair.articles += 1
    ref, pred = first.mentions(layer), second.mentions(layer)
    for overlap, target in ((False, pair.exact), (True, pair.overlap)):
        for label, counts in a.span_counts_by_label(ref, pred, overlap).items():
            target.setdefault(label, a.SpanCounts()).add(counts)
    pair.tokens_first += labels[pair.first]
    pair.tokens_second += labels[pair.second]
    if layer == "quote":
        _quote_parts(pair, first.quotes, second.quotes)
    elif layer == "event":
        _event_parts(pair, first.events, second.events)
    return a.span_counts(ref, pred)


def _unlabelled(items: Sequence[QuoteRow | EventRow]) -> list[a.Mention]:
    return [(item[0][0], item[0][1], "") for item in items]


def _quote_parts(pair: PairFigures, first: Sequence[QuoteRow], second: Sequence[QuoteRow]) -> None:
    pair.spans_exact.add(a.span_counts(_unlabelled(first), _unlabelled(second)))
    pair.spans_overlap.add(a.span_counts(_unlabelled(first), _unlabelled(second), overlap=True))
    for i, j in a.match([q[0] for q in first], [q[0] for q in second]):
        x, y = first[i], second[j]
        pair.parts.setdefault("speaker", a.Share()).add(x[1] == y[1])
        pair.parts.setdefault("speaker_overlap", a.Share()).add(
            x[1] == y[1] or (x[1] is not None and y[1] is not None and a.overlaps(x[1], y[1]))
        )
        pair.parts.setdefault("cue", a.Share()).add(x[2] == y[2])
        pair.parts.setdefault("kind", a.Share()).add(x[3] == y[3])


def _event_parts(pair: PairFigures, first: Sequence[EventRow], second: Sequence[EventRow]) -> None:
    pair.spans_exact.add(a.span_counts(_unlabelled(first), _unlabelled(second)))
    pair.spans_overlap.add(a.span_counts(_unlabelled(first), _unlabelled(second), overlap=True))
    for i, j in a.match([ev[0] for ev in first], [ev[0] for ev in second]):
        x, y = first[i], second[j]
        pair.parts.setdefault("type", a.Share()).add(x[1] == y[1])
        pair.parts.setdefault("sub_type", a.Share()).add(x[2] == y[2])
        for index, flag in enumerate(FLAGS, 3):
            pair.parts.setdefault(flag, a.Share()).add(x[index] == y[index])
        ref = [(r[0], r[1], role) for role, r in x[6]]
        pred = [(r[0], r[1], role) for role, r in y[6]]
        for overlap, target in ((False, pair.roles_exact), (True, pair.roles_overlap)):
            for role, counts in a.span_counts_by_label(ref, pred, overlap).items():
                if role != "ALL":
                    target.setdefault(role, a.SpanCounts()).add(counts)
