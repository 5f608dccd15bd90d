"""The streamed `.spacy` writer produces what spaCy's own DocBin writes for the same Docs."""

from __future__ import annotations

import zlib

import spacy
from spacy.tokens import DocBin

from annotator.export.docbin_stream import DocBinWriter

TEXTS = [
    "Russian forces shelled Kharkiv on Monday, officials said.",
    "“We agreed to a ceasefire,” the minister said in Ankara.",
    "",
    "Protesters gathered in Tbilisi.\n\nPolice arrested 12 people.",
]


def _docs(nlp):
    docs = []
    for i, text in enumerate(TEXTS):
        doc = nlp(text)
        if len(doc) > 2:
            doc.ents = [doc.char_span(0, len(doc[0].text), label="GPE" if i % 2 else "NORP")]
            doc.spans["quotes"] = [doc[1:3]]
        doc.cats = {"relevant": float(i % 2)}
        doc.user_data["article"] = {"uid": f"u{i}", "title": text[:10], "events": [[0, 3, "BATTLE"]]}
        docs.append(doc)
    return docs


def test_streamed_file_is_byte_for_byte_the_docbin_message(tmp_path):
    nlp = spacy.blank("en")
    docs = _docs(nlp) * 5  # 20 Docs: past the one-byte array header
    reference = DocBin(store_user_data=True)
    writer = DocBinWriter(store_user_data=True)
    for doc in docs:
        reference.add(doc)
        writer.add(doc)
    assert len(writer) == len(docs)
    writer.write(tmp_path / "train.spacy")
    ours = zlib.decompress((tmp_path / "train.spacy").read_bytes())
    assert ours == zlib.decompress(reference.to_bytes())
    loaded = list(DocBin().from_disk(tmp_path / "train.spacy").get_docs(nlp.vocab))
    assert [d.text for d in loaded] == TEXTS * 5
    assert [[(e.text, e.label_) for e in d.ents] for d in loaded] == [
        [(e.text, e.label_) for e in d.ents] for d in docs
    ]
    assert loaded[1].user_data["article"]["uid"] == "u1" and loaded[3].cats == {"relevant": 1.0}


def test_an_empty_writer_writes_an_empty_docbin(tmp_path):
    DocBinWriter().write(tmp_path / "dev.spacy")
    assert len(DocBin().from_disk(tmp_path / "dev.spacy")) == 0
