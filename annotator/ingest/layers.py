"""Which layer a label from a peer file belongs on; shared by every annotated-format reader."""

from __future__ import annotations

from collections.abc import Collection

from annotator.core.model import Layer, Role
from annotator.ingest.scheme_context import event_type_names

_QUOTE_LAYERS = {"QUOTE": Layer.QUOTE, "SPEAKER": Layer.SPEAKER, "CUE": Layer.CUE}
_ROLES = frozenset(role.value for role in Role)


def layer_for_label(label: str, event_types: Collection[str] | None = None) -> Layer:
    """The layer for a span label: QUOTE, SPEAKER and CUE have their own layers, an event
    type is a trigger, anything else is an entity. Case does not matter.

    label (str): The label as written in the file.
    event_types (Collection[str] | None): Event type names; when None, those of the scheme
        being read for (`annotator.ingest.scheme_context`) and their aliases.
    RETURNS (Layer): The layer.
    """
    name = label.upper()
    if name in _QUOTE_LAYERS:
        return _QUOTE_LAYERS[name]
    types = event_type_names() if event_types is None else {t.upper() for t in event_types}
    return Layer.TRIGGER if name in types else Layer.ENTITY


def layer_for_region(label: str, event_types: Collection[str] | None = None) -> Layer:
    """The layer for a span label in a format that keeps argument spans as regions of their
    own labelled with the role (brat, Label Studio): a role name, as written (ACTOR, not
    Actor), is an argument; any other label goes by `layer_for_label`.

    label (str): The label as written in the file.
    event_types (Collection[str] | None): Event type names; when None, those of the scheme
        being read for and their aliases.
    RETURNS (Layer): The layer.
    """
    return Layer.ARGUMENT if label in _ROLES else layer_for_label(label, event_types)
