"""Command line over the services (typer, as spaCy's own CLI).

Every expected failure is an `AnnotatorError`: it is printed as one clear line on
stderr and the command exits with a non-zero code; no traceback for a person to decode.
"""

from __future__ import annotations

import json
import sqlite3
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, List, Optional

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
        raise _fail(str(error))
    except sqlite3.DatabaseError as error:
        from annotator.services.errors import describe_error

        raise _fail(describe_error(error, db))


def _fail(message: str, code: int = EXIT_ERROR) -> typer.Exit:
    typer.secho(f"error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code)


@app.callback()
def main_callback(
    ctx: typer.Context,
    version: bool = typer.Option(False, "--version", help="Print the version and exit."),
    self_test: bool = typer.Option(False, "--self-test", help="Check model, project, export; exit non-zero on failure."),
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
    sources: List[Path] = typer.Argument(..., help="Files or folders to import."),
    fmt: str = typer.Option("auto", "--format", "-f",
                            help="auto|txt|html|jsonl|prodigy|doccano|labelstudio|brat|jsonl-ours"),
    annotator: Optional[str] = typer.Option(None, "--annotator", "-a", help="Whose decisions imported annotations become."),
    preannotate: bool = typer.Option(False, "--preannotate", help="Run the spaCy pre-annotation after importing."),
    model: Optional[str] = typer.Option(None, "--model", help="spaCy pipeline for --preannotate."),
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
    model: Optional[str] = typer.Option(None, "--model", help="spaCy package name or path (default: best installed)."),
    batch_size: int = typer.Option(32, "--batch-size", min=1),
    n_process: int = typer.Option(1, "--n-process", min=1, help="Processes for nlp.pipe (measure before raising)."),
) -> None:
    """Pre-highlight entities, quotes and events; articles already done are skipped."""
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False) as project:
        _preannotate(project, model, batch_size, n_process)


def _echo_capped(kind: str, messages: list[str], cap: int = 10) -> None:
    """Print up to `cap` messages and say how many more there were."""
    for message in messages[:cap]:
        typer.echo(f"{kind}: {message}", err=True)
    if len(messages) > cap:
        typer.echo(f"{kind}: ... and {len(messages) - cap} more like these", err=True)


def _preannotate(project: "Project", model: Optional[str], batch_size: int, n_process: int = 1) -> None:
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
    fmt: str = typer.Option(..., "--format", "-f",
                            help="spacy|jsonl|prodigy|doccano|labelstudio|conll|brat|events-csv"),
    annotator: Optional[str] = typer.Option(
        None, "--annotator", "-a",
        help="A person's name, 'model' or 'gold' (default: gold when it exists, else the only person).",
    ),
    status: str = typer.Option("done", "--status", help="done|any: which articles to take."),
    dev: float = typer.Option(0.2, "--dev", min=0.0, max=0.9, help="Share of articles in dev (spacy)."),
    seed: int = typer.Option(0, "--seed", help="Seed of the train/dev split."),
) -> None:
    """Export decisions (never rejected or unreviewed suggestions) for training."""
    from annotator.services.exporting import export_project
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False, readonly=True) as project:
        report = export_project(project, out, fmt, annotator=annotator, status=status, dev=dev, seed=seed)
    typer.echo(report.summary())


@app.command("gui")
def gui(db: Optional[Path] = typer.Argument(None, help="Project file to open.")) -> None:
    """Open the desktop app (on the last project or a welcome screen)."""
    try:
        from annotator.ui.app import run
    except ImportError as error:
        raise _fail(f"the desktop app cannot start: {error}")
    raise typer.Exit(run(db))


# Team work: assign, pack, merge, agreement ----------------------------------------------


def _names(values: Optional[List[str]]) -> list[str]:
    return [n.strip() for value in values or [] for n in value.split(",") if n.strip()]


@app.command("assign")
def assign_command(
    db: Path = typer.Argument(..., help="Project file."),
    annotators: str = typer.Option(..., "--annotators", help="Comma-separated names, e.g. alice,bob,carol."),
    overlap: float = typer.Option(0.2, "--overlap", min=0.0, max=1.0, help="Share of articles given to several annotators."),
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
    packages: List[Path] = typer.Argument(..., help="Package or project files to bring back."),
) -> None:
    """Bring work back from packages: no duplicates, history kept, merging twice changes nothing."""
    from tqdm import tqdm

    from annotator.services.merge import merge_packages
    from annotator.services.project import Project

    with _reported(db), Project.open(db, create=False) as project, tqdm(desc="merge", unit=" sets", disable=None) as bar:
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
    more: Optional[List[str]] = typer.Argument(None, metavar="[NAMES]...", help="More names after --annotators.",
                                               show_default=False),
    annotators: Optional[List[str]] = typer.Option(None, "--annotators", "-a",
                                                   help="Who to compare: --annotators a b ... or a,b (default: everyone; 'model' and 'gold' count as annotators)."),
    layer: Optional[str] = typer.Option(None, "--layer", help="entity|quote|event (default: all three)."),
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


def main() -> None:
    """Console-script entry point; `multiprocessing.freeze_support` keeps frozen
    `--n-process` working."""
    import multiprocessing

    multiprocessing.freeze_support()
    app(prog_name="annotator")


if __name__ == "__main__":
    sys.exit(main())
