"""The core imports the standard library only; only annotator.ui imports Qt.

import-linter checks the layers in CI; this test checks what a fixed forbidden list
cannot: that every import in annotator/core is the standard library or core itself."""

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "annotator"


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_core_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"annotator", "__future__"}
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(imported_roots(path) - allowed)
        for path in (PACKAGE / "core").rglob("*.py")
        if imported_roots(path) - allowed
    }
    assert offenders == {}


def test_only_the_ui_imports_qt() -> None:
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in PACKAGE.rglob("*.py")
        if "ui" not in path.relative_to(PACKAGE).parts[:1] and imported_roots(path) & {"PySide6", "shiboken6"}
    ]
    assert offenders == []
