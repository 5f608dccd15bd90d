"""Command line over the services (typer, as spaCy's own CLI).

Every expected failure is an `AnnotatorError`: it is printed as one clear line on
stderr and the command exits with a non-zero code; no traceback for a person to decode.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from annotator import __version__
from annotator.core.errors import AnnotatorError

if TYPE_CHECKING:
    from annotator.services.project import Project

app = typer.Typer(
    add_completion=False,
    no_args_is_help=False,
    invoke_without_command=True,
    help="Annotate conflict news: entities, quotes and events, pre-highlighted by spaCy.",
)

EXIT_ERROR = 1
EXIT_PARTIAL = 2


@contextmanager
def _reported(db: Path) -> Iterator[None]:
    """Turn expected failures into one clear line and a non-zero exit code."""
    try:
        yield
    except AnnotatorError as error:
        raise _fail(str(error)) from error
    except (sqlite3.DatabaseError, OSError) as error:
        from annotator.services.errors import describe_error

        raise _fail(describe_error(error, db)) from error


def _fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code)


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
    self_test: bool = typer.Option(
        False, "--self-test", help="Check model, project, export, training; exit non-zero on failure."
    ),
) -> None:
    if version:
        typer.echo(__version__)
        raise typer.Exit()
    if self_test:
        from annotator.services.selftest import run_self_test

        raise typer.Exit(0 if run_self_test(typer.echo) else EXIT_ERROR)
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui, db=None)


@app.command("import")
def import_command(
    db: Path = typer.Argument(..., help="Project file (created when it does not exist)."),
    sources: list[Path] = typer.Argument(..., help="Files or folders to import."),
    fmt: str = typer.Option(
        "auto", "--format", "-f", help="auto|txt|html|jsonl|prodigy|doccano|labelstudio|brat|jsonl-ours|plover"
    ),
    annotator: str | None = typer.Option(
        None, "--annotator", "-a", help="Whose decisions imported annotations become."
    ),
    preannotate: bool = typer.Option(False, "--preannotate", help="Run the spaCy pre-annotation after importing."),
    model: str | None = typer.Option(
        None, "--model", help="For --preannotate: latest, a model id, a folder or a package."
    ),
) -> None:
    """Import articles (txt, html, JSONL, re3d, Prodigy, doccano...) into a project."""
    from tqdm import tqdm

    from annotator.services.importing import import_sources
    from annotator.services.project import Project

    with _reported(db), Project.open(db) as project, tqdm(desc="import", unit=" articles", disable=None) as bar:

        def progress(seen: int, _message: str) -> None:
            bar.update(seen - bar.n)

        report = import_sources(project, sources, fmt=fmt, annotator=annotator, progress=progress)
        bar.close()
        _echo_capped("note", report.notes)
        for problem in report.problems:
            typer.secho(f"problem: {problem}", err=True, fg=typer.colors.YELLOW)
        typer.echo(report.summary())
        if preannotate:
            _preannotate(project, model, batch_size=32)
    if report.problems and not report.imported and not report.duplicates:
        raise _fail("nothing was imported")
    if report.problems:
        raise typer.Exit(EXIT_PARTIAL)


@app.command("preannotate")
def preannotate_command(
    db: Path = typer.Argument(..., help="Project file."),
    model: str | None = typer.Option(
        None,
        "--model",
        help="latest (newest trained model), a model id, a folder or a package (default: best installed).",
    ),
    batch_size: int = typer.Option(32, "--batch-size", min=1),
    n_process: int = typer.Option(1, "--n-process", min=1, help="Processes for nlp.pipe (measure before raising)."),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="Run on a local Dask cluster of N worker processes (needs the 'cluster' extra)."
    ),
    scheduler: str | None = typer.Option(
        None, "--scheduler", help="Run on the Dask cluster of this scheduler, e.g. tcp://10.0.0.5:8786."
    ),
    shard_size: int = typer.Option(64, "--shard-size", min=1, help="Articles per cluster task."),
) -> None:
    """Pre-highlight entities, quotes and events; articles already done are skipped."""
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False) as project:
        if workers is None and scheduler is None:
            _preannotate(project, model, batch_size, n_process)
        else:
            _preannotate_on_cluster(project, model, batch_size, workers or 2, scheduler, shard_size)


def _preannotate_on_cluster(
    project: Project, model: str | None, batch_size: int, workers: int, scheduler: str | None, shard_size: int
) -> None:
    from tqdm import tqdm

    from annotator.services.distributed import preannotate_on_cluster

    with tqdm(desc="pre-annotate", unit=" articles", disable=None) as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        report = preannotate_on_cluster(
            project,
            model=model,
            workers=workers,
            scheduler=scheduler,
            shard_size=shard_size,
            batch_size=batch_size,
            progress=progress,
        )
    for problem in report.problems:
        typer.secho(f"problem: {problem}", err=True, fg=typer.colors.YELLOW)
    typer.echo(report.summary())


def _echo_capped(kind: str, messages: list[str], cap: int = 10) -> None:
    """Print up to `cap` messages and say how many more there were."""
    for message in messages[:cap]:
        typer.echo(f"{kind}: {message}", err=True)
    if len(messages) > cap:
        typer.echo(f"{kind}: ... and {len(messages) - cap} more like these", err=True)


def _preannotate(project: Project, model: str | None, batch_size: int, n_process: int = 1) -> None:
    from tqdm import tqdm

    from annotator.services.preannotate import preannotate

    with tqdm(desc="pre-annotate", unit=" articles", disable=None) as bar:

        def progress(done: int, total: int) -> None:
            bar.total = total
            bar.update(done - bar.n)

        report = preannotate(project, model=model, batch_size=batch_size, n_process=n_process, progress=progress)
    for problem in report.problems:
        typer.secho(f"problem: {problem}", err=True, fg=typer.colors.YELLOW)
    typer.echo(report.summary())


@app.command("stats")
def stats_command(
    db: Path = typer.Argument(..., help="Project file."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Counts of articles, annotators, suggestions and decisions per layer."""
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False, readonly=True) as project:
        stats = project.stats()
    if as_json:
        typer.echo(json.dumps(stats, indent=2, ensure_ascii=False))
        return
    typer.echo(f"articles:    {stats['articles']} ({stats['tokenised']} tokenised)")
    typer.echo(f"annotators:  {stats['annotators']}")
    for model in stats["models"]:
        typer.echo(f"model:       {model['model']} on {model['articles']} articles")
    typer.echo("suggestions: " + _per_layer(stats["suggestions"]))
    typer.echo("decisions:   " + _per_layer(stats["decisions"]))
    for name, info in stats["by_annotator"].items():
        typer.echo(f"  {name}: " + _per_layer(info["status"]) + " | " + _per_layer(info["decisions"]))


