"""Quality of the pre-highlighting against gold, next to the bare model's own entities.

    .venv/bin/python benchmarks/quality.py [--model NAME] [--samples ../shared/samples]

1. re3d (dstl, Syria/Iraq statements): entity P/R/F1 per label, exact span and overlap.
   Type map (gold re3d -> compared label <- our scheme labels):
     Organisation -> ORG <- ORG, ARMED_GROUP
     Location -> LOCATION <- GPE, LOC, FAC
     Person -> PERSON <- PERSON
     Nationality -> NORP <- NORP
     Temporal -> TIME <- DATE, TIME
     Weapon, MilitaryPlatform -> WEAPON <- WEAPON
     Quantity -> QUANTITY <- CARDINAL, QUANTITY
   Not compared: Vehicle, Money, DocumentReference, CommsIdentifier (no scheme label).
2. Seed article (brat gold): entities per label, quotes (content, named speaker, cue),
   events (trigger and type, roles). Gold CONSULT counts as NEGOTIATE, DISAPPROVE as ACCUSE.
3. PLOVER gold sentences: per-type trigger recall (an event of a mapped scheme type whose
   trigger overlaps a gold (EVT: ...) mark, and of the type anywhere in the sentence) and
   source-actor recall (an ACTOR argument overlapping a gold SRC mark).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from annotator.core.scheme import LabelScheme
from annotator.nlp.pipeline import load_pipeline, model_id
from annotator.nlp.suggest import suggest

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SAMPLES = REPO_ROOT.parent / "shared" / "samples"
RE3D_MAP = {
    "Organisation": "ORG", "Location": "LOCATION", "Person": "PERSON", "Nationality": "NORP",
    "Temporal": "TIME", "Weapon": "WEAPON", "MilitaryPlatform": "WEAPON", "Quantity": "QUANTITY",
}
SCHEME_TO_RE3D = {
    "ORG": "ORG", "ARMED_GROUP": "ORG", "GPE": "LOCATION", "LOC": "LOCATION", "FAC": "LOCATION",
    "PERSON": "PERSON", "NORP": "NORP", "DATE": "TIME", "TIME": "TIME", "WEAPON": "WEAPON",
    "CARDINAL": "QUANTITY", "QUANTITY": "QUANTITY",
}
SEED_EVENT_MAP = {"CONSULT": "NEGOTIATE", "DISAPPROVE": "ACCUSE"}
PLOVER_MAP = {
    "AGREE": {"AGREE"}, "CONSULT": {"NEGOTIATE"}, "DEMAND": {"DEMAND"}, "DISAPPROVE": {"ACCUSE"},
    "THREATEN": {"THREATEN"}, "PROTEST": {"PROTEST", "RIOT"},
    "ASSAULT": {"BATTLE", "EXPLOSION_REMOTE", "VIOLENCE_AGAINST_CIVILIANS"},
    "FIGHT": {"BATTLE", "EXPLOSION_REMOTE", "VIOLENCE_AGAINST_CIVILIANS"},
    "COERCE": {"STRATEGIC_DEVELOPMENT", "VIOLENCE_AGAINST_CIVILIANS"},
    "MOBILIZE": {"THREATEN", "STRATEGIC_DEVELOPMENT"},
}
Mention = tuple[int, int, str]


def prf(gold: list[Mention], found: list[Mention], overlap: bool = False) -> tuple[float, float, float]:
    """Precision, recall, F1 of labelled spans (exact or any character overlap)."""

    def matches(a: Mention, b: Mention) -> bool:
        if a[2] != b[2]:
            return False
        return a[0] < b[1] and b[0] < a[1] if overlap else a[:2] == b[:2]

    hit_found = sum(1 for f in found if any(matches(f, g) for g in gold))
    hit_gold = sum(1 for g in gold if any(matches(f, g) for f in found))
    p = hit_found / len(found) if found else 0.0
    r = hit_gold / len(gold) if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def entity_table(title: str, gold: list[Mention], ours: list[Mention], bare: list[Mention]) -> None:
    print(f"\n{title}")
    print(f"{'label':<10}{'gold':>6} | {'ours P':>7}{'R':>6}{'F1':>6}{'F1~':>6} | {'bare P':>7}{'R':>6}{'F1':>6}{'F1~':>6}")
    labels = sorted({g[2] for g in gold})
    for label in labels + ["ALL"]:
        pick = (lambda ms: ms) if label == "ALL" else (lambda ms, label=label: [m for m in ms if m[2] == label])
        g, o, b = pick(gold), pick(ours), pick(bare)
        po, ro, fo = prf(g, o)
        pb, rb, fb = prf(g, b)
        print(
            f"{label:<10}{len(g):>6} | {po:>7.2f}{ro:>6.2f}{fo:>6.2f}{prf(g, o, True)[2]:>6.2f}"
            f" | {pb:>7.2f}{rb:>6.2f}{fb:>6.2f}{prf(g, b, True)[2]:>6.2f}"
        )
    print("(F1~: a prediction counts when it overlaps a gold span of the same label)")


def ours_entities(nlp, text: str, scheme: LabelScheme, mapping: dict[str, str] | None) -> tuple[list[Mention], object]:
    annotations = suggest(nlp(text), scheme)
    spans = [s for s in annotations.spans if s.layer == "entity"]
    found = [(s.start, s.end, mapping.get(s.label, "") if mapping else s.label) for s in spans]
    return [m for m in found if m[2]], annotations


def bare_entities(bare, text: str, scheme: LabelScheme, mapping: dict[str, str] | None) -> list[Mention]:
    found = []
    for entity in bare(text).ents:
        label = scheme.map_model_label(entity.label_)
        label = (mapping.get(label, "") if mapping else label) if label else ""
        if label:
            found.append((entity.start_char, entity.end_char, label))
    return found


def run_re3d(samples: Path, nlp, bare, scheme: LabelScheme) -> None:
    gold: list[Mention] = []
    ours: list[Mention] = []
    plain: list[Mention] = []
    offset = 0
    for folder in sorted((samples / "re3d").glob("*/")):
        documents = [json.loads(line) for line in (folder / "documents.json").read_text().splitlines() if line.strip()]
        entities = defaultdict(list)
        for line in (folder / "entities.json").read_text().splitlines():
            if line.strip():
                entity = json.loads(line)
                entities[entity["documentId"]].append(entity)
        for document in documents:
            text = document["text"]
            for e in entities[document["_id"]]:
                if e["type"] in RE3D_MAP:
                    gold.append((offset + e["begin"], offset + e["end"], RE3D_MAP[e["type"]]))
            ours += [(offset + s, offset + t, label) for s, t, label in ours_entities(nlp, text, scheme, SCHEME_TO_RE3D)[0]]
            plain += [(offset + s, offset + t, label) for s, t, label in bare_entities(bare, text, scheme, SCHEME_TO_RE3D)]
            offset += len(text) + 1
    entity_table(f"re3d entities ({len(gold)} gold mentions, 71 documents)", gold, ours, plain)


def read_brat(path: Path) -> dict:
    spans, events, relations = {}, [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("T"):
            key, info, text = line.split("\t")
            label, start, end = info.split()
            spans[key] = (label, int(start), int(end), text)
        elif line.startswith("E"):
            parts = [p.split(":") for p in line.split("\t")[1].split()]
            events.append((parts[0][0], parts[0][1], [(r.rstrip("0123456789"), t) for r, t in parts[1:]]))
        elif line.startswith("R"):
            label, arg1, arg2 = line.split("\t")[1].split()
            relations.append((label, arg1.split(":")[1], arg2.split(":")[1]))
    return {"spans": spans, "events": events, "relations": relations}


def run_seed(samples: Path, nlp, bare, scheme: LabelScheme) -> None:
    base = samples / "seed" / "ukraine-russia-pow-exchange"
    text = base.with_suffix(".txt").read_text(encoding="utf-8")
    gold = read_brat(base.with_suffix(".ann"))
    spans = gold["spans"]
    gold_entities = [(s, e, label) for label, s, e, _ in spans.values() if label in scheme.entities]
    ours, annotations = ours_entities(nlp, text, scheme, None)
    entity_table("seed entities", gold_entities, ours, bare_entities(bare, text, scheme, None))

    relation = {(label, a): b for label, a, b in gold["relations"]}
    gold_quotes = {k: v for k, v in spans.items() if v[0] == "QUOTE"}
    direct = [q for q in annotations.quotes if q.kind != "indirect"]
    found = {(q.content.start, q.content.end): q for q in direct}
    content_hits = speaker_hits = cue_hits = 0
    for key, (_, start, end, _) in gold_quotes.items():
        quote = found.get((start, end))
        if quote is None:
            continue
        content_hits += 1
        who = relation[("Speaker", key)]
        who = relation.get(("Coref", who), who)
        if quote.speaker and (quote.speaker.start, quote.speaker.end) == spans[who][1:3]:
            speaker_hits += 1
        if quote.cue and (quote.cue.start, quote.cue.end) == spans[relation[("Cue", key)]][1:3]:
            cue_hits += 1
    n = len(gold_quotes)
    print("\nseed quotes (direct; gold has no indirect quotes)")
    print(f"  gold {n}, found {len(direct)} direct + {len(annotations.quotes) - len(direct)} indirect")
    print(f"  content exact: P {content_hits / max(len(direct), 1):.2f} R {content_hits / n:.2f}")
    print(f"  named speaker correct: {speaker_hits}/{n}   cue correct: {cue_hits}/{n}")

    print("\nseed events (trigger overlap + type; roles of matched events by overlap)")
    role_gold = role_hit = trigger_hits = 0
    for event_type, trigger_key, args in gold["events"]:
        event_type = SEED_EVENT_MAP.get(event_type, event_type)
        _, t_start, t_end, t_text = spans[trigger_key]
        match = next(
            (e for e in annotations.events if e.event_type == event_type and e.trigger.start < t_end and t_start < e.trigger.end),
            None,
        )
        trigger_hits += match is not None
        got = []
        for role, key in args:
            role_gold += 1
            _, a_start, a_end, a_text = spans[key]
            ok = match is not None and any(
                a.role == role and a.span.start < a_end and a_start < a.span.end for a in match.arguments
            )
            role_hit += ok
            got.append(f"{role}:{a_text}{'+' if ok else '-'}")
        print(f"  {event_type:<10} {t_text!r:<14} {'found' if match else 'MISSED':<7} {' '.join(got)}")
    print(f"  triggers {trigger_hits}/{len(gold['events'])}, roles {role_hit}/{role_gold}; suggested events: {len(annotations.events)}")


def plover_marks(record: dict) -> list[tuple[str, int, int]]:
    """(tag, start, end) of each inline (TAG: text) mark, located in the record's text."""
    info = record.get("textInfo")
    markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
    text, cursor, marks = record["text"], 0, []
    for tag, content in re.findall(r"\(([A-Z/]+):\s*([^()]*?)\s*[)}]", markup):
        at = text.find(content, cursor) if content else -1
        if at >= 0:
            marks.append((tag, at, at + len(content)))
            cursor = at
    return marks


