"""The user-data folder: env override, XDG, home fallback; never inside the bundle."""

from pathlib import Path

from annotator.core.paths import user_data_dir


def test_explicit_dir_wins(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("ANNOTATOR_DATA_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_data_dir() == (tmp_path / "mine").resolve()
    assert (tmp_path / "mine").is_dir()


def test_xdg_data_home(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("ANNOTATOR_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert user_data_dir(create=False) == (tmp_path / "xdg" / "annotator").resolve()
    assert not (tmp_path / "xdg").exists()


def test_home_fallback_and_relative_xdg_ignored(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("ANNOTATOR_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "relative/path")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert user_data_dir(create=False) == (tmp_path / ".local" / "share" / "annotator").resolve()