def _per_layer(counts: dict[str, int]) -> str:
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"


@app.command("export")
def export_command(
    db: Path = typer.Argument(..., help="Project file."),
    out: Path = typer.Argument(..., help="Output file, or folder for spacy and brat."),
    fmt: str = typer.Option(
        ..., "--format", "-f", help="spacy|jsonl|prodigy|doccano|labelstudio|conll|brat|events-csv|plover"
    ),
    annotator: str | None = typer.Option(
        None,
        "--annotator",
        "-a",
        help="A person's name, 'model' or 'gold' (default: gold when it exists, else the only person).",
    ),
    status: str = typer.Option("done", "--status", help="done|any: which articles to take."),
    dev: float = typer.Option(0.2, "--dev", min=0.0, max=0.9, help="Share of articles in dev (spacy)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the train/dev split."),
    by_incident: bool = typer.Option(False, "--by-incident", help="events-csv: one row per incident, sources listed."),
    redact: str | None = typer.Option(None, "--redact", help="victims: replace victims' names by placeholders."),
) -> None:
    """Export decisions (never rejected or unreviewed suggestions) for training."""
    from annotator.services.exporting import export_project
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False, readonly=True) as project:
        report = export_project(
            project,
            out,
            fmt,
            annotator=annotator,
            status=status,
            dev=dev,
            seed=seed,
            by_incident=by_incident,
            redact=redact,
        )
    typer.echo(report.summary())


