"""A Rasa intent classifier that also classifies every clause of a reply, in the same parse.

A reply often holds several elements ("I'm so sorry - I'll send a new one today"), so the coach needs one
intent ranking per clause. Parsing each clause with its own `/model/parse` made Rasa run its whole graph
once per clause, and Rasa runs parses one after another. This component splits the text with the app's
own `nlu.clauses.split_clauses`, then featurizes and classifies all clauses in one scikit-learn call. The
reply's own intent is set as usual, and `clauses` lists each clause with its ranking.

Features: word unigrams and bigrams plus character n-grams (2-4) within word boundaries, weighted by
sublinear tf-idf, fed to a class-balanced logistic regression. Tf-idf with a weak regulariser (C=20) beat raw
counts (C=1) on both tuning sets: frequent short words ("not", "you", "it's") stop carrying the curt anti-patterns
on their own (nlu/README.md, "Pipeline comparison"). The same family as Rasa's CountVectorsFeaturizer +
LogisticRegressionClassifier, compared in nlu/README.md.

Reply-level heads give, for each element, the probability that the whole reply holds it. Some judgements belong
to the reply, not to one clause: "Dunno, ask at the other till" is one clause whose act is a deflection, and its
curtness is in the reply; "Let me pop you through to billing, they'll sort the refund" is a hand-off whose remedy
no single clause states. The heads share one featurization, with one class-balanced logistic regression per
element, and learn from the hand-written clauses (labelled with their intent) and from the labelled tuning replies
in `reply_labels` (a folder of `*.jsonl`, relative to the NLU project), whose reply-level labels a clause example
cannot carry. Left out by author, the dismissive head alone lifted dismissive F1 from 0.76 to 0.81; the heads for
every element lift macro-F1 from 0.902 to 0.918 (nlu/README.md, "Seventh round" and "Eighth round").

Runs inside Rasa's own Python (3.10); it imports nothing of the app but the pure clause splitter and the
labelled-file reader.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import AbstractSet, Any, Dict, List, Optional, Sequence, Text, Tuple

import skops.io as sio
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.multiclass import OneVsRestClassifier
from sklearn.pipeline import FeatureUnion, Pipeline

from nlu.clauses import split_clauses
from nlu.labelled import read_labelled

CLAUSES = "clauses"
REPLY = "reply"
_TRUSTED_PREFIXES = ("sklearn.", "numpy.", "scipy.", "builtins.")


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class ClauseClassifier(GraphComponent):
    """Classifies a reply and each of its clauses; see the module docstring."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "weighting": "tfidf",  # or "counts"
            "word_max_ngram": 2,
            "char_min_ngram": 2,
            "char_max_ngram": 4,
            "max_iter": 300,
            "C": 20.0,
            "ranking_length": 10,
            "clause_ranking_length": 4,
            "reply_labels": None,  # folder of labelled replies (*.jsonl) for the reply-level heads; None: no heads
            # A Rasa training file (relative to the NLU project) whose examples the heads do not learn from.
            "reply_skip_data": None,
        }

    @classmethod
    def fingerprint_addon(cls, config: Dict[str, Any]) -> Optional[str]:
        """The reply-level heads read files Rasa does not see: their content must change Rasa's training cache key."""
        return _replies_hash(config.get("reply_labels"))

    def __init__(self, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource) -> None:
        self.config = {**self.get_default_config(), **config}
        self._model_storage = model_storage
        self._resource = resource
        self.model: Optional[Pipeline] = None
        self.reply: Optional[Pipeline] = None
        self.reply_elements: List[str] = []  # the reply head's columns, in order

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ClauseClassifier:
        return cls(config, model_storage, resource)

    def _new_model(self, heads: bool = False) -> Pipeline:
        vectorizer = TfidfVectorizer if self.config["weighting"] == "tfidf" else CountVectorizer
        # sublinear_tf is a TfidfVectorizer option only.
        tfidf = {"sublinear_tf": True} if vectorizer is TfidfVectorizer else {}
        words = vectorizer(
            **tfidf,
            lowercase=True,
            token_pattern=r"(?u)[\w#@&]+(?:'\w+)?",
            ngram_range=(1, self.config["word_max_ngram"]),
        )
        chars = vectorizer(
            **tfidf,
            lowercase=True,
            analyzer="char_wb",
            ngram_range=(self.config["char_min_ngram"], self.config["char_max_ngram"]),
        )
        classifier = LogisticRegression(
            C=self.config["C"], max_iter=self.config["max_iter"], class_weight="balanced", random_state=42
        )
        # One binary regression per element over a shared featurization: a reply can hold several elements.
        head = OneVsRestClassifier(classifier) if heads else classifier
        return Pipeline([("features", FeatureUnion([("words", words), ("chars", chars)])), ("classifier", head)])

    def fit(
        self,
        examples: Sequence[Tuple[str, str]],
        replies: Sequence[Tuple[str, AbstractSet[str]]],
        head_examples: Optional[Sequence[Tuple[str, str]]] = None,
    ) -> None:
        """Fit the clause head on (text, intent) examples, and the reply heads on replies plus head_examples.

        head_examples defaults to all the examples."""
        self.model = self._new_model()
        self.model.fit([text for text, _ in examples], [intent for _, intent in examples])
        self.reply, self.reply_elements = None, []
        clauses = examples if head_examples is None else head_examples
        # A head per element the replies are labelled with, if both kinds of reply occur.
        rows = [(text, {intent}) for text, intent in clauses] + [(text, set(labels)) for text, labels in replies]
        labelled = {e for _, labels in replies for e in labels}
        elements = sorted(e for e in labelled if any(e not in labels for _, labels in rows))
        if elements:
            self.reply = self._new_model(heads=True)
            self.reply.fit([text for text, _ in rows], [[e in labels for e in elements] for _, labels in rows])
            self.reply_elements = elements

    def head_examples(self, examples: Sequence[Tuple[str, str]]) -> List[Tuple[str, str]]:
        """The examples the reply heads learn from: all but those of the `reply_skip_data` file."""
        # A clause attributed from a labelled reply carries one of the reply's labels, so to a head it would read
        # as a negative for the others: the heads learn from those replies whole instead. Left out by author,
        # macro-F1 0.914 -> 0.918 (nlu/README.md, "Ninth round").
        skipped = _example_texts(self.config["reply_skip_data"])
        return [(text, intent) for text, intent in examples if text not in skipped]

    def train(self, training_data: TrainingData) -> Resource:
        labelled = [e for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)]
        examples = [(e.get(TEXT), e.get(INTENT)) for e in labelled]
        if examples:
            self.fit(examples, read_replies(self.config["reply_labels"]), self.head_examples(examples))
            with self._model_storage.write_to(self._resource) as model_dir:
                sio.dump(self.model, model_dir / "clause_classifier.skops")
                if self.reply is not None:
                    sio.dump(self.reply, model_dir / "reply_heads.skops")
                    (model_dir / "reply_heads.json").write_text(json.dumps(self.reply_elements), encoding="utf-8")
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> ClauseClassifier:
        component = cls(config, model_storage, resource)
        try:
            with model_storage.read_from(resource) as model_dir:
                component.model = _load_pipeline(model_dir / "clause_classifier.skops")
                if (model_dir / "reply_heads.skops").exists():
                    component.reply = _load_pipeline(model_dir / "reply_heads.skops")
                    component.reply_elements = json.loads((model_dir / "reply_heads.json").read_text(encoding="utf-8"))
        except ValueError:
            pass  # nothing was trained (no examples): parse results carry no intent
        return component

    def process(self, messages: List[Message]) -> List[Message]:
        if self.model is None:
            return messages
        texts: List[Text] = []
        spans = []
        for message in messages:
            text = message.get(TEXT) or ""
            clauses = split_clauses(text) or [text]
            start = len(texts)
            texts.append(text)
            if clauses != [text]:
                texts.extend(clauses)
            spans.append((start, len(texts)))
        # One featurize + predict call for every clause of every message: that is the point of this class.
        probabilities = self.model.predict_proba(texts)
        names = list(self.model.classes_)
        rankings = [_ranking(names, row) for row in probabilities]
        heads = self._reply_heads([texts[start] for start, _ in spans])
        for message, (start, end), head in zip(messages, spans, heads, strict=True):
            ranking = rankings[start]
            if head is not None:
                message.set(REPLY, head, add_to_output=True)
            message.set(INTENT, ranking[0], add_to_output=True)
            message.set(INTENT_RANKING_KEY, ranking[: self.config["ranking_length"]], add_to_output=True)
            clause_rows = range(start + 1, end) if end - start > 1 else range(start, end)
            clauses = [
                {TEXT: texts[i], INTENT_RANKING_KEY: rankings[i][: self.config["clause_ranking_length"]]}
                for i in clause_rows
            ]
            message.set(CLAUSES, clauses, add_to_output=True)
        return messages

    def _reply_heads(self, texts: List[Text]) -> List[Optional[Dict[Text, float]]]:
        if self.reply is None:
            return [None] * len(texts)
        rows = self.reply.predict_proba(texts)
        return [dict(zip(self.reply_elements, map(float, row), strict=True)) for row in rows]


