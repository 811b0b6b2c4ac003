"""The one stop-word list of the kit, and the rule for a content word.

The list is English. In a text of another language its function words ("les", "und") would
count as content, so the measures built on it (distinctive words) refuse a reading whose
header gives another ``language``; see :func:`~rustbone_kit.corpus.require_english`.

>>> is_stopword("The"), is_content_word("orca"), is_stopword("les")
(True, True, False)
"""

from __future__ import annotations

from .text import fold_text

__all__ = ["STOPWORDS", "is_content_word", "is_stopword"]

#: The one stop-word list of the kit: English function words (articles, pronouns, auxiliaries,
#: prepositions, conjunctions, common adverbs), folded, written for the kit. Distinctive
#: words, shared-word highlighting and every other tool that skips "words that say nothing"
#: use this list and no other, so their results agree. Contractions are listed by their parts
#: as :func:`~rustbone_kit.terms.words_of` splits them ("it's" gives "it" and "s").
STOPWORDS = frozenset(
    """
    a about above after again against all almost also although am among an and another any
    anyone anything are around as at be because been before being below between both but by
    can could d did do does doing done down during each either else even ever every few for
    from further had has have having he her here hers herself him himself his how however i
    if in into is it its itself just least less ll m many may me might more most much must my
    myself neither no nor not now of off often on once one only or other others our ours
    ourselves out over own quite rather re really s same shall she should since so some
    something still such t than that the their theirs them themselves then there these they
    this those though through thus to too under until up upon us ve very was we were what
    whatever when where whether which while who whom whose why will with within without would
    yet you your yours yourself yourselves
    """.split()  # noqa: SIM905 (a word list reads best as words)
)


def is_content_word(folded: str) -> bool:
    """Whether a folded word counts as content: not a stop word, not a number, not one letter.

    Distinctive words and the shared words of the side-by-side view both use this rule.

    >>> [w for w in ["the", "7", "s", "orca"] if is_content_word(w)]
    ['orca']
    """
    return len(folded) > 1 and not folded.isdigit() and folded not in STOPWORDS


def is_stopword(word: str) -> bool:
    """Whether a word is on the kit's stop-word list (case, accents, apostrophes ignored).

    >>> is_stopword("The"), is_stopword("whale")
    (True, False)
    """
    return fold_text(word) in STOPWORDS