@app.command("gui")
def gui(db: Path | None = typer.Argument(None, help="Project file to open.")) -> None:
    """Open the desktop app (on the last project or a welcome screen)."""
    try:
        from annotator.ui.app import run
    except ImportError as error:
        raise _fail(f"the desktop app cannot start: {error}") from error
    raise typer.Exit(run(db))


# Team work: assign, pack, merge, agreement ----------------------------------------------


def _names(values: list[str] | None) -> list[str]:
    return [n.strip() for value in values or [] for n in value.split(",") if n.strip()]


@app.command("assign")
def assign_command(
    db: Path = typer.Argument(..., help="Project file."),
    annotators: str = typer.Option(..., "--annotators", help="Comma-separated names, e.g. alice,bob,carol."),
    overlap: float = typer.Option(
        0.2, "--overlap", min=0.0, max=1.0, help="Share of articles given to several annotators."
    ),
    copies: int = typer.Option(2, "--copies", min=2, help="Annotators per shared article."),
    seed: int = typer.Option(0, "--seed", help="Seed of the shuffle."),
) -> None:
    """Spread the articles nobody has yet over annotators, a share of them shared for agreement."""
    from annotator.services.assign import assign_articles
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False) as project:
        report = assign_articles(project, _names([annotators]), overlap=overlap, seed=seed, copies=copies)
    typer.echo(report.summary())


@app.command("pack")
def pack_command(
    db: Path = typer.Argument(..., help="Project file."),
    out: Path = typer.Argument(..., help="The package to write (a new project file)."),
    annotator: str = typer.Option(..., "--annotator", "-a", help="Whose work package."),
) -> None:
    """Write one annotator's articles, suggestions and history to a package file."""
    from annotator.services.packages import pack
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False) as project:
        report = pack(project, out, annotator)
    typer.echo(report.summary())


@app.command("merge")
def merge_command(
    db: Path = typer.Argument(..., help="Project file to merge into."),
    packages: list[Path] = typer.Argument(..., help="Package or project files to bring back."),
) -> None:
    """Bring work back from packages: no duplicates, history kept, merging twice changes nothing."""
    from tqdm import tqdm

    from annotator.services.merge import merge_packages
    from annotator.services.project import Project

    with (
        _reported(db),
        Project.open(db, create=False) as project,
        tqdm(desc="merge", unit=" sets", disable=None) as bar,
    ):

        def progress(done: int, total: int, _message: str) -> None:
            bar.total = total
            bar.update(done - bar.n)

        report = merge_packages(project, packages, progress=progress)
        bar.close()
    for conflict in report.conflicts:
        typer.secho(f"conflict: {conflict}", err=True, fg=typer.colors.YELLOW)
    typer.echo(report.summary())


