"""Screenshots of the Model menu's dialogs on the re3d samples (run the views under scripts/screenshot.sh).

    .venv/bin/python scripts/model_screenshots.py DB prepare       # re3d + gold, suggestions, two models
    scripts/screenshot.sh docs/screenshots/training.png 40 .venv/bin/python scripts/model_screenshots.py DB training
    scripts/screenshot.sh docs/screenshots/models.png 30 .venv/bin/python scripts/model_screenshots.py DB models

`prepare` imports the three re3d subsets with their gold entities (as benchmarks/learning_curve.py
does), pre-annotates with the base model and trains two models on the US State Department and
CENTCOM articles (10 of them, and all 45), so the UK Government articles stay held out.
`training` opens Model › Train and starts a run; `models` opens Model › Models and scores and
evaluates the newest model against gold.
"""

import importlib.util
import os
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "samples"


def prepare(db: Path) -> None:
    from annotator.services.preannotate import preannotate
    from annotator.services.project import Project
    from annotator.services.training import train_model

    spec = importlib.util.spec_from_file_location("learning_curve", REPO / "benchmarks" / "learning_curve.py")
    curve = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(curve)  # type: ignore[union-attr]
    ids = curve.build_project(db, SAMPLES)
    pool = sorted(ids["us-state-department"] + ids["centcom"])
    with Project.open(db) as project:
        print(preannotate(project).summary())
        for articles in (random.Random(0).sample(pool, 10), pool):
            print(train_model(project, "gold", articles=set(articles)).summary())


def show(db: Path, state: str) -> None:
    from PySide6.QtCore import QTimer

    from annotator.ui.app import application, build_window

    os.environ.setdefault("ANNOTATOR_NO_DIALOGS", "1")
    os.environ.setdefault("ANNOTATOR_NO_MODEL", "1")
    app = application()
    window = build_window(db, ask=False)
    window.resize(1400, 870)
    window.move(0, 0)
    window.show()

    def open_dialog() -> None:
        if state == "training":
            dialog = window.model_menu.open_training()
            dialog.source.setCurrentIndex(dialog.source.findData("gold"))
            dialog.move(380, 150)
            dialog.start_button.click()
        else:
            dialog = window.model_menu.open_models()
            dialog.move(150, 110)
            dialog.evaluate()

    QTimer.singleShot(800, open_dialog)
    sys.exit(app.exec())


if __name__ == "__main__":
    target, what = Path(sys.argv[1]), sys.argv[2]
    prepare(target) if what == "prepare" else show(target, what)
