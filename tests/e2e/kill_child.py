"""The process the kill harness SIGKILLs (tests/e2e/test_kill_harness.py).

    python kill_child.py gestures DB SEED     random gestures through the service layer;
                                              one "ack" line (JSON) after each commit
    python kill_child.py export DB OUT FORMAT exports in a loop, alternating two variants
    python kill_child.py preannotate DB       pre-annotation in small chunks
    python kill_child.py import DB SOURCE     an annotated import in small batches; one line
                                              (JSON) after each batch

Each prints "ready" once its imports are done and then works until it is killed.
"""

from __future__ import annotations

import itertools
import json
import random
import sys

from annotator.core.errors import ValidationError
from annotator.core.model import ArticleStatus


def gestures(db: str, seed: int) -> None:
    from annotator.services.project import Project
    from annotator.services.session import AnnotationSession

    rng = random.Random(seed)
    project = Project.open(db)
    session = AnnotationSession(project, "alice")
    articles = project.article_ids()
    labels = ["PERSON", "GPE", "ORG", "DATE", "LOC"]
    article = rng.choice(articles)
    session.open(article)
    print("ready", flush=True)
    while True:
        kind = rng.choice(
            ["add", "add", "accept", "reject", "relabel", "remove", "undo", "undo", "redo", "status", "open"]
        )
        spans = session.annotations.spans
        try:
            if kind == "open":
                article = rng.choice(articles)
                session.open(article)
                continue
            if kind == "add":
                tokens = session.tokens.tokens
                first = rng.randrange(len(tokens))
                last = min(len(tokens) - 1, first + rng.randrange(3))
                session.add_span(tokens[first][0], tokens[last][1], rng.choice(labels))
            elif kind in ("accept", "reject"):
                pending = session.suggestions()
                if not pending:
                    continue
                (session.accept if kind == "accept" else session.reject)(rng.choice(pending))
            elif kind == "relabel" and spans:
                session.relabel(rng.choice(spans), rng.choice(labels))
            elif kind == "remove" and spans:
                session.remove(rng.choice(spans))
            elif kind == "undo":
                if session.undo() is None:
                    continue
            elif kind == "redo":
                if session.redo() is None:
                    continue
            elif kind == "status":
                assert session.current is not None
                target = (
                    ArticleStatus.DONE if session.current.status != ArticleStatus.DONE else ArticleStatus.IN_PROGRESS
                )
                session.set_status(target)
            else:
                continue
        except ValidationError:
            continue
        history = project.db.execute("SELECT MAX(id) FROM history").fetchone()[0]
        state = sorted([s.start, s.end, s.label, str(s.status)] for s in session.annotations.spans)
        print(json.dumps({"history": history, "article": article, "set": session.set_id, "state": state}), flush=True)


def export(db: str, out: str, fmt: str) -> None:
    from annotator.services.exporting import export_project
    from annotator.services.project import Project

    project = Project.open(db, create=False, readonly=True)
    print("ready", flush=True)
    for run in itertools.count():
        variant = run % 2
        export_project(project, out, fmt, annotator="alice", status=("done", "any")[variant], seed=variant)
        print(json.dumps({"run": run, "variant": variant}), flush=True)


def preannotate(db: str) -> None:
    from annotator.nlp.pipeline import load_pipeline
    from annotator.services.preannotate import preannotate as run
    from annotator.services.project import Project

    nlp = load_pipeline(None)
    project = Project.open(db, create=False)
    print("ready", flush=True)
    report = run(
        project,
        nlp=nlp,
        batch_size=4,
        chunk_size=6,
        progress=lambda done, total: print(json.dumps({"done": done, "total": total}), flush=True),
    )
    print(json.dumps({"finished": report.articles}), flush=True)


def import_file(db: str, source: str) -> None:
    from annotator.nlp.tokens import tokenize
    from annotator.services.importing import import_sources
    from annotator.services.project import Project

    project = Project.open(db)
    list(tokenize(["Warm up the tokenizer, as the harness's timing reference is warm."]))
    print("ready", flush=True)
    report = import_sources(
        project, [source], fmt="prodigy", progress=lambda seen, _: print(json.dumps({"seen": seen}), flush=True)
    )
    print(json.dumps({"finished": report.imported}), flush=True)


if __name__ == "__main__":
    scenario, *args = sys.argv[1:]
    if scenario == "gestures":
        gestures(args[0], int(args[1]))
    elif scenario == "export":
        export(*args)
    elif scenario == "preannotate":
        preannotate(*args)
    elif scenario == "import":
        import_file(*args)
    else:
        raise SystemExit(f"unknown scenario {scenario}")