@app.command("agreement")
def agreement_command(
    db: Path = typer.Argument(..., help="Project file."),
    more: list[str] | None = typer.Argument(
        None, metavar="[NAMES]...", help="More names after --annotators.", show_default=False
    ),
    annotators: list[str] | None = typer.Option(
        None,
        "--annotators",
        "-a",
        help="Who to compare: --annotators a b ... or a,b (default: everyone; 'model' and 'gold' count as annotators).",
    ),
    layer: str | None = typer.Option(None, "--layer", help="entity|quote|event (default: all three)."),
    status: str = typer.Option("done", "--status", help="done|any: which of each annotator's articles to compare."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Agreement per layer and label: span P/R/F1, Cohen's kappa, Krippendorff's alpha."""
    from annotator.services.agreement import LAYERS, measure
    from annotator.services.project import Project

    if more and not annotators:
        raise _fail(f"unexpected argument {more[0]!r}; name annotators with --annotators a b ...")
    names = _names(annotators) + _names(more)
    with _reported(db), Project.open(db, create=False) as project:
        report = measure(project, names or None, [layer] if layer else LAYERS, status=status)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        typer.echo("\n".join(report.lines()))


@app.command("new")
def new_command(
    db: Path = typer.Argument(..., help="Project file to create."),
    scheme: str = typer.Option("conflict", "--scheme", "-s", help="conflict|acled|plover|ucdp, or a scheme TOML file."),
) -> None:
    """Create an empty project with a codebook (label scheme), checked first."""
    from annotator.services.project import Project
    from annotator.services.schemes import load_scheme

    if db.exists():
        raise _fail(f"{db}: already exists; `new` makes a new project (import into an existing one instead)")
    with _reported(db):
        chosen = load_scheme(scheme)
        with Project.open(db, scheme=chosen) as project:
            made = project.scheme
    typer.echo(
        f"{db}: new project with the {made.title or made.name} scheme: {len(made.entities)} entity labels, "
        f"{len(made.event_types)} event types, {len(made.checks)} checks"
    )


@app.command("check")
def check_command(
    db: Path = typer.Argument(..., help="Project file."),
    annotator: str | None = typer.Option(None, "--annotator", "-a", help="Only this annotator (default: everyone)."),
    status: str = typer.Option("any", "--status", help="done|any: which articles to check."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON (one object per failed check)."),
) -> None:
    """Check events against the codebook's rules; exit code 2 when any rule is broken."""
    from annotator.services.checking import check_project
    from annotator.services.exporting import STATUS_CHOICES
    from annotator.services.project import Project

    if status not in STATUS_CHOICES:
        raise _fail(f"unknown status {status!r}; choose done or any")
    with _reported(db), Project.open(db, create=False, readonly=True) as project:
        failures = check_project(project, annotator, STATUS_CHOICES[status])
        rules = len(project.scheme.checks)
    if as_json:
        typer.echo(json.dumps([f.to_json() for f in failures], indent=2, ensure_ascii=False))
    else:
        for failure in failures:
            typer.echo(failure.describe())
        typer.echo(f"{len(failures)} failed check(s) ({rules} rules in the scheme)", err=bool(failures))
    if failures:
        raise typer.Exit(EXIT_PARTIAL)


@app.command("code")
def code_command(
    db: Path = typer.Argument(..., help="Project file."),
    annotator: str | None = typer.Option(None, "--annotator", "-a", help="Only this annotator's sets."),
) -> None:
    """Fill in missing event dates and claims (recorded, undoable edits)."""
    from annotator.services.coding import code_project
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False) as project:
        report = code_project(project, annotator)
    typer.echo(report.summary())


@app.command("published")
def published_command(
    db: Path = typer.Argument(..., help="Project file."),
    article: int = typer.Argument(..., help="Article id (see `annotator stats` or the app)."),
    value: str = typer.Argument(..., help="YYYY-MM-DD, YYYY-MM or YYYY; '' clears it."),
) -> None:
    """Set an article's publication date (its events' dates are read against it)."""
    from annotator.services.coding import set_published
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False) as project:
        try:
            stored = set_published(project, article, value)
        except KeyError:
            raise _fail(f"{db}: no article {article}") from None
    typer.echo(f"article {article}: published {stored or '(none)'}; `annotator code {db}` dates its events")


@app.command("import-events")
def import_events_command(
    db: Path = typer.Argument(..., help="Project file holding the articles."),
    table: Path = typer.Argument(..., help="An event table written by `export --format events-csv`."),
    annotator: str = typer.Option("import", "--annotator", "-a", help="Whose decisions the events become."),
) -> None:
    """Read an event table back onto the project's articles (matched by article uid)."""
    from annotator.services.event_tables import import_event_table
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False) as project:
        report = import_event_table(project, table, annotator)
    for problem in report.problems:
        typer.secho(f"problem: {problem}", err=True, fg=typer.colors.YELLOW)
    typer.echo(report.summary())
    if report.problems:
        raise typer.Exit(EXIT_PARTIAL)


