"""A project damaged where the first reads look (its schema page) is refused without
leaving a connection, and so WAL side files, behind."""

from pathlib import Path

import pytest

from annotator.core.errors import ProjectError
from annotator.store.database import open_database


def test_a_damaged_schema_page_is_refused_and_leaves_no_side_files(tmp_path: Path):
    path = tmp_path / "p.db"
    open_database(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xde\xad" * ((4096 - 100) // 2)
    path.write_bytes(bytes(data))
    with pytest.raises(ProjectError, match="damaged|not an annotator project"):
        open_database(path)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("p.db-")) == []
