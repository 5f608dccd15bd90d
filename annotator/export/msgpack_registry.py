"""srsly's msgpack ``Packer`` asks its encoder registry for all encoders on every call; each
ask scans catalogue's whole global registry (thousands of spaCy/thinc functions) and the
installed entry points. A DocBin with span groups and user data packs five times per Doc,
and those scans took most of the export's time. Within one export neither the installed
packages nor the registered encoders change, so the answer is computed once."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from srsly.msgpack import msgpack_decoders, msgpack_encoders


@contextmanager
def registry_read_once() -> Iterator[None]:
    """Within the block, srsly's msgpack encoder/decoder registries answer `get_all` from
    one snapshot taken on entry (the same functions); on exit they look up live again."""
    registries = (msgpack_encoders, msgpack_decoders)
    for registry in registries:
        snapshot = registry.get_all()
        registry.get_all = lambda snapshot=snapshot: dict(snapshot)
    try:
        yield
    finally:
        for registry in registries:
            del registry.get_all