@app.command("backups")
def backups_command(
    db: Path = typer.Argument(..., help="Project file."),
    now: bool = typer.Option(False, "--now", help="Take a backup now (also while the app has the project open)."),
    check: bool = typer.Option(False, "--check", help="Run SQLite's quick_check on each backup."),
) -> None:
    """List the project's rotating backups (newest first), or take one with --now."""
    from annotator.services.backups import backup_now, backups

    with _reported(db):
        if now:
            typer.echo(f"backup: {backup_now(db)}")
        found = backups(db, check=check)
    if not found:
        typer.echo(f"no backups of {db} yet")
    for backup, healthy in found:
        verdict = "" if healthy is None else ("  ok" if healthy else "  DAMAGED")
        typer.echo(f"{backup.path.name}  {backup.taken_at:%Y-%m-%d %H:%M:%S} UTC  {backup.size / 1e6:8.1f} MB{verdict}")


@app.command("restore")
def restore_command(
    db: Path = typer.Argument(..., help="Project file to restore."),
    backup: Path | None = typer.Argument(None, help="Backup file or its name (default: the newest good one)."),
) -> None:
    """Put a backup in place of the project; the file it replaces is kept beside it."""
    from annotator.services.backups import restore_backup

    with _reported(db):
        restored = restore_backup(db, backup)
    typer.echo(restored.summary(db))


@app.command("train")
def train_command(
    db: Path = typer.Argument(..., help="Project file."),
    annotator: str = typer.Option(
        "done", "--annotator", "-a", help="Learn from: gold, a person's name, or done (every done article, gold first)."
    ),
    base: str | None = typer.Option(None, "--base", help="Pipeline to fine-tune (default: best installed)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the training run."),
    max_time: float | None = typer.Option(
        None, "--max-time", min=1, help="Stop after S seconds of updates, keeping the model."
    ),
    max_steps: int | None = typer.Option(
        None, "--max-steps", min=0, help="Updates (default: the bundled config's 300)."
    ),
    dev: float = typer.Option(0.2, "--dev", min=0.0, max=0.9, help="Share of articles held out for dev scores."),
) -> None:
    """Fine-tune the base model's entity recogniser on the project's decided articles."""
    import signal

    from annotator.nlp.training import TrainingProgress, TrainSettings
    from annotator.services.project import Project
    from annotator.services.training import train_model

    stop = {"asked": False}

    def interrupt(_signum: int, _frame: object) -> None:
        if stop["asked"]:
            raise KeyboardInterrupt
        stop["asked"] = True
        typer.echo("stopping at the next update (Ctrl+C again to abort at once)", err=True)

    def progress(message: str, step: TrainingProgress | None) -> None:
        if step is None:
            typer.echo(message, err=True)
        elif step.evaluated or (step.max_steps and step.step >= step.max_steps):
            f1 = "-" if step.dev_f1 is None else f"{step.dev_f1:.3f}"
            loss = "-" if step.loss is None else f"{step.loss:.1f}"
            total = f"/{step.max_steps}" if step.max_steps else ""
            typer.echo(
                f"step {step.step}{total}  epoch {step.epoch}  loss {loss}  dev F1 {f1}  ({step.seconds:.0f} s)",
                err=True,
            )

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        with _reported(db), Project.open(db, create=False) as project:
            report = train_model(
                project,
                annotator=annotator,
                base=base,
                seed=seed,
                max_time=max_time,
                settings=TrainSettings(max_steps=max_steps),
                dev=dev,
                progress=progress,
                cancelled=lambda: stop["asked"],
            )
    finally:
        signal.signal(signal.SIGINT, previous)
    typer.echo(report.summary())
    if report.cancelled:
        raise typer.Exit(EXIT_ERROR)


