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
        assert normalised[target:target_end] == unicodedata.normalize(
            "NFC", piece.replace("\r\n", "\n").replace("\r", "\n")
        )
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


# OffsetMap against a brute-force reference (issue 9.1, issue 10.2) -----------------------------

from hypothesis import example, settings  # noqa: E402

FUZZ_ALPHABET = st.sampled_from(
    list("abZ .\n\r\t")
    + [
        "\r\n",
        "e\u0301",
        "\u00e9",
        "\u0301",
        "\u0328",
        "😀",
        "中",
        "ש",
        "\u1100",
        "\u1161",
        "\u11a8",
        "\uac00",
        "\u00a0",
        "\u212b",
        "\u0cc6",
        "\u0cc2",
        "\u0f73",
    ]
)


def _safe_cuts(text: str) -> dict[int, int]:
    """Every cut that normalisation respects, with where it lands: brute force."""
    whole = normalise(text)
    cuts = {}
    for k in range(len(text) + 1):
        left = normalise(text[:k])
        if left + normalise(text[k:]) == whole:
            cuts[k] = len(left)
    return cuts


def _ascii_safe(text: str, k: int) -> bool:
    """A cut before an ASCII character (not inside \\r\\n), or at either end."""
    if k in (0, len(text)):
        return True
    return text[k].isascii() and not (text[k] == "\n" and text[k - 1] == "\r")


@settings(max_examples=400, deadline=None)
@given(st.lists(FUZZ_ALPHABET, max_size=30).map("".join))
@example("\u0f73a")  # a character NFC expands, before ASCII
@example("e\u0301\u0f73")  # one merged chunk as long as its normalisation: not the identity
@example("Talks were held in Kyiv")
def test_offset_map_agrees_with_a_brute_force_reference(text: str) -> None:
    normalised, offsets = normalise_with_map(text)
    assert normalised == normalise(text)
    cuts = _safe_cuts(text)
    for k in range(len(text) + 1):
        start, end = offsets.start(k), offsets.end(k)
        assert 0 <= start <= end <= len(normalised)
        # Both land on a cut normalisation respects: start at or before k, end at or after.
        assert start in {target for cut, target in cuts.items() if cut <= k}, (k, start)
        assert end in {target for cut, target in cuts.items() if cut >= k}, (k, end)
        if _ascii_safe(text, k):
            assert start == end == cuts[k]
    starts = [offsets.start(k) for k in range(len(text) + 1)]
    ends = [offsets.end(k) for k in range(len(text) + 1)]
    assert starts == sorted(starts) and ends == sorted(ends)
    # Out-of-range offsets clamp rather than crash.
    assert offsets.start(-5) == 0 and offsets.end(len(text) + 5) == len(normalised)


@settings(max_examples=300, deadline=None)
@given(st.lists(FUZZ_ALPHABET, max_size=30).map("".join), st.data())
def test_a_span_maps_onto_the_same_words(text: str, data: st.DataObject) -> None:
    """A span between ASCII-safe cuts covers, after mapping, exactly its normalised words."""
    normalised, offsets = normalise_with_map(text)
    safe = [k for k in range(len(text) + 1) if _ascii_safe(text, k)]
    start = data.draw(st.sampled_from(safe))
    end = data.draw(st.sampled_from([k for k in safe if k >= start]))
    assert normalised[offsets.start(start) : offsets.end(end)] == normalise(text[start:end])


@settings(max_examples=300, deadline=None)
@given(st.lists(FUZZ_ALPHABET, max_size=30).map("".join))
def test_utf16_table_agrees_with_a_brute_force_reference(text: str) -> None:
    table = utf16_offsets(text)
    assert table == [len(text[:i].encode("utf-16-le")) // 2 for i in range(len(text) + 1)]
    for index, unit in enumerate(table):
        assert codepoint_offset(table, unit) == index


def test_ascii_span_ending_at_the_text_end_keeps_its_start() -> None:
    """Issue 9.1: "Kyiv" at the very end used to be stretched to start at 0."""
    for text in ("Talks were held in Kyiv", "Talks were held in Kyiv\r\n", "Talks\r\nwere held in Kyiv"):
        normalised, offsets = normalise_with_map(text)
        start = text.index("Kyiv")
        assert normalised[offsets.start(start) : offsets.end(start + 4)] == "Kyiv"
        assert normalised[offsets.start(start) : offsets.end(len(text))] == normalise(text[start:])
