"""Readers read labels for the project's scheme: its event types and their aliases are
triggers, its sub-types decode; not the bundled default's."""

import json
from pathlib import Path

from annotator.core.model import Layer
from annotator.core.scheme import LabelScheme
from annotator.ingest import read_sources
from annotator.ingest.layers import layer_for_label
from annotator.ingest.scheme_context import current_scheme, known_sub_types, reading_for

ACLED = LabelScheme.bundled("acled")


def test_event_types_and_their_aliases_follow_the_scheme_read_for():
    assert current_scheme().name == "conflict"
    assert layer_for_label("BATTLES") == Layer.ENTITY and layer_for_label("BATTLE") == Layer.TRIGGER
    with reading_for(ACLED):
        assert current_scheme() is ACLED
        assert layer_for_label("BATTLES") == Layer.TRIGGER
        assert layer_for_label("FIGHT") == Layer.TRIGGER  # PLOVER's, an alias in ACLED
        assert layer_for_label("Battle") == Layer.TRIGGER  # the default's, an alias too
        assert known_sub_types()["Air_drone_strike"] == "Air/drone strike"
    assert current_scheme().name == "conflict"


def test_read_sources_reads_for_the_scheme_it_is_given(tmp_path: Path):
    path = tmp_path / "tasks.jsonl"
    text = "Rebels fought troops near Gao."
    path.write_text(
        json.dumps({"text": text, "spans": [{"start": 7, "end": 13, "label": "FIGHT"}], "answer": "accept"}) + "\n",
        encoding="utf-8",
    )
    (default_read,) = list(read_sources([path], "prodigy"))
    (acled_read,) = list(read_sources([path], "prodigy", scheme=ACLED))
    assert default_read.annotations.spans[0].layer == Layer.ENTITY
    assert acled_read.annotations.spans[0].layer == Layer.TRIGGER


def test_plover_records_published_as_txt_are_recognised(tmp_path: Path, samples_dir: Path):
    from annotator.ingest.detect import detect_format

    assert detect_format(samples_dir / "plover" / "PLOVER_GSR_CAMEO.txt") == "plover"
    plain = tmp_path / "notes.txt"
    plain.write_text("[draft] Talks resumed in Doha.\n", encoding="utf-8")
    assert detect_format(plain) == "txt"