@app.command("models")
def models_command(
    db: Path = typer.Argument(..., help="Project file."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the project's trained models with their dev scores per label."""
    from dataclasses import asdict

    from annotator.services.models import describe, list_models, models_dir
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False, readonly=True) as project:
        found = list_models(project)
        folder = models_dir(project)
    if as_json:
        typer.echo(json.dumps([asdict(r) for r in found], indent=2, ensure_ascii=False))
        return
    if not found:
        typer.echo("no trained models yet (annotator train DB)")
        return
    typer.echo(f"{len(found)} model(s) in {folder}")
    for record in found:
        typer.echo(describe(record))
        scores = "  ".join(f"{label} {values.get('f', 0):.2f}" for label, values in sorted(record.dev_scores.items()))
        if scores:
            typer.echo(f"    dev F1 per label: {scores}")


@app.command("evaluate")
def evaluate_command(
    db: Path = typer.Argument(..., help="Project file."),
    model: str = typer.Option("latest", "--model", help="latest, a model id, a folder or a package."),
    against: str = typer.Option("gold", "--against", help="Reference: gold or a person's name."),
    base: str | None = typer.Option(None, "--base", help="Compare with (default: the model's base)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Score a model's entity suggestions against an annotator, next to its base model."""
    from annotator.services.evaluation import evaluate_model
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False, readonly=True) as project:
        report = evaluate_model(project, model=model, against=against, base=base)
    typer.echo(json.dumps(report.to_json(), indent=2) if as_json else report.table())


def main() -> None:
    """Console-script entry point; `multiprocessing.freeze_support` keeps frozen
    `--n-process` working."""
    import multiprocessing

    multiprocessing.freeze_support()
    app(prog_name="annotator")


# Actors and incidents (issue 16) ----------------------------------------------------------


@app.command("actors")
def actors_command(
    db: Path = typer.Argument(..., help="Project file."),
    annotator: str | None = typer.Option(
        None, "--annotator", "-a", help="Whose sets to read (default: gold, else the only person, else model)."
    ),
    unknown: int = typer.Option(10, "--unknown", min=0, help="Also list this many names that matched no actor."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List the actors found across articles (linked, or matched through the dictionary's aliases)."""
    from annotator.services.actors import list_actors_across
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False, readonly=True) as project:
        listing = list_actors_across(project, annotator)
    if as_json:
        typer.echo(
            json.dumps(
                {
                    "annotator": listing.annotator,
                    "dictionary": listing.dictionary,
                    "articles": listing.articles,
                    "actors": [
                        {
                            "name": s.actor.name,
                            "type": s.actor.type_title,
                            "interaction_code": int(s.actor.interaction_code) if s.actor.interaction_code else None,
                            "parent": s.actor.parent,
                            "wikidata": s.actor.wikidata,
                            "mentions": s.mentions,
                            "articles": len(s.articles),
                            "sources": s.sources,
                            "forms": s.forms,
                        }
                        for s in listing.actors
                    ],
                    "unknown": dict(list(listing.unknown.items())[:unknown]),
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    where = (
        "the bundled seed dictionary (the project has none yet)"
        if listing.dictionary == "seed"
        else "the project's dictionary"
    )
    typer.echo(f"{len(listing.actors)} actors in {listing.articles} articles ({listing.annotator}'s sets; {where})")
    for summary in listing.actors:
        code = f" [{int(summary.actor.interaction_code)}]" if summary.actor.interaction_code else ""
        typer.echo(f"{summary.actor.name}{code}: {summary.mentions} mentions in {len(summary.articles)} articles")
        typer.echo(
            "    as: " + ", ".join(f"{form} ({n})" for form, n in sorted(summary.forms.items(), key=lambda kv: -kv[1]))
        )
        typer.echo("    sources: " + ", ".join(f"{source} ({n})" for source, n in sorted(summary.sources.items())))
    if unknown and listing.unknown:
        typer.echo(
            "not in the dictionary: "
            + ", ".join(f"{name} ({n})" for name, n in list(listing.unknown.items())[:unknown])
        )


@app.command("actors-import")
def actors_import_command(
    db: Path = typer.Argument(..., help="Project file."),
    csv_file: Path | None = typer.Argument(None, help="Dictionary CSV (name, aliases, interaction_code, ...)."),
    seed: bool = typer.Option(False, "--seed", help="Import the bundled seed dictionary of common conflict actors."),
) -> None:
    """Add or update actors of the project's dictionary from a CSV file (aliases are added, never removed)."""
    from annotator.services.actors import import_csv, load_seed
    from annotator.services.project import Project

    if (csv_file is None) == (not seed):
        raise _fail("give a CSV file or --seed (one of them)")
    with _reported(db), Project.open(db, create=False) as project:
        if seed:
            added, updated = load_seed(project)
            problems: list[str] = []
        else:
            added, updated, problems = import_csv(project, csv_file)  # type: ignore[arg-type]  # not None: no --seed, checked above
    for problem in problems:
        typer.secho(f"problem: {problem}", err=True, fg=typer.colors.YELLOW)
    typer.echo(f"{added} actor(s) added, {updated} updated")
    if problems:
        raise typer.Exit(EXIT_PARTIAL)


@app.command("actors-export")
def actors_export_command(
    db: Path = typer.Argument(..., help="Project file."),
    csv_file: Path = typer.Argument(..., help="CSV file to write."),
) -> None:
    """Write the actor dictionary as CSV (the bundled seed when the project has none)."""
    from annotator.services.actors import export_csv
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False, readonly=True) as project:
        count = export_csv(project, csv_file)
    typer.echo(f"{count} actor(s) written to {csv_file}")


@app.command("incidents")
def incidents_command(
    db: Path = typer.Argument(..., help="Project file."),
    propose: bool = typer.Option(False, "--propose", help="Propose incidents first (confirmed ones are kept)."),
    window: int = typer.Option(3, "--window", min=0, help="Days two reports' dates may lie apart."),
    annotator: str | None = typer.Option(None, "--annotator", "-a", help="Whose events (default as for actors)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List incidents: events of several articles that report one happening, side by side."""
    from annotator.services.incidents import list_incidents, propose_incidents
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False, readonly=not propose) as project:
        if propose:
            typer.echo(propose_incidents(project, annotator, window).summary())
        found = list_incidents(project, annotator)
    if as_json:
        typer.echo(
            json.dumps(
                [
                    {
                        "id": i.id,
                        "status": i.status,
                        "event_type": i.event_type,
                        "sources": i.sources,
                        "reports": [
                            {
                                "event_id": r.event_id,
                                "article_id": r.article_id,
                                "title": r.title,
                                "source": r.source,
                                "published": r.published,
                                "trigger": r.trigger,
                                "locations": r.locations,
                                "actors": r.actors,
                                "time": r.times,
                                "claims": [list(c) for c in r.claims],
                            }
                            for r in i.reports
                        ],
                    }
                    for i in found
                ],
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    for incident in found:
        period = incident.period
        when = f"{period.first}..{period.last}" if period else "date unknown"
        typer.echo(
            f"incident {incident.id} ({incident.status}): {incident.event_type}, {when}, "
            f"{len(incident.reports)} reports from {', '.join(incident.sources)}"
        )
        for r in incident.reports:
            claims = "; ".join(f"{role.lower()} {figure}" for role, figure in r.claims) or "no figures"
            typer.echo(
                f"  event {r.event_id}: {r.source or '(no source)'} {r.published} “{r.trigger}” in "
                f"{', '.join(r.locations)}; {', '.join(r.actors) or 'no actors'}; {claims}"
            )
    if not found:
        typer.echo("no incidents" + ("" if propose else " (use --propose to look for some)"))


@app.command("incident-confirm")
def incident_confirm_command(
    db: Path = typer.Argument(..., help="Project file."),
    incident: int = typer.Argument(..., help="Incident id."),
) -> None:
    """Confirm a proposed incident."""
    from annotator.services.incidents import confirm_incident
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False) as project:
        confirm_incident(project, incident)
    typer.echo(f"incident {incident} confirmed")


@app.command("incident-split")
def incident_split_command(
    db: Path = typer.Argument(..., help="Project file."),
    incident: int = typer.Argument(..., help="Incident id."),
    events: list[int] = typer.Argument(..., help="Event ids to take out (kept apart from the rest from now on)."),
) -> None:
    """Take reports out of an incident; they are never proposed with the rest again."""
    from annotator.services.incidents import split_incident
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False) as project:
        created = split_incident(project, incident, events)
    typer.echo(
        f"split {len(events)} event(s) off incident {incident}" + (f" into incident {created}" if created else "")
    )


if __name__ == "__main__":
    main()
