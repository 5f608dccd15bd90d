"""Learning curve: does training on the project's own decisions make suggestions better?

    .venv/bin/python benchmarks/learning_curve.py [--held-out uk-government|centcom|us-state-department|each]
        [--sizes 10,25,all] [--seeds 0,1,2] [--max-steps N] [--samples ../shared/samples] [--json OUT]

On the three re3d subsets (dstl; Syria/Iraq statements with gold entities), imported with
the project's re3d reader (`annotator import` of each `documents.json`) into a fresh project,
with the gold entities stored as the decisions of annotator `gold`:
- train (`services.training.train_model`, the code behind `annotator train`) on N articles
  drawn (by seed) from two subsets, N = 10, 25 and all; 3 seeds each;
- evaluate (`services.evaluation.evaluate_model`, behind `annotator evaluate`) on the third
  subset, next to the base model scored in the same run.
Per point: entity F1 exact and by overlap, gestures vs scratch (accept 1, reject 1, add 2),
training time. Of the N articles, 20% are held out for dev scores, as `annotator train` does.

Gold re3d type -> stored scheme label: Organisation ORG, Location GPE, Person PERSON,
Nationality NORP, Temporal DATE, Weapon and MilitaryPlatform WEAPON, Quantity CARDINAL
(Vehicle, Money, DocumentReference, CommsIdentifier: not stored). Scored after collapsing
labels the way benchmarks/quality.py does (ORG+ARMED_GROUP, GPE+LOC+FAC, DATE+TIME,
CARDINAL+QUANTITY), which spares the base model the team's GPE-vs-LOC convention: the
gains shown are, if anything, understated.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from annotator.core.align import snap
from annotator.core.model import GOLD_ANNOTATOR, Annotations, ArticleStatus, Layer, Origin, Span, Status
from annotator.core.text import article_uid, normalise
from annotator.nlp.training import TrainSettings
from annotator.services.evaluation import EvaluationReport, evaluate_model
from annotator.services.importing import import_sources
from annotator.services.models import resolve
from annotator.services.project import Project
from annotator.services.training import train_model
from annotator.store import annotations as sets

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLES = REPO_ROOT.parent / "shared" / "samples"
SUBSETS = ("us-state-department", "centcom", "uk-government")
RE3D_TO_SCHEME = {
    "Organisation": "ORG",
    "Location": "GPE",
    "Person": "PERSON",
    "Nationality": "NORP",
    "Temporal": "DATE",
    "Weapon": "WEAPON",
    "MilitaryPlatform": "WEAPON",
    "Quantity": "CARDINAL",
}
COMPARED = {
    "ORG": "ORG",
    "ARMED_GROUP": "ORG",
    "GPE": "LOCATION",
    "LOC": "LOCATION",
    "FAC": "LOCATION",
    "PERSON": "PERSON",
    "NORP": "NORP",
    "DATE": "TIME",
    "TIME": "TIME",
    "WEAPON": "WEAPON",
    "CARDINAL": "QUANTITY",
    "QUANTITY": "QUANTITY",
}


def build_project(path: Path, samples: Path) -> dict[str, list[int]]:
    """Import the three subsets and store their gold entities. RETURNS article ids per subset."""
    by_subset: dict[str, list[int]] = {}
    with Project.open(path) as project:
        for subset in SUBSETS:
            folder = samples / "re3d" / subset
            report = import_sources(project, [folder / "documents.json"], fmt="jsonl")
            if report.problems:
                raise SystemExit(f"{folder}: {report.problems[:3]}")
            ids_by_uid = {project.article(i).uid: i for i in project.article_ids()}
            documents = [
                json.loads(line)
                for line in (folder / "documents.json").read_text(encoding="utf-8").splitlines()
                if line.strip()
            ]
            entities: dict[str, list[dict]] = defaultdict(list)
            for line in (folder / "entities.json").read_text(encoding="utf-8").splitlines():
                if line.strip():
                    entity = json.loads(line)
                    entities[entity["documentId"]].append(entity)
            ids = []
            with project.db.atomic():
                for document in documents:
                    article_id = ids_by_uid[article_uid(normalise(document["text"]))]
                    ids.append(article_id)
                    tokens = project.tokens(article_id)
                    spans = {}
                    for entity in entities[document["_id"]]:
                        label = RE3D_TO_SCHEME.get(entity["type"])
                        bounds = snap(entity["begin"], entity["end"], tokens) if label else None
                        if bounds:
                            span = Span(*bounds, label, Layer.ENTITY, Status.ACCEPTED, Origin.IMPORT)
                            spans[span.key] = span
                    set_id = sets.create_set(project.db, article_id, GOLD_ANNOTATOR, status=ArticleStatus.DONE)
                    sets.insert_annotations(project.db, set_id, Annotations(tuple(spans.values())))
            by_subset[subset] = sorted(set(ids))
    return by_subset


def figures(report: EvaluationReport, which: str = "model") -> dict[str, float]:
    scores = report.model if which == "model" else report.base
    assert scores is not None
    return {
        "f1_exact": scores.labels.exact["ALL"].f1,
        "f1_overlap": scores.labels.overlap["ALL"].f1,
        "gestures": scores.gestures.ratio,
    }


def spread(values: list[float]) -> str:
    mean = statistics.fmean(values)
    return f"{mean:.3f}±{statistics.stdev(values):.3f}" if len(values) > 1 else f"{mean:.3f}"


def run(
    samples: Path, held_out: str, sizes: list[str], seeds: list[int], settings: TrainSettings, workdir: Path
) -> dict:
    project_path = workdir / f"re3d-{held_out}.db"
    ids = build_project(project_path, samples)
    pool = sorted(i for subset, found in ids.items() if subset != held_out for i in found)
    test = ids[held_out]
    print(
        f"\nheld out: {held_out} ({len(test)} articles); training pool: {len(pool)} articles "
        f"from {', '.join(s for s in SUBSETS if s != held_out)}"
    )
    results: dict = {"held_out": held_out, "test_articles": len(test), "pool": len(pool), "points": []}
    with Project.open(project_path) as project:
        started = time.perf_counter()
        base = evaluate_model(
            project, model=resolve(project, None), against=GOLD_ANNOTATOR, base="", label_map=COMPARED, articles=test
        )
        results["base"] = {"model": base.model.model, **figures(base), "seconds": time.perf_counter() - started}
        b = results["base"]
        print(
            f"{'articles':>8} {'seed':>4} {'train':>5} {'dev':>4} {'steps':>5} {'train s':>8} | "
            f"{'F1':>6} {'F1~':>6} {'gest.':>6} | base {'F1':>6} {'F1~':>6} {'gest.':>6}"
        )
        for size in sizes:
            for seed in seeds:
                chosen = pool if size == "all" else random.Random(seed).sample(pool, min(int(size), len(pool)))
                trained = train_model(
                    project, annotator=GOLD_ANNOTATOR, seed=seed, settings=settings, articles=set(chosen)
                )
                record = trained.record
                assert record is not None
                report = evaluate_model(
                    project, model=record.id, against=GOLD_ANNOTATOR, base="", label_map=COMPARED, articles=test
                )
                point = {
                    "size": size,
                    "articles": len(chosen),
                    "seed": seed,
                    "model": record.id,
                    "train_articles": record.train_articles,
                    "dev_articles": record.dev_articles,
                    "steps": record.steps,
                    "train_seconds": record.seconds,
                    "dev_f1": record.dev_f1,
                    **figures(report),
                }
                results["points"].append(point)
                print(
                    f"{len(chosen):>8} {seed:>4} {record.train_articles:>5} {record.dev_articles:>4} "
                    f"{record.steps:>5} {record.seconds:>8.1f} | {point['f1_exact']:>6.3f} {point['f1_overlap']:>6.3f} "
                    f"{point['gestures']:>6.3f} | base {b['f1_exact']:>6.3f} {b['f1_overlap']:>6.3f} {b['gestures']:>6.3f}",
                    flush=True,
                )
    print(f"\nsummary, held out {held_out} (mean±sd over seeds; base: {b['model']})")
    print(f"{'articles':>8} | {'F1 exact':>13} {'F1 overlap':>13} {'gestures':>13} {'train s':>13}")
    print(f"{'base':>8} | {b['f1_exact']:>13.3f} {b['f1_overlap']:>13.3f} {b['gestures']:>13.3f} {'-':>13}")
    for size in sizes:
        points = [p for p in results["points"] if p["size"] == size]
        print(
            f"{points[0]['articles']:>8} | {spread([p['f1_exact'] for p in points]):>13} "
            f"{spread([p['f1_overlap'] for p in points]):>13} {spread([p['gestures'] for p in points]):>13} "
            f"{spread([p['train_seconds'] for p in points]):>13}"
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--held-out", default="uk-government", choices=[*SUBSETS, "each"])
    parser.add_argument("--sizes", default="10,25,all")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--max-steps", type=int, default=None, help="updates per run (default: the bundled config)")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON")
    args = parser.parse_args(argv)
    if not (args.samples / "re3d").is_dir():
        print(f"re3d samples not found in {args.samples}", file=sys.stderr)
        return 2
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    seeds = [int(s) for s in args.seeds.split(",") if s.strip()]
    settings = TrainSettings(max_steps=args.max_steps)
    held_outs = list(SUBSETS) if args.held_out == "each" else [args.held_out]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="annotator-learning-curve-") as tmp:
        results = [run(args.samples, held_out, sizes, seeds, settings, Path(tmp)) for held_out in held_outs]
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(f"\n({time.perf_counter() - started:.0f} s in all)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
