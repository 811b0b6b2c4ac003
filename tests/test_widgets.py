"""Widgets: the pure HTML functions with small hand-checked data, then each widget driven by
setting its controls and reading the HTML it shows. Files are written under tmp_path only."""

from __future__ import annotations

import re
import shutil
from html import unescape
from html.parser import HTMLParser
from typing import ClassVar

import pytest
import yaml

import rustbone_kit as rk
from rustbone_kit import widgets as wd
from rustbone_kit.annotations import load_annotations
from rustbone_kit.scenes import agreement, reference_labels
from rustbone_kit.widgets import (
    Annotator,
    ColumnView,
    Concordance,
    KappaRow,
    KwicRow,
    PassageView,
    ReadingBrowser,
    SideBySide,
    ThemeBar,
    ThemeExplorer,
    ThemePassage,
    annotations_yaml,
    annotator_sentence_html,
    annotator_status_html,
    highlight_html,
    kappa_table_html,
    kwic_html,
    quote_selector,
    shared_words,
    side_by_side_html,
    theme_passages_html,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
SCRIPT_SHOWN = "&lt;script&gt;alert(1)&lt;/script&gt;"
IMG_SHOWN = "&lt;img src=x onerror=alert(1)&gt;"


@pytest.fixture(scope="module")
def corpus():
    return rk.load_corpus()


def hostile_corpus() -> rk.Corpus:
    """Two readings (built in memory) whose text and header carry markup that would run."""

    def reading(key: str, text: str) -> rk.Reading:
        meta = {"id": key, "title": SCRIPT, "kind": "review", "author": IMG, "outlet": SCRIPT}
        return rk.Reading(id=key, meta=meta, text=text)

    return rk.Corpus(
        readings=(
            reading(
                "hostile-a",
                f"Ali carries Stéphanie into the sea for a swim {SCRIPT} and {IMG} here.\n"
                f"She swims again {IMG}.",
            ),
            reading("hostile-b", f"In the sea, Ali carries her for a swim {IMG}. {SCRIPT}"),
        )
    )


class _Balance(HTMLParser):
    """Checks that every opened tag is closed in order (no crossed tags)."""

    VOID: ClassVar[set[str]] = {"br", "img", "hr", "input", "meta", "link"}

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()


def well_formed(markup: str) -> bool:
    parser = _Balance()
    parser.feed(markup)
    parser.close()
    assert not parser.errors and not parser.stack, (parser.errors, parser.stack)
    return True


def text_of(markup: str) -> str:
    """The text a browser shows: tags and the style block dropped, entities decoded."""
    markup = re.sub(r"<style>.*?</style>", "", markup, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", "", markup))


# --- highlight_html and shared_words -------------------------------------------------------


def test_highlight_builds_non_overlapping_segments_from_overlapping_marks():
    text = "her steel legs ache"
    marks = [
        (4, 14, "theme", "Disability"),  # "steel legs"
        (10, 14, "theme", "The body"),  # "legs", the same words under another theme
        (10, 19, "shared", ""),  # "legs ache": overlaps the end of both themes
    ]
    got = highlight_html(text, marks)
    assert got == (
        'her <span class="rk-theme" title="Disability">steel </span>'
        '<mark class="rk-shared"><span class="rk-theme" title="Disability; The body">legs</span>'
        '</mark><mark class="rk-shared"> ache</mark>'  # one piece per run of the same marks
    )
    assert well_formed(got) and text_of(got) == text


def test_highlight_escapes_clips_and_ignores_empty_or_unknown_marks():
    got = highlight_html("a <b> & c", [(2, 5, "match", ""), (8, 99, "shared", ""), (3, 3, "x", "")])
    assert got == 'a <mark class="rk-match">&lt;b&gt;</mark> &amp; <mark class="rk-shared">c</mark>'
    assert highlight_html("<i>", []) == "&lt;i&gt;"
    assert highlight_html("x", [(0, 1, "theme", '"><img src=x>')]) == (
        '<span class="rk-theme" title="&quot;&gt;&lt;img src=x&gt;">x</span>'
    )


def test_shared_words_are_folded_content_words_in_at_least_two_columns():
    columns = [
        ["Stéphanie and the SEA, 2012."],
        ["stephanie swims; the sea"],
        ["The 2012 sea"],
        ["Ali"],
    ]
    assert shared_words(columns) == {"stephanie", "sea"}  # not 'the', 'and', '2012'
    assert shared_words([["sea sea sea"], ["land"]]) == frozenset()


# --- side_by_side_html ---------------------------------------------------------------------


def demo_columns() -> list[ColumnView]:
    paragraph = "It is cold. She swims <out> in the sea. Then she rests."
    return [
        ColumnView(
            "a",
            title="Into <the> sea",
            author="Ann <A>",
            outlet=None,
            passages=(
                PassageView(
                    "She swims <out> in the sea.",
                    paragraph,
                    12,
                    themes=((4, 9, "Water"), (23, 26, "Water")),
                ),
                PassageView("The sea again."),
            ),
        ),
        ColumnView("b", author=None, outlet="Weekly", passages=(PassageView("A grey sea swims."),)),
        ColumnView("c", title="Silent", author="Cy"),
    ]


def test_side_by_side_columns_in_order_with_critic_outlet_and_silence():
    page = side_by_side_html(demo_columns(), scene="The <swim>")
    assert well_formed(page)
    assert page.count('class="rk-column') == 3
    shown = text_of(page)
    assert shown.index("Ann <A>") < shown.index("author not stated") < shown.index("Cy")
    assert "outlet not stated" in shown and "Weekly" in shown
    assert "Says nothing about The <swim>." in shown and "1 reading of 3 say nothing" in shown
    assert 'class="rk-column rk-silent"' in page
    assert "The &lt;swim&gt;" in page and "<swim>" not in page


def test_side_by_side_marks_shared_words_and_theme_terms_with_a_legend():
    page = side_by_side_html(demo_columns(), scene="Swim")
    # 'sea' and 'swims' are in columns a and b: shared; 'grey' only in b: not shared
    assert page.count('<mark class="rk-shared">sea</mark>') == 2  # a's second passage, b
    assert '<mark class="rk-shared">grey</mark>' not in page
    # in a's first passage "swims" is both a theme term and shared, "sea" likewise
    assert (
        '<mark class="rk-shared"><span class="rk-theme" title="Theme: Water">swims</span></mark>'
        in page
    )
    assert "theme terms: Water (2)" in page
    legend = re.search(r'<div class="rk-legend".*?</div>', page, flags=re.S).group()
    assert "bold on yellow" in legend and "underlined" in legend
    assert "Shared words (2): sea, swims" in text_of(legend)
    assert 'class="rk-legend"' not in side_by_side_html(demo_columns(), scene="S", legend=False)


def test_side_by_side_passage_expands_to_its_paragraph():
    page = side_by_side_html(demo_columns(), scene="Swim")
    first = re.search(r'<details class="rk-passage">.*?</details>', page, flags=re.S).group()
    summary = re.search(r"<summary>(.*?)</summary>", first, flags=re.S).group(1)
    assert text_of(summary) == "She swims <out> in the sea."
    body = first.split("</summary>")[1]
    assert text_of(body).endswith("It is cold. She swims <out> in the sea. Then she rests.")
    assert '<span class="rk-here">She swims &lt;out&gt; in the sea.</span>' in body
    assert page.count("This passage is the whole paragraph.") == 2


@pytest.mark.parametrize("n", [0, 1, 6, 9])
def test_side_by_side_explains_the_two_to_five_rule_instead_of_failing(n):
    columns = [ColumnView(f"r{i}", passages=(PassageView("x"),)) for i in range(n)]
    page = side_by_side_html(columns, scene="Swim")
    assert "Choose two to five readings" in page and f"you have chosen {n}" in page
    assert 'class="rk-column' not in page
    assert ("drop it" in page) == (n > 5) and ("add a reading" in page) == (n < 2)


@pytest.mark.parametrize("n", [2, 5])
def test_side_by_side_accepts_two_and_five(n):
    columns = [ColumnView(f"r{i}", passages=(PassageView("x"),)) for i in range(n)]
    page = side_by_side_html(columns, scene="Swim")
    assert page.count('<section class="rk-column"') == n
    assert f"repeat({n},minmax(13em,1fr))" in page


# --- kwic_html, theme_passages_html --------------------------------------------------------


def test_kwic_rows_mark_the_match_and_open_onto_the_whole_passage():
    passage = "Before. She swims into the <sea> again and again, far out."
    start = passage.index("<sea>")
    row = KwicRow("r1, paragraph 2", "into the ", "<sea>", " again", passage, start, start + 5)
    page = kwic_html([row], term="sea", total=3, readings=1)
    assert well_formed(page)
    assert '<li class="rk-kwic-row"><details><summary>' in page
    assert '<span>...into the </span></span><mark class="rk-match">&lt;sea&gt;</mark>' in page
    assert '<span class="rk-right"> again...</span>' in page  # cut on both sides
    full = re.search(r'<blockquote class="rk-full">(.*?)</blockquote>', page).group(1)
    assert text_of(full) == passage and '<mark class="rk-match">&lt;sea&gt;</mark>' in full
    assert "3 matches of sea in 1 reading (the first 1 are shown)" in text_of(page)


def test_kwic_messages_for_a_problem_or_no_match():
    assert "No match for <strong>&lt;x&gt;</strong>" in kwic_html([], term="<x>")
    page = kwic_html([], term="a*b", problem="a*b cannot be searched")
    assert "cannot be searched" in page and "rk-kwic-row" not in page


def test_theme_passages_bars_state_their_numbers_and_mark_the_hits():
    page = theme_passages_html(
        theme="Water <&> sea",
        description="Seas.",
        bars=[ThemeBar("a", 4, 200, 20.0), ThemeBar("<b>", 1, 100, 10.0), ThemeBar("c", 0, 9, 0)],
        passages=[ThemePassage("a, paragraph 1", "The <sea>, the sea.", ((4, 9, "sea"),))],
        total_passages=7,
        more_readings=2,
    )
    assert well_formed(page)
    rows = re.findall(r"<tr><th scope=\"row\">(.*?)</tr>", page)
    assert [text_of(r) for r in rows] == ["a204200", "<b>101100", "c009"]
    assert re.findall(r'style="width:(\d+)%"', page) == ["100", "50", "0"]
    assert "<h3>Water &lt;&amp;&gt; sea</h3>" in page
    assert 'The <mark class="rk-match">&lt;sea&gt;</mark>, the sea.' in page
    assert "2 other readings not shown" in page and "7 (the first 1 are shown)" in page
    empty = theme_passages_html(theme="T", description="", bars=[], passages=[])
    assert "No paragraph in these readings uses this theme" in empty


# --- annotator pieces ----------------------------------------------------------------------


def test_annotator_sentence_and_status_escape_and_say_things_in_words():
    page = annotator_sentence_html(
        "<b>Now</b>", reading="r", number=1, total=3, after="<i>then</i>", themes=["<Water>"]
    )
    assert "&lt;b&gt;Now&lt;/b&gt;" in page and "After: &lt;i&gt;then&lt;/i&gt;" in page
    assert "(the first sentence)" in page and "Scenes: none; Themes: &lt;Water&gt;" in page
    error = annotator_status_html("bad <file>", kind="error")
    assert "Problem: " in error and 'role="alert"' in error and "bad &lt;file&gt;" in error
    assert "Saved. " in annotator_status_html("ok", kind="saved")


def test_kappa_table_gives_numbers_sentences_and_reasons_for_na():
    rows = [
        KappaRow("Into the sea", 0.6667, 2, 1),
        KappaRow("The ice", float("nan"), 0, 0),
        KappaRow("All <of> it", None, 5, 5),
    ]
    page = kappa_table_html(rows, sentences=5, compared=["a", "b"], not_compared=["c"], overall=0.4)
    assert well_formed(page)
    assert "Sentences compared: 5</strong> (every sentence of: a, b)" in page
    body = [text_of(r) for r in re.findall(r"<tr>(.*?)</tr>", page)[1:]]
    assert body[0] == "Into the sea0.6721"
    assert body[1].startswith("The icen/a (neither you nor the reference set")
    assert body[2] == "All <of> itn/a (both sets give this scene to every sentence)55"
    assert body[3] == "All scenes, pooled0.40"
    assert "Not compared (the reference set does not cover them): c." in page
    assert "Nothing to compare yet" in kappa_table_html([], sentences=0)
    assert "no <ref>" not in kappa_table_html([], sentences=0, problem="no <ref>")


def test_quote_selector_adds_a_prefix_or_suffix_only_for_repeated_quotes():
    text = "Go on. Stay.\nGo on. Leave."
    assert quote_selector(text, 7, 12) == {"quote": "Stay."}
    assert quote_selector(text, 13, 19) == {"quote": "Go on.", "prefix": "ay.\n"}
    assert quote_selector(text, 0, 6) == {"quote": "Go on.", "suffix": " Sta"}


def test_annotations_yaml_round_trips_awkward_text():
    quote = "He said: “no” # not a comment\u00a0'x' \\ [a, b] yes"
    text = annotations_yaml(
        "ana", [{"reading": "r", "quote": quote, "prefix": "\n", "scenes": ["ice"], "themes": []}]
    )
    data = yaml.safe_load(text)
    assert data == {
        "annotator": "ana",
        "annotations": [{"reading": "r", "quote": quote, "prefix": "\n", "scenes": ["ice"]}],
    }
    assert "    scenes: [ice]\n" in text
    assert yaml.safe_load(annotations_yaml("ana", [])) == {"annotator": "ana", "annotations": []}


# --- escaping in every widget ---------------------------------------------------------------


def test_every_widget_shows_hostile_reading_text_escaped(tmp_path):
    hostile = hostile_corpus()
    side = SideBySide(hostile)
    kwic = Concordance(hostile, term="sea")
    themes = ThemeExplorer(hostile, "water-sea")
    tagger = Annotator(hostile, "ana", path=tmp_path / "ana.yaml")
    browser = ReadingBrowser(hostile)
    shown = {
        "SideBySide": side.view.value,
        "Concordance": kwic.view.value,
        "ThemeExplorer": themes.view.value,
        "Annotator": tagger.sentence_view.value,
        "ReadingBrowser": browser.card.value,
    }
    assert side.readings.value == ("hostile-a", "hostile-b")
    for name, page in shown.items():
        assert "<script" not in page and "<img" not in page, name
        assert IMG_SHOWN in page, name
    for name in ("SideBySide", "Annotator", "ReadingBrowser"):
        assert SCRIPT_SHOWN in shown[name], name
    # the open passage of a column shows the paragraph, escaped too
    assert shown["SideBySide"].count(SCRIPT_SHOWN) >= 3  # outlet, title, text
    assert "rk-kwic-row" in shown["Concordance"] and "rk-theme-passage" in shown["ThemeExplorer"]


# --- SideBySide ------------------------------------------------------------------------------


def column_texts(page: str) -> list[str]:
    return [text_of(c) for c in re.findall(r"<section class=\"rk-column.*?</section>", page, re.S)]


def test_side_by_side_defaults_to_the_first_scene_someone_discusses(corpus):
    side = SideBySide(corpus)
    assert side.scene.value == "journey-south"
    assert side.readings.value == ("bowditch", "marchant", "unsigned-review")
    assert side.scene.label.startswith("1. Father and son head south (3 of 5 readings)")
    assert "Scene passages: the reference annotation." in side.view.value


def test_side_by_side_columns_follow_the_scene_and_the_readings(corpus):
    side = SideBySide(corpus, scene="swim", readings=["bowditch", "marchant"])
    before = column_texts(side.view.value)
    assert len(before) == 2 and "Says nothing about Into the sea" in before[1]
    expected = [s.text for s in rk.scenes.scene_passages(corpus, "swim").passages["bowditch"]]
    assert all(p in before[0] for p in expected)

    side.scene.value = "hospital"
    after = column_texts(side.view.value)
    assert after != before and "Says nothing" not in "".join(after)
    hospital = rk.scenes.scene_passages(corpus, "hospital").passages
    assert all(p.text in after[1] for p in hospital["marchant"])

    side.readings.value = ("overview", "marchant", "unsigned-review")
    three = column_texts(side.view.value)
    assert len(three) == 3 and three[1] == after[1]
    assert three[0].startswith("author not statedoutlet not stated")  # the overview names none


def test_side_by_side_refuses_too_few_or_too_many_in_the_html(corpus):
    side = SideBySide(corpus, readings=["marchant"])
    assert "Choose two to five readings" in side.view.value
    side.readings.value = ()
    assert "you have chosen 0" in side.view.value
    side.readings.value = tuple(corpus.ids)  # five: allowed
    assert len(column_texts(side.view.value)) == 5


def test_side_by_side_works_from_suggestions_and_never_retags_on_update(monkeypatch):
    hostile = hostile_corpus()
    side = SideBySide(hostile)
    assert side.labels.attrs["source"] == "suggestions"
    assert "automatic suggestions" in side.view.value

    def no_more(*args, **kwargs):
        raise AssertionError("an update must not tag the corpus again")

    monkeypatch.setattr(rk.scenes, "tag_corpus", no_more)
    monkeypatch.setattr(wd, "scene_labels", no_more)
    side.scene.value = "ice"
    assert column_texts(side.view.value)[0].count("Says nothing about The frozen lake") == 1
    side.readings.value = ("hostile-b", "hostile-a")
    assert "hostile-b" in column_texts(side.view.value)[0]


def test_side_by_side_refuses_unknown_ids(corpus):
    with pytest.raises(KeyError, match="did you mean 'swim'"):
        SideBySide(corpus, scene="swimm")
    with pytest.raises(KeyError, match="did you mean 'marchant'"):
        SideBySide(corpus, readings=["marchand", "bowditch"])


# --- Concordance ---------------------------------------------------------------------------


def rows_of(page: str) -> list[str]:
    return [text_of(r) for r in re.findall(r'<li class="rk-kwic-row">.*?</li>', page, re.S)]


def test_concordance_term_and_filters_give_the_rows(corpus):
    kwic = Concordance(corpus)
    assert "Type a word" in kwic.view.value and not rows_of(kwic.view.value)
    kwic.term.value = "fight*"
    assert len(rows_of(kwic.view.value)) == len(rk.concordance(corpus, "fight*")) == 11
    kwic.reading.value = "bowditch"
    assert len(rows_of(kwic.view.value)) == 5
    kwic.reading.value = ""
    kwic.scene.value = "street-fights"
    expected = rk.concordance(corpus, "fight*", scene="street-fights")
    assert len(rows_of(kwic.view.value)) == len(expected) < 11
    kwic.scene.value = ""
    kwic.term.value = "orca"
    (row,) = rows_of(kwic.view.value)
    paragraph = next(p.text for p in corpus["bowditch"].passages if "orca" in p.text)
    assert row.endswith(paragraph)  # the opened line shows its whole paragraph
    assert '<mark class="rk-match">orca</mark>' in kwic.view.value


@pytest.mark.parametrize(
    ("term", "says"),
    [
        ("a*b", "cannot be searched: &#x27;*&#x27; may only end a term"),
        ("!!", "it has no letters or digits"),
        ("   ", "Type a word"),
        ("zebra", "No match for <strong>zebra</strong>"),
    ],
)
def test_concordance_malformed_or_missing_terms_give_a_message(corpus, term, says):
    kwic = Concordance(corpus)
    kwic.term.value = term
    assert says in kwic.view.value and not rows_of(kwic.view.value)


def test_concordance_shows_the_first_rows_and_counts_all(corpus):
    kwic = Concordance(corpus, term="fight*", limit=3)
    assert len(rows_of(kwic.view.value)) == 3
    assert "11 matches of fight* in 4 readings (the first 3 are shown)" in text_of(kwic.view.value)


# --- ThemeExplorer -------------------------------------------------------------------------


def test_theme_explorer_bars_and_passages_follow_the_theme(corpus):
    explorer = ThemeExplorer(corpus)
    assert explorer.theme.value == "body-injury"
    before = explorer.view.value
    explorer.theme.value = "water-sea"
    page = explorer.view.value
    assert page != before and "<h3>Water and the sea</h3>" in page
    table = rk.theme_table(corpus)
    water = table[table.theme == "water-sea"]
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>.*?</td><td class="rk-num">(\d+)</td>', page)
    assert rows == [(r, str(h)) for r, h in zip(water.reading, water.hits, strict=True)]
    hits = rk.theme_hits(corpus, themes=["water-sea"])
    assert page.count('<mark class="rk-match">') == len(hits) + 1  # +1: the key's sample
    assert page.count('class="rk-theme-passage"') == hits.groupby(["reading", "passage"]).ngroups


def test_theme_explorer_refuses_an_unknown_theme(corpus):
    with pytest.raises(KeyError, match="did you mean 'water-sea'"):
        ThemeExplorer(corpus, "water")


# --- Annotator -----------------------------------------------------------------------------


def tag(tagger: Annotator, reading: str, number: int, scenes=(), themes=()) -> None:
    tagger.reading.value = reading
    tagger.sentence.value = number
    tagger.scenes.value = tuple(scenes)
    tagger.themes.value = tuple(themes)


def test_annotator_saves_a_file_that_loads_back(corpus, tmp_path):
    path = tmp_path / "work" / "ana.yaml"
    tagger = Annotator(corpus, "ana", path=path)
    assert "will be saved to" in tagger.status.value and not path.exists()
    tag(tagger, "marchant", 4, ["journey-south"], ["parenthood"])
    tag(tagger, "bowditch", 6, ["journey-south", "anna-garage"])
    assert "not saved yet" in tagger.status.value
    assert tagger.save() == path
    assert "Saved. " in tagger.status.value and "2 sentences written" in tagger.status.value
    notes = load_annotations(corpus, path)
    assert [(n.reading, n.scenes, n.themes) for n in notes] == [
        ("bowditch", ("journey-south", "anna-garage"), ()),
        ("marchant", ("journey-south",), ("parenthood",)),
    ]
    assert notes[1].span.text == corpus["marchant"].sentences[3].text
    data = yaml.safe_load(path.read_text())
    assert data["annotator"] == "ana" and set(data["annotations"][0]) == {
        "reading",
        "quote",
        "scenes",
    }
    assert sorted(p.name for p in path.parent.iterdir()) == ["ana.yaml"]  # no temp, no backup


def test_annotator_keeps_a_backup_and_continues_a_saved_file(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    first = Annotator(corpus, "ana", path=path)
    tag(first, "overview", 2, ["orca-accident"])
    first.save()
    version_one = path.read_text()

    again = Annotator(corpus, "ana", path=path, reading="overview")
    assert "Continuing" in again.status.value and "1 tagged sentence loaded" in again.status.value
    again.sentence.value = 2
    assert again.scenes.value == ("orca-accident",)
    assert "Scenes: The accident at Marineland" in again.sentence_view.value
    again.scenes.value = ()  # untag it, tag another
    tag(again, "overview", 3, ["hospital"])
    again.save_button.click()
    assert (tmp_path / "ana.yaml.bak").read_text() == version_one
    assert [n.scenes for n in load_annotations(corpus, path)] == [("hospital",)]


def test_annotator_never_writes_over_another_annotators_file(corpus, tmp_path):
    path = tmp_path / "ana.yaml"
    path.write_text("annotator: bo\nannotations: []\n")
    tagger = Annotator(corpus, "ana", path=path)
    assert "belongs to annotator &#x27;bo&#x27;" in tagger.status.value
    tag(tagger, "marchant", 4, ["journey-south"])
    assert tagger.save() is None
    status = text_of(tagger.status.value)
    assert f"Problem: {path} belongs to annotator 'bo'" in status
    assert "Fix: pass path='annotations/ana.yaml'" in status
    assert path.read_text() == "annotator: bo\nannotations: []\n"
    assert not (tmp_path / "ana.yaml.bak").exists()


def test_annotator_never_writes_over_the_reference_set(tmp_path):
    folder = tmp_path / "readings"
    shutil.copytree(rk.bundled_readings_path(), folder)
    corpus = rk.load_corpus(folder)
    reference = folder / "annotations" / "reference.yaml"
    before = reference.read_text()
    by_name = Annotator(corpus, "reference", path=tmp_path / "reference.yaml")
    assert by_name.save() is None and "never written over" in by_name.status.value
    assert not (tmp_path / "reference.yaml").exists()
    by_path = Annotator(corpus, "ana", path=reference)
    assert by_path.save() is None
    assert f"{reference} is the kit&#x27;s reference set" in by_path.status.value
    assert reference.read_text() == before


@pytest.mark.parametrize(
    ("content", "says"),
    [
        ("annotator: ana\nannotations: [\n", "cannot be read"),
        (
            "annotator: ana\nannotations:\n  - {reading: marchant, quote: 'Film: Rust & Bone', "
            "flag: boilerplate}\n",
            "fields the Annotator does not edit (flag)",
        ),
        (
            "annotator: ana\nannotations:\n  - {reading: marchant, quote: 'Not there', "
            "scenes: [ice]}\n",
            "is not in reading",
        ),
    ],
)
def test_annotator_keeps_its_hands_off_a_file_it_cannot_read_whole(corpus, tmp_path, content, says):
    path = tmp_path / "ana.yaml"
    path.write_text(content)
    tagger = Annotator(corpus, "ana", path=path)
    assert says in unescape(tagger.status.value)
    tag(tagger, "marchant", 4, ["journey-south"])
    assert tagger.save() is None and path.read_text() == content


def test_annotator_save_is_atomic_when_the_replace_fails(corpus, tmp_path, monkeypatch):
    path = tmp_path / "ana.yaml"
    tagger = Annotator(corpus, "ana", path=path)
    tag(tagger, "marchant", 4, ["journey-south"])
    tagger.save()
    saved = path.read_text()
    tag(tagger, "marchant", 5, ["journey-south"])

    def broken(*args):
        raise OSError("disk full")

    monkeypatch.setattr(wd.os, "replace", broken)
    assert tagger.save() is None and "disk full" in tagger.status.value
    assert path.read_text() == saved
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ana.yaml", "ana.yaml.bak"]


def test_annotator_default_path_is_the_working_folder(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tagger = Annotator(corpus, "ana")
    assert tagger.path == tmp_path / "annotations" / "ana.yaml"
    tag(tagger, "marchant", 4, ["journey-south"])
    tagger.save()
    assert (tmp_path / "annotations" / "ana.yaml").is_file()


def test_annotator_refuses_a_name_or_path_that_cannot_be_a_file(corpus, tmp_path):
    with pytest.raises(ValueError, match="annotator='Ana-Maria'"):
        Annotator(corpus, "Ana Maria/")
    with pytest.raises(ValueError, match=r"must end in \.yaml"):
        Annotator(corpus, "ana", path=tmp_path / "ana.txt")


def test_annotator_kappa_against_the_reference(corpus, tmp_path):
    tagger = Annotator(corpus, "ana", path=tmp_path / "ana.yaml")
    assert "Nothing to compare yet" in tagger.agreement.value
    reference = reference_labels(corpus)
    marchant = reference[reference.reading == "marchant"]
    numbers = {s.id: i for i, s in enumerate(corpus["marchant"].sentences, start=1)}
    for sentence, group in marchant.groupby("sentence"):
        tag(tagger, "marchant", numbers[sentence], list(group.scene))
    page = tagger.agreement.value
    assert "Sentences compared: 32</strong> (every sentence of: marchant)" in page
    cells = dict(re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td>', page))
    used = {rk.scenes.catalogue_for(corpus).scene(s).title for s in marchant.scene}
    assert {cells[t] for t in used} == {"1.00"}
    assert cells["Into the sea"].startswith("n/a (neither you nor the reference set")
    assert cells["All scenes, pooled"] == "1.00"

    tag(tagger, "marchant", 1, ["swim"])  # one disagreement lowers the swim scene's kappa
    expected = agreement(tagger.labels(), reference, corpus)["scores"]
    swim = expected.set_index("scene").loc["swim"]
    cells = dict(
        re.findall(r'<tr><th scope="row">(.*?)</th><td>(.*?)</td>', tagger.agreement.value)
    )
    assert cells["Into the sea"] == f"{swim.kappa:.2f}" and swim.a == 1


def test_annotator_without_a_reference_set_says_so(tmp_path):
    tagger = Annotator(hostile_corpus(), "ana", path=tmp_path / "ana.yaml")
    tag(tagger, "hostile-a", 1, ["swim"])
    assert "no reference set to compare with" in tagger.agreement.value


def test_annotator_saves_a_repeated_sentence_with_a_prefix(tmp_path):
    text = "Ali swims. She laughs.\nAli swims. The end."
    reading = rk.Reading(id="demo", meta={"id": "demo", "title": "T", "kind": "review"}, text=text)
    corpus = rk.Corpus(readings=(reading,))
    tagger = Annotator(corpus, "ana", path=tmp_path / "ana.yaml")
    tag(tagger, "demo", 3, ["swim"])  # the second "Ali swims."
    tagger.save()
    entry = yaml.safe_load((tmp_path / "ana.yaml").read_text())["annotations"][0]
    assert entry["quote"] == "Ali swims." and "prefix" in entry
    (note,) = load_annotations(corpus, tmp_path / "ana.yaml")
    assert (note.span.start, note.span.end) == (23, 33)


def test_annotator_buttons_step_and_controls_are_labelled(corpus, tmp_path):
    tagger = Annotator(corpus, "ana", path=tmp_path / "ana.yaml", reading="overview")
    tagger.previous.click()
    assert tagger.sentence.value == 1 and "(the first sentence)" in tagger.sentence_view.value
    for _ in range(40):
        tagger.next.click()
    total = len(corpus["overview"].sentences)
    assert tagger.sentence.value == total and f"Sentence {total} of {total}" in (
        tagger.sentence_view.value
    )
    for button in (tagger.previous, tagger.next, tagger.save_button):
        assert button.tooltip
    side, kwic, explorer = SideBySide(corpus), Concordance(corpus), ThemeExplorer(corpus)
    controls = [
        tagger.reading,
        tagger.sentence,
        tagger.scenes,
        tagger.themes,
        side.scene,
        side.readings,
        kwic.term,
        kwic.reading,
        kwic.scene,
        explorer.theme,
    ]
    for control in controls:
        assert control.description and control.style.description_width == "initial"


def test_widget_text_in_a_saved_notebook_tells_the_reader_to_run_the_cell(corpus, tmp_path):
    for widget in (
        SideBySide(corpus),
        Concordance(corpus),
        ThemeExplorer(corpus),
        Annotator(corpus, "ana", path=tmp_path / "ana.yaml"),
    ):
        text = widget._repr_mimebundle_()["text/plain"]
        assert "Run this cell" in text and "…" not in text


def test_style_is_scoped_and_large_enough_for_a_projector():
    style = wd._VIEW_STYLE
    selectors = re.findall(r"^([^{}\n]+)\{", style, flags=re.M)
    assert selectors and all(
        part.strip().startswith((".rk-view", ".rk-widget"))
        for selector in selectors
        for part in selector.split(",")
        if part.strip()
    )
    sizes = [int(px) for px in re.findall(r"font-size:(\d+)px", style)]
    assert min(sizes) >= 16
