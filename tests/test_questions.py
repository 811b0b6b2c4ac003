"""The questions of the exercises (readings/questions.yaml): their ids never change, and each
one is well formed."""

from __future__ import annotations

from pathlib import Path

import rustbone_kit as rk

ROOT = Path(__file__).resolve().parents[1]

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


def test_every_question_is_data_in_the_bundled_file_and_none_lives_in_python():
    import importlib.util

    bank = rk.checks.bank.load_questions()  # strict: every entry is well formed
    assert set(bank) == set(rk.checks.questions()) and not bank.problems
    assert importlib.util.find_spec("rustbone_kit.questions") is None
    exercises = {p.stem for p in (ROOT / "exercises").glob("*.ipynb")}
    for qid, question in bank.items():
        assert question.lesson in exercises and question.lesson[:2] == qid[:2], qid
        assert question.points == 1, qid


def test_every_question_of_the_second_film_is_answered_by_its_solution():
    from rustbone_kit.checks import check, reset

    folder = ROOT / "courses" / "salt-orchard"
    bank = rk.checks.bank.load_questions(folder)  # strict: every entry is well formed
    corpus = rk.load_corpus(folder)
    assert {q.lesson for q in bank.values()} <= {p.stem for p in (ROOT / "exercises").glob("*")}
    kinds = {type(q.answer).__name__ for q in bank.values()}
    assert kinds >= {"Number", "Readings", "Choice", "Table", "Evidence", "SceneOf"}, kinds
    for qid, question in bank.items():
        assert question.text and question.solution, qid
        reset()  # each solution's claim is judged on its own, as in a fresh notebook
        answer = eval(question.solution, {"rk": rk, "corpus": corpus})
        feedback = check(qid, answer, corpus=corpus)
        assert feedback.passed, (qid, feedback.message)
        assert check(qid, None, corpus=corpus).status == "not answered", qid
    # the checks are this film's: a count of another scene's silent readings does not pass
    assert check("02.1", len(corpus.scene("bonfire").silent), corpus=corpus).passed
    assert not check("02.1", len(corpus.scene("wassail").silent), corpus=corpus).passed
