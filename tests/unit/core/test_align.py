"""Snapping a selection to the stored tokens."""

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.align import snap
from annotator.core.model import Tokenisation

WORDS = st.lists(st.tuples(st.integers(1, 6), st.integers(1, 3)), min_size=1, max_size=30)


def tokenisation(words: list[tuple[int, int]]) -> Tokenisation:
    """Tokens of the given lengths, each followed by the given number of spaces."""
    tokens, position = [], 0
    for length, gap in words:
        tokens.append((position, position + length))
        position += length + gap
    return Tokenisation(tuple(tokens))


@given(WORDS, st.integers(0, 200), st.integers(0, 200))
def test_snap_covers_the_selection_with_whole_tokens(words, start, end):
    tokens = tokenisation(words)
    touched = [(a, b) for a, b in tokens.tokens if a < end and start < b]
    expected = (touched[0][0], touched[-1][1]) if touched and start < end else None
    assert snap(start, end, tokens) == expected


def test_offsets_are_built_once_per_tokenisation():
    tokens = tokenisation([(3, 1), (2, 1), (5, 1)])
    assert tokens.starts == (0, 4, 7) and tokens.ends == (3, 6, 12)
    assert tokens.starts is tokens.starts and tokens.ends is tokens.ends
    assert tokens == tokenisation([(3, 1), (2, 1), (5, 1)]) and hash(tokens) == hash(
        tokenisation([(3, 1), (2, 1), (5, 1)])
    )
