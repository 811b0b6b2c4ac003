"""The questions of the exercises: their ids never change, and each one is well formed."""

from __future__ import annotations

import rustbone_kit as rk

#: Every question id the kit has ever published. Ids never change or disappear: a student's
#: saved answers and a teacher's grade book are keyed by them. New questions add ids.
PUBLISHED = {
    f"{lesson:02d}.{n}"
    for lesson, count in {1: 5, 2: 7, 3: 7, 4: 7, 5: 7, 6: 7, 7: 8, 8: 5}.items()
    for n in range(1, count + 1)
}


def test_no_published_question_id_is_lost():
    ids = set(rk.checks.questions())
    assert ids >= PUBLISHED, f"question ids gone: {sorted(PUBLISHED - ids)}"


def test_every_question_has_a_prompt_and_an_answer_kind():
    for qid, question in rk.checks.questions().items():
        assert question.id == qid
        assert question.prompt.strip(), qid
        assert isinstance(question.answer, rk.checks.Answer), qid


def test_the_questions_package_imports_on_its_own():
    import importlib

    module = importlib.import_module("rustbone_kit.questions")
    assert module.__doc__ and rk.questions is module
