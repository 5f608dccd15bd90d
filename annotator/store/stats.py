"""Counts over a project for `annotator stats` and the UI's progress bar."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def project_stats(db: Database) -> dict[str, Any]:
    """Articles, annotators, suggestions per layer and decisions per layer and annotator."""

    def one(sql: str, *params: object) -> int:
        return int(db.execute(sql, params).fetchone()[0])

    suggestions: dict[str, int] = {}
    for layer, count in db.execute(
        "SELECT sp.layer, COUNT(*) FROM spans sp JOIN annotation_sets s ON s.id = sp.set_id"
        " JOIN annotators a ON a.id = s.annotator_id WHERE a.kind = 'model' GROUP BY sp.layer"
    ):
        suggestions[layer] = count
    decisions: dict[str, int] = {}
    by_annotator: dict[str, dict[str, Any]] = {}
    for name, layer, count in db.execute(
        "SELECT a.name, sp.layer, COUNT(*) FROM spans sp JOIN annotation_sets s ON s.id = sp.set_id"
        " JOIN annotators a ON a.id = s.annotator_id WHERE a.kind != 'model'"
        " AND (sp.status = 'accepted' OR (sp.origin != 'model' AND sp.status != 'rejected'))"
        " GROUP BY a.name, sp.layer"
    ):
        decisions[layer] = decisions.get(layer, 0) + count
        by_annotator.setdefault(name, {"decisions": {}, "status": {}})["decisions"][layer] = count
    for name, status, count in db.execute(
        "SELECT a.name, s.status, COUNT(*) FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id"
        " WHERE a.kind != 'model' GROUP BY a.name, s.status"
    ):
        by_annotator.setdefault(name, {"decisions": {}, "status": {}})["status"][status] = count
    models = [
        {"model": model, "articles": count}
        for model, count in db.execute(
            "SELECT s.model, COUNT(*) FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id"
            " WHERE a.kind = 'model' GROUP BY s.model"
        )
    ]
    return {
        "articles": one("SELECT COUNT(*) FROM articles"),
        "tokenised": one("SELECT COUNT(*) FROM tokenisations"),
        "annotators": one("SELECT COUNT(*) FROM annotators WHERE kind != 'model'"),
        "models": models,
        "suggestions": suggestions,
        "quotes_suggested": one(
            "SELECT COUNT(*) FROM quotes q JOIN annotation_sets s ON s.id = q.set_id"
            " JOIN annotators a ON a.id = s.annotator_id WHERE a.kind = 'model'"
        ),
        "events_suggested": one(
            "SELECT COUNT(*) FROM events e JOIN annotation_sets s ON s.id = e.set_id"
            " JOIN annotators a ON a.id = s.annotator_id WHERE a.kind = 'model'"
        ),
        "decisions": decisions,
        "by_annotator": by_annotator,
        "history": one("SELECT COUNT(*) FROM history"),
    }


def status_counts(db: Database, annotator: str) -> dict[str, int]:
    """How many articles this annotator has in each status; articles never opened are `new`."""
    counts = {"new": 0, "in_progress": 0, "done": 0, "skipped": 0}
    for status, count in db.execute(
        "SELECT s.status, COUNT(*) FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id"
        " WHERE a.name = ? AND s.model = '' GROUP BY s.status",
        [annotator],
    ):
        counts[status] = count
    total = db.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    counts["new"] = total - sum(v for k, v in counts.items() if k != "new")
    return counts
