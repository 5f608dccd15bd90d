"""Kill harness: SIGKILL a real process at random points during gestures, exports,
pre-annotation and annotated imports, then check what survived.

After every kill: `integrity_check` and `foreign_key_check` pass; every gesture the child
acknowledged (it prints an ack after each commit) is in the history and in the spans; an
export target is either absent or byte for byte one complete run, never a mix; and
pre-annotation, resumed, ends with exactly what an uninterrupted run stores; an annotated
import never leaves an article without its annotations, and re-import completes the rest.

A handful of trials runs in CI. The long run:

    ANNOTATOR_KILL_TRIALS=40 ANNOTATOR_KILL_REPORT=kills.jsonl \\
        .venv/bin/python -m pytest -q -s tests/e2e/test_kill_harness.py
    (or scripts/kill-harness.sh 40)

The import scenario has its own count: ANNOTATOR_KILL_IMPORT_TRIALS=100.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from annotator.core.model import Annotations, Article, ArticleStatus, Span
from annotator.core.text import article_uid
from annotator.export.files import is_leftover
from annotator.services.exporting import export_project
from annotator.services.project import Project
from annotator.services.session import AnnotationSession
from annotator.store import annotations as sets
from annotator.store.articles import insert_articles

pytestmark = pytest.mark.slow

CHILD = Path(__file__).with_name("kill_child.py")
TRIALS = int(os.environ.get("ANNOTATOR_KILL_TRIALS", "0"))


def trials(ci: int) -> int:
    return TRIALS or ci


def report(scenario: str, **figures: object) -> None:
    line = json.dumps({"scenario": scenario, **figures})
    print(f"\nkill harness: {line}")
    target = os.environ.get("ANNOTATOR_KILL_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as handle:
            handle.write(line + "\n")


class Child:
    """A kill_child.py process whose stdout lines are collected as they come."""

    def __init__(self, folder: Path, *args: object):
        self.stderr_path = folder / f"child-{time.monotonic_ns()}.err"
        self.stderr = self.stderr_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, str(CHILD), *map(str, args)],
            stdout=subprocess.PIPE,
            stderr=self.stderr,
            text=True,
            cwd=folder,
        )
        self.lines: list[str] = []
        self.ready = threading.Event()
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.strip() == "ready":
                self.ready.set()
            else:
                self.lines.append(line)
        self.ready.set()

    def wait_ready(self) -> None:
        assert self.ready.wait(180), "the child never got ready"
        self._alive()

    def wait_lines(self, count: int, timeout: float = 120) -> None:
        deadline = time.monotonic() + timeout
        while len(self.lines) < count and time.monotonic() < deadline:
            self._alive()
            time.sleep(0.001)

    def kill(self) -> bool:
        """SIGKILL now. RETURNS True when the kill ended it (False: it had finished)."""
        self._alive(finished_ok=True)
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(30)
        self.reader.join(30)
        self.stderr.close()
        return self.process.returncode == -signal.SIGKILL

    def acks(self) -> list[dict]:
        return [json.loads(line) for line in self.lines if line.startswith("{")]

    def _alive(self, finished_ok: bool = False) -> None:
        code = self.process.poll()
        if code is not None and code != -signal.SIGKILL and not (finished_ok and code == 0):
            self.stderr.flush()
            pytest.fail(f"the child ended by itself ({code}): {self.stderr_path.read_text()[-3000:]}")


def check_file(path: Path) -> None:
    """The checks that come first after any kill, on a bare connection (no migration, no backup)."""
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
    finally:
        connection.close()


def paragraphs(resources_dir: Path) -> list[str]:
    text = (resources_dir / "samples" / "ukraine-russia-pow-exchange.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if len(p.strip()) > 80]


# Gestures -------------------------------------------------------------------------------------


def gesture_project(path: Path, texts: list[str]) -> None:
    with Project.open(path) as project:
        ids = insert_articles(
            project.db, [Article(article_uid(t), t, f"article {n}") for n, t in enumerate(texts)]
        ).inserted
        results = []
        for text in texts:
            article = ids[article_uid(text)]
            tokens = project.tokens(article).tokens
            results.append((article, Annotations(tuple(Span(s, e, "GPE") for s, e in tokens[::4]))))
        sets.store_suggestions(project.db, "kill-model", results)


def stored_state(path: Path) -> tuple[dict[int, list], dict[int, int], set[int]]:
    """Alice's spans per set, each set's article, and every history id."""
    with Project.open(path, create=False, readonly=True) as project:
        rows = project.db.execute(
            "SELECT s.id, s.article_id FROM annotation_sets s JOIN annotators a ON a.id = s.annotator_id WHERE a.name = 'alice'"
        ).fetchall()
        state = {
            set_id: sorted(
                [sp.start, sp.end, sp.label, str(sp.status)] for sp in sets.load_annotations(project.db, set_id).spans
            )
            for set_id, _ in rows
        }
        history = {row[0] for row in project.db.execute("SELECT id FROM history")}
        history_sets = dict(project.db.execute("SELECT id, set_id FROM history").fetchall())
    return state, history_sets, history


def test_gestures_acknowledged_are_never_lost(tmp_path: Path, resources_dir: Path) -> None:
    path = tmp_path / "gestures.db"
    gesture_project(path, paragraphs(resources_dir)[:6])
    rng = random.Random(int(os.environ.get("ANNOTATOR_KILL_SEED", "9")))
    acknowledged: set[int] = set()
    kills = gestures = losses = 0
    for trial in range(trials(3)):
        before = stored_state(path)[2]
        child = Child(tmp_path, "gestures", path, rng.randrange(10**9))
        child.wait_ready()
        child.wait_lines(rng.randrange(1, 60))
        time.sleep(rng.uniform(0, 0.004))
        kills += child.kill()
        check_file(path)
        acks = child.acks()
        gestures += len(acks)
        acknowledged |= {a["history"] for a in acks}
        state, history_sets, history = stored_state(path)
        missing = acknowledged - history
        extra = history - before - {a["history"] for a in acks}
        assert len(extra) <= 1, f"trial {trial}: {len(extra)} unacknowledged commits (at most the one in flight)"
        unsure = {history_sets[h] for h in extra}
        last_per_set = {a["set"]: a["state"] for a in acks}
        wrong = [s for s, expected in last_per_set.items() if s not in unsure and state.get(s) != expected]
        losses += len(missing) + len(wrong)
        assert not missing, f"trial {trial}: acknowledged gestures missing from the history: {sorted(missing)}"
        assert not wrong, f"trial {trial}: sets whose spans differ from the last acknowledged state: {wrong}"
    report("gestures", trials=trials(3), kills=kills, acknowledged_gestures=gestures, losses=losses)


# Exports --------------------------------------------------------------------------------------


def export_project_file(path: Path, texts: list[str]) -> None:
    with Project.open(path) as project:
        ids = insert_articles(
            project.db, [Article(article_uid(t), t, f"article {n}") for n, t in enumerate(texts)]
        ).inserted
        session = AnnotationSession(project, "alice")
        for n, text in enumerate(texts):
            session.open(ids[article_uid(text)])
            tokens = session.tokens.tokens
            for start, end in tokens[n % 3 :: 7][:6]:
                session.add_span(start, end, "PERSON" if n % 2 else "GPE")
            if n % 2 == 0:
                session.set_status(ArticleStatus.DONE)


def tree(target: Path) -> dict[str, bytes] | None:
    if not target.exists():
        return None
    if target.is_file():
        return {"": target.read_bytes()}
    return {str(p.relative_to(target)): p.read_bytes() for p in sorted(target.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("fmt", ["spacy", "brat", "jsonl"])
def test_a_killed_export_never_leaves_a_mix_that_looks_complete(tmp_path: Path, resources_dir: Path, fmt: str) -> None:
    path = tmp_path / "export.db"
    texts = paragraphs(resources_dir)
    export_project_file(path, texts + [t + " (second edition)" for t in texts[:8]])
    name = "out.jsonl" if fmt == "jsonl" else "out"
    references = []
    with Project.open(path, create=False, readonly=True) as project:
        started = time.perf_counter()
        for variant in (0, 1):
            export_project(
                project,
                tmp_path / f"reference-{variant}" / name,
                fmt,
                annotator="alice",
                status=("done", "any")[variant],
                seed=variant,
            )
            references.append(tree(tmp_path / f"reference-{variant}" / name))
        duration = (time.perf_counter() - started) / 2
    assert references[0] != references[1]
    target = tmp_path / "target" / name
    rng = random.Random(int(os.environ.get("ANNOTATOR_KILL_SEED", "5")))
    kills = runs = mixed = 0
    seen = {"absent": 0, "variant 0": 0, "variant 1": 0}
    for trial in range(trials(2)):
        child = Child(tmp_path, "export", path, target, fmt)
        child.wait_ready()
        time.sleep(rng.uniform(0, duration * 3))
        kills += child.kill()
        runs += len(child.acks())
        found = tree(target)
        if found is None:
            seen["absent"] += 1
        elif found in references:
            seen[f"variant {references.index(found)}"] += 1
        else:
            mixed += 1
        assert found is None or found in references, f"trial {trial}: the {fmt} export is neither run 0 nor run 1"
        assert not [p for p in target.rglob("*") if is_leftover(p)] if target.is_dir() else True
    with Project.open(path, create=False, readonly=True) as project:
        export_project(project, target, fmt, annotator="alice", status="done", seed=0)
    assert tree(target) == references[0]
    left = [p.name for p in target.parent.iterdir() if is_leftover(p)]
    assert left == [], f"the next export removes what killed ones left: {left}"
    report(f"export-{fmt}", trials=trials(2), kills=kills, completed_runs=runs, mixed=mixed, **seen)


# Pre-annotation -------------------------------------------------------------------------------


def suggestions_by_uid(path: Path) -> dict[str, list]:
    with Project.open(path, create=False, readonly=True) as project:
        rows = project.db.execute(
            "SELECT a.uid, s.id FROM annotation_sets s JOIN articles a ON a.id = s.article_id"
            " JOIN annotators n ON n.id = s.annotator_id WHERE n.kind = 'model'"
        ).fetchall()
        return {uid: sets.load_annotations(project.db, set_id) for uid, set_id in rows}


def test_preannotation_resumes_to_the_same_result(tmp_path: Path, resources_dir: Path) -> None:
    from annotator.nlp.pipeline import installed_models, load_pipeline
    from annotator.services.preannotate import preannotate

    if not installed_models():
        pytest.skip("no English spaCy model installed")
    texts = paragraphs(resources_dir)
    texts = texts + [f"{a} {b}" for a, b in zip(texts, texts[1:])]
    base, reference = tmp_path / "base.db", tmp_path / "reference.db"
    with Project.open(base) as project:
        insert_articles(project.db, [Article(article_uid(t), t, f"article {n}") for n, t in enumerate(texts)])
    shutil.copy(base, reference)
    nlp = load_pipeline(None)
    started = time.perf_counter()
    with Project.open(reference) as project:
        preannotate(project, nlp=nlp, batch_size=4, chunk_size=6)
    duration = time.perf_counter() - started
    expected = suggestions_by_uid(reference)
    rng = random.Random(int(os.environ.get("ANNOTATOR_KILL_SEED", "3")))
    kills = differing = 0
    done_at_kill: list[int] = []
    for trial in range(trials(1)):
        killed = tmp_path / f"killed-{trial}.db"
        shutil.copy(base, killed)
        child = Child(tmp_path, "preannotate", killed)
        child.wait_ready()
        time.sleep(rng.uniform(0, duration * 1.2))
        kills += child.kill()
        check_file(killed)
        done_at_kill.append(len(suggestions_by_uid(killed)))
        with Project.open(killed) as project:
            preannotate(project, nlp=nlp, batch_size=4, chunk_size=6)
        check_file(killed)
        differing += suggestions_by_uid(killed) != expected
        assert suggestions_by_uid(killed) == expected, f"trial {trial}: resumed pre-annotation differs"
        killed.unlink()
    report(
        "preannotate",
        trials=trials(1),
        kills=kills,
        articles=len(texts),
        done_at_kill=done_at_kill,
        differing_results=differing,
    )


# Annotated imports ----------------------------------------------------------------------------


IMPORT_TRIALS = int(os.environ.get("ANNOTATOR_KILL_IMPORT_TRIALS", "0"))


def annotated_source(path: Path, texts: list[str], copies: int) -> dict[str, int]:
    """A Prodigy file of `copies` variants of articles made of five paragraphs (ASCII,
    non-ASCII, CRLF), a span on every eighth long word; RETURNS uid -> expected span count."""
    import re

    from annotator.core.text import normalise

    expected: dict[str, int] = {}
    lines = []
    for n in range(copies):
        for m in range(len(texts)):
            body = " ".join(texts[(m + k) % len(texts)] for k in range(5))
            text = f"Report {n}-{m}: {body}"
            if n % 3 == 1:
                text = text.replace(". ", ".\r\n").replace("Russia", "Россия")
            elif n % 3 == 2:
                text = "Zürich – " + text
            words = [(w.start(), w.end()) for w in re.finditer(r"[A-Za-z]{4,}", text)][1::8]
            spans = [{"start": s, "end": e, "label": "GPE"} for s, e in words]
            lines.append(json.dumps({"text": text, "spans": spans, "answer": "accept"}, ensure_ascii=False))
            expected[article_uid(normalise(text))] = len(spans)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return expected


def import_state(path: Path) -> tuple[dict[str, int], int]:
    """uid -> spans stored for it (None when the article has no annotation set), and bare articles."""
    connection = sqlite3.connect(path)
    try:
        rows = connection.execute(
            "SELECT a.uid, s.id, (SELECT COUNT(*) FROM spans p WHERE p.set_id = s.id) FROM articles a"
            " LEFT JOIN annotation_sets s ON s.article_id = a.id"
        ).fetchall()
    finally:
        connection.close()
    return {uid: count for uid, set_id, count in rows if set_id is not None}, sum(
        set_id is None for _, set_id, _ in rows
    )


def test_a_killed_annotated_import_never_leaves_articles_without_annotations(
    tmp_path: Path, resources_dir: Path
) -> None:
    from annotator.services.importing import import_sources

    source = tmp_path / "annotated.jsonl"
    expected = annotated_source(source, paragraphs(resources_dir), copies=30)
    reference = tmp_path / "reference.db"
    Project.open(reference).close()
    child = Child(tmp_path, "import", reference, source)  # timed as the killed ones will run
    child.wait_ready()
    started = time.perf_counter()
    child.wait_lines(3, timeout=600)  # two batches and "finished"
    duration = time.perf_counter() - started
    assert child.acks()[-1] == {"finished": len(expected)}
    child.kill()
    assert import_state(reference) == (expected, 0)
    rng = random.Random(int(os.environ.get("ANNOTATOR_KILL_SEED", "11")))
    count = IMPORT_TRIALS or trials(2)
    kills = bare_after_kill = lost_after_reimport = 0
    stored_at_kill = []
    for trial in range(count):
        path = tmp_path / f"import-{trial}.db"
        Project.open(path).close()
        child = Child(tmp_path, "import", path, source)
        child.wait_ready()
        time.sleep(rng.uniform(0, duration))
        kills += child.kill()
        check_file(path)
        state, bare = import_state(path)
        stored_at_kill.append(len(state))
        bare_after_kill += bare
        assert bare == 0, f"trial {trial}: {bare} articles stored without their annotations"
        assert all(state[uid] == expected[uid] for uid in state), f"trial {trial}: a set lost spans"
        with Project.open(path) as project:
            import_sources(project, [source], fmt="prodigy")
        check_file(path)
        state, bare = import_state(path)
        lost_after_reimport += len(set(expected) - set(state)) + bare
        assert (state, bare) == (expected, 0), f"trial {trial}: re-import did not complete the project"
        path.unlink()
    report(
        "import",
        trials=count,
        kills=kills,
        articles=len(expected),
        stored_at_kill=stored_at_kill,
        bare_after_kill=bare_after_kill,
        lost_after_reimport=lost_after_reimport,
    )
