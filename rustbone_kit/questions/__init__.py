"""The questions of the exercises, one module per lesson (``lesson03.py`` for lesson 03).

Each module defines ``QUESTIONS``, a list of
:class:`~rustbone_kit.checks.registry.Question`: an id (``"03.2"``), a short prompt (shown
by ``progress()``), and the kind of answer with what makes it pass. Expected values are
computed from the readings when the check runs, never typed in, so a corrected reading or
annotation moves the answer with it. The notebooks in ``solutions/`` ask the questions in
full; a check finds its question by id alone.

>>> from rustbone_kit.checks import questions
>>> questions()["01.1"].prompt
'How many of the five readings name their author?'
"""
