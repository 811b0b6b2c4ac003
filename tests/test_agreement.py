"""Agreement of sentence labels: precision, recall and F1 against a reference; Cohen's kappa."""

from __future__ import annotations

import math

import pytest
from helpers import folder, labels

import rustbone_kit as rk
from rustbone_kit.agreement import agreement, evaluate
from rustbone_kit.scenes import reference_labels


@pytest.fixture
def corpus(tmp_path):
    return rk.load_corpus(folder(tmp_path))  # one reading, 6 sentences


def test_evaluate_counts_precision_recall_and_f1(corpus):
    ref = labels([("demo:s1", "club"), ("demo:s3", "ice")])
    got = labels([("demo:s1", "club"), ("demo:s2", "ice")])
    result = evaluate(got, ref, corpus)
    scores = result["scores"].set_index("scene")
    assert scores.loc["club", ["precision", "recall", "f1"]].tolist() == [1.0, 1.0, 1.0]
    assert scores.loc["ice", ["precision", "recall", "f1"]].tolist() == [0.0, 0.0, 0.0]
    assert result["overall"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5}
    confusion = result["confusion"]
    assert confusion.loc["ice", "(none)"] == 1 and confusion.loc["(none)", "ice"] == 1
    assert confusion.loc["club", "club"] == 1


def test_evaluate_support_rounding_and_the_sentences_neither_labelled(corpus):
    ref = labels([("demo:s1", "club"), ("demo:s3", "ice"), ("demo:s4", "ice")])
    got = labels([("demo:s1", "club"), ("demo:s3", "ice"), ("demo:s5", "ice"), ("demo:s6", "ice")])
    result = evaluate(got, ref, corpus)
    scores = result["scores"].set_index("scene")
    assert scores.support.to_dict() == {"club": 1, "ice": 2}
    # ice: tp 1, fp 2, fn 1 -> precision 1/3, recall 1/2, f1 0.4
    assert scores.loc["ice", ["precision", "recall", "f1"]].tolist() == [0.333, 0.5, 0.4]
    assert result["confusion"].loc["(none)", "(none)"] == 1  # s2: nobody labelled it
    assert result["confusion"].to_numpy().sum() == 6  # every sentence once (one scene each)
    assert (result["confusion"].index.name, result["confusion"].columns.name) == (
        "reference",
        "suggested",
    )


def test_evaluate_counts_only_readings_both_sides_labelled(corpus):
    ref = labels([("demo:s1", "club")])
    nothing = labels([], readings=("another",))
    result = evaluate(nothing, ref, corpus)
    assert result["overall"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    assert result["confusion"].empty  # no sentence of a reading both labelled
    assert evaluate(ref, ref, corpus)["overall"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0}


def test_agreement_is_cohens_kappa(corpus):
    a = labels([("demo:s1", "club"), ("demo:s3", "ice")])
    b = labels([("demo:s1", "club"), ("demo:s3", "ice"), ("demo:s4", "ice")])
    result = agreement(a, b, corpus)
    kappas = result["scores"].set_index("scene").kappa
    assert kappas["club"] == 1.0
    # ice: agree on 5 of 6; p_a = 1/6, p_b = 2/6; p_e = 1/18 + 20/36 = 11/18
    assert kappas["ice"] == pytest.approx(round((5 / 6 - 11 / 18) / (1 - 11 / 18), 3))
    assert result["sentences"] == 6
    assert math.isnan(agreement(labels([]), labels([]), corpus)["overall"])


def test_agreement_counts_each_annotators_sentences_and_pools_the_overall(corpus):
    a = labels([("demo:s1", "club"), ("demo:s3", "ice")])
    b = labels([("demo:s2", "club"), ("demo:s3", "ice")])
    result = agreement(a, b, corpus)
    scores = result["scores"].set_index("scene")
    assert scores[["a", "b"]].to_dict("index") == {
        "club": {"a": 1, "b": 1},
        "ice": {"a": 1, "b": 1},
    }
    assert scores.loc["ice", "kappa"] == 1.0
    # club: agree on 4 of 6, p_a = p_b = 1/6, p_e = 1/36 + 25/36 = 26/36
    assert scores.loc["club", "kappa"] == pytest.approx(round((4 / 6 - 26 / 36) / (10 / 36), 3))
    # pooled over 12 decisions: agree on 10, p_a = p_b = 2/12
    pooled = (10 / 12 - (1 / 36 + 25 / 36)) / (1 - 26 / 36)
    assert result["overall"] == pytest.approx(round(pooled, 3))


def test_agreement_on_all_yes_has_no_kappa(corpus):
    every = [(f"demo:s{i}", "club") for i in range(1, 7)]
    result = agreement(labels(every), labels(every), corpus)
    assert math.isnan(result["scores"].kappa.iloc[0])  # chance agreement is certain
    assert result["scores"].columns.tolist() == ["scene", "kappa", "a", "b"]


def test_second_annotator_agrees_with_the_reference_on_marchant():
    corpus = rk.load_corpus()
    result = agreement(reference_labels(corpus), reference_labels(corpus, "second"), corpus)
    assert result["sentences"] == len(corpus["marchant"].sentences)  # only the shared reading
    assert 0.5 < result["overall"] <= 1.0