def run_plover(samples: Path, nlp) -> None:
    records = [r for r in json.loads((samples / "plover" / "PLOVER_GSR_CAMEO.txt").read_text()) if r.get("text")]
    totals, at_mark, in_sentence, actors, actor_total = Counter(), Counter(), Counter(), Counter(), Counter()
    docs = nlp.pipe([r["text"] for r in records], batch_size=64)
    for record, doc in zip(records, docs):
        plover_type = record["event"]
        totals[plover_type] += 1
        wanted = PLOVER_MAP.get(plover_type)
        if not wanted:
            continue
        marks = plover_marks(record)
        events = [e for e in doc.spans["events"] if e.label_ in wanted]
        in_sentence[plover_type] += bool(events)
        evt = [(s, e) for tag, s, e in marks if tag == "EVT"]
        at_mark[plover_type] += any(e.start_char < b and a < e.end_char for e in events for a, b in evt)
        sources = [(s, e) for tag, s, e in marks if "SRC" in tag]
        if sources:
            actor_total[plover_type] += 1
            arguments = [span for e in doc.spans["events"] for role, span in e._.event_arguments if role == "ACTOR"]
            actors[plover_type] += any(sp.start_char < b and a < sp.end_char for sp in arguments for a, b in sources)
    print("\nPLOVER gold sentences: trigger recall per type")
    print(f"{'PLOVER type':<12}{'scheme types':<48}{'n':>4}{'at EVT':>8}{'in sent':>8}{'actor':>8}")
    for plover_type, n in totals.most_common():
        wanted = PLOVER_MAP.get(plover_type)
        if not wanted:
            print(f"{plover_type:<12}{'(no scheme type)':<48}{n:>4}")
            continue
        actor = f"{actors[plover_type] / actor_total[plover_type]:.2f}" if actor_total[plover_type] else "-"
        print(f"{plover_type:<12}{','.join(sorted(wanted)):<48}{n:>4}{at_mark[plover_type] / n:>8.2f}{in_sentence[plover_type] / n:>8.2f}{actor:>8}")
    mapped = [t for t in totals if t in PLOVER_MAP]
    n = sum(totals[t] for t in mapped)
    print(f"{'ALL mapped':<12}{'':<48}{n:>4}{sum(at_mark[t] for t in mapped) / n:>8.2f}{sum(in_sentence[t] for t in mapped) / n:>8.2f}"
          f"{sum(actors[t] for t in mapped) / max(sum(actor_total[t] for t in mapped), 1):>8.2f}")