def read_replies(folder: Optional[str]) -> List[Tuple[str, AbstractSet[str]]]:
    """(text, elements) for every labelled reply in the folder's *.jsonl files; none without a folder."""
    rows = [reply for path in _reply_files(folder) for _, reply in read_labelled(path)]
    return [(reply.text, frozenset(reply.elements)) for reply in rows]


def _example_texts(path: Optional[str]) -> AbstractSet[str]:
    # A project without tuning sets has no generated file, and nothing to skip.
    if not path or not Path(path).is_file():
        return frozenset()
    return frozenset(e.get(TEXT) for e in load_data(path).intent_examples)


def _reply_files(folder: Optional[str]) -> List[Path]:
    if not folder:
        return []
    if not Path(folder).is_dir():
        raise ValueError(f"reply_labels: {folder!r} is not a folder (paths are relative to the NLU project)")
    return sorted(Path(folder).glob("*.jsonl"))


def _replies_hash(folder: Optional[str]) -> Optional[str]:
    files = _reply_files(folder)
    if not files:
        return None
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _load_pipeline(path: Path) -> Pipeline:
    untrusted = sio.get_untrusted_types(file=path)
    # Only our own scikit-learn pipelines belong in these files; refuse anything else.
    if any(not name.startswith(_TRUSTED_PREFIXES) for name in untrusted):
        raise ValueError(f"unexpected types in {path}: {untrusted}")
    pipeline: Pipeline = sio.load(path, trusted=untrusted)
    return pipeline


def _ranking(names: List[Text], row: Any) -> List[Dict[Text, Any]]:
    pairs = sorted(zip(names, row, strict=True), key=lambda pair: -pair[1])
    return [{"name": name, "confidence": float(confidence)} for name, confidence in pairs]
