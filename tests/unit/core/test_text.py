import unicodedata

from hypothesis import example, given
from hypothesis import strategies as st

from annotator.core.text import article_uid, codepoint_offset, normalise, normalise_with_map, utf16_offsets

ALPHABET = st.sampled_from(list("ab \n\t\r") + ["e\u0301", "\u00e9", "😀", "中", "ש", "\u1100\u1161", "\u00a0"])


@given(st.lists(ALPHABET, max_size=40).map("".join))
@example("e\u0301\r\n\u1100\u1161 \u00e9")
def test_normalise_with_map_agrees_with_normalise(text: str) -> None:
    normalised, offsets = normalise_with_map(text)
    assert normalised == unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    # Each piece of the original maps onto its own normalised form: a fallback to a whole-text
    # normalisation (with the pieces' offsets left wrong) cannot pass this.
    cuts = list(zip(offsets.boundaries, offsets.targets))
    if cuts == [(0, 0)]:  # the identity map, for ASCII without carriage returns
        assert text.isascii() and "\r" not in text and normalised == text
    for (start, target), (end, target_end) in zip(cuts, cuts[1:] + [(len(text), len(normalised))]):
        piece = text[start:end]
        assert normalised[target:target_end] == unicodedata.normalize("NFC", piece.replace("\r\n", "\n").replace("\r", "\n"))
    assert offsets.start(0) == 0
    assert offsets.end(len(text)) == len(normalised)
    positions = [offsets.start(i) for i in range(len(text) + 1)]
    assert positions == sorted(positions)


def test_map_moves_offsets_past_crlf_and_combining_marks() -> None:
    text = "cafe\u0301\r\nZu\u0308rich"
    normalised, offsets = normalise_with_map(text)
    assert normalised == "café\nZürich"
    start, end = text.index("Z"), len(text)
    assert normalised[offsets.start(start) : offsets.end(end)] == "Zürich"
    assert normalised[offsets.start(0) : offsets.end(5)] == "café"


def test_uid_ignores_whitespace_layout_but_not_words() -> None:
    assert article_uid("a  b\nc") == article_uid("a b c")
    assert article_uid("a b c") != article_uid("a b d")
    assert unicodedata.is_normalized("NFC", normalise("e\u0301"))


def test_utf16_table_converts_astral_characters_both_ways() -> None:
    text = "a😀b中😀"
    table = utf16_offsets(text)
    assert table == [0, 1, 3, 4, 5, 7]
    for index, unit in enumerate(table):
        assert codepoint_offset(table, unit) == index
    assert codepoint_offset(table, 2) == 1  # inside a surrogate pair: the character's start


def test_the_identity_map_of_ascii_text_maps_inner_offsets_to_themselves() -> None:
    from annotator.core.text import normalise_with_map

    text, offsets = normalise_with_map("Rebels shelled Kharkiv on Monday.")
    assert (offsets.start(7), offsets.end(14), offsets.end(len(text))) == (7, 14, len(text))