def run_plover_scheme(samples: Path, nlp) -> None:
    """PLOVER gold with the PLOVER scheme: events come out in PLOVER's own types (the trigger
    lexicon through the scheme's aliases, plus its [triggers]); recall of the gold type in
    the sentence and at an EVT mark, for every type (none unmapped)."""
    from annotator.ingest.plover import locate_marks
    from annotator.nlp.scheme_lexicon import use_scheme

    scheme = LabelScheme.bundled("plover")
    use_scheme(nlp, scheme)
    records = [r for r in json.loads((samples / "plover" / "PLOVER_GSR_CAMEO.txt").read_text()) if r.get("text")]
    totals, at_mark, in_sentence = Counter(), Counter(), Counter()
    for record, doc in zip(records, nlp.pipe([r["text"] for r in records], batch_size=64)):
        gold = record["event"]
        totals[gold] += 1
        found = [e for e in suggest(doc, scheme).events if e.event_type == gold]
        info = record.get("textInfo")
        marks, _ = locate_marks(record["text"], info.get("markup", "") if isinstance(info, dict) else "")
        evt = [(s, e) for tag, s, e in marks if tag == "EVT"]
        in_sentence[gold] += bool(found)
        at_mark[gold] += any(e.trigger.start < b and a < e.trigger.end for e in found for a, b in evt)
    use_scheme(nlp, LabelScheme.default())
    print("\nPLOVER gold with the PLOVER scheme: event-type recall (every type)")
    print(f"{'PLOVER type':<12}{'n':>4}{'at EVT':>8}{'in sent':>8}")
    for plover_type, n in totals.most_common():
        print(f"{plover_type:<12}{n:>4}{at_mark[plover_type] / n:>8.2f}{in_sentence[plover_type] / n:>8.2f}")
    n = sum(totals.values())
    print(f"{'ALL':<12}{n:>4}{sum(at_mark.values()) / n:>8.2f}{sum(in_sentence.values()) / n:>8.2f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=None, help="spaCy package name or path (default: best installed)")
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    args = parser.parse_args(argv)
    if not args.samples.is_dir():
        print(f"samples folder not found: {args.samples}", file=sys.stderr)
        return 2
    started = time.perf_counter()
    nlp = load_pipeline(args.model)
    bare = load_pipeline(args.model, components=False)
    scheme = LabelScheme.default()
    print(f"model: {model_id(nlp)}   pipeline: {', '.join(nlp.pipe_names)}")
    run_re3d(args.samples, nlp, bare, scheme)
    run_seed(args.samples, nlp, bare, scheme)
    run_plover(args.samples, nlp)
    run_plover_scheme(args.samples, nlp)
    print(f"\n({time.perf_counter() - started:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
