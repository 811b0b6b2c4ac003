"""Stand-off annotations: labels that point into readings by exact quotation.

One YAML file per annotator lives in ``readings/annotations/`` (``reference.yaml`` is the
kit's own). Each annotation names a reading and quotes it, in the spirit of the W3C Web
Annotation ``TextQuoteSelector``: the quote (with an optional ``prefix`` and ``suffix``, the
characters just before and after it, to tell repeated quotes apart) is found in the
reading's normalised text, so typography typed differently still matches, and resolves to
character offsets. Because it is anchored by its words, an
annotation survives edits elsewhere in the text.

A file says what it covers: ``covers:`` lists the readings its annotator went through in
full, so that in those readings a sentence without scenes is a decision ("no scene"), and in
any other reading it is only "not read". An entry with ``no_scene: true`` records that
decision for one sentence explicitly (it may carry themes or a flag, never scenes).
:func:`load_annotation_file` returns both; :func:`load_annotations` the entries alone.

>>> from rustbone_kit import load_corpus
>>> corpus = load_corpus()
>>> notes = load_annotations(corpus, "reference")
>>> ice = [a for a in notes if "ice" in a.scenes and a.reading == "compiled-page"]
>>> ice[0].span.text[:40]
"Anna's partner, with her permission, dro"
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .anchors import resolve_quote
from .catalogue import Catalogue, catalogue_for
from .corpus import Corpus
from .errors import KitError, unknown_id_message
from .files import read_text_file
from .lexicon import lexicon_for
from .sources import cited_ids, sources_for
from .text import Span
from .validate import Record
from .yamlio import MAX_FILE_NODES, load_document

__all__ = [
    "FLAGS",
    "VERDICTS",
    "Annotation",
    "AnnotationError",
    "AnnotationSet",
    "annotation_table",
    "annotations_path",
    "load_annotation_file",
    "load_annotations",
    "sentence_labels",
]

#: What a flag says about a passage that is not (only) criticism.
FLAGS = {
    "boilerplate": "web-page furniture: titles, bylines, links, comment forms",
    "off-topic": "text about something else than the film",
    "factual-slip": "a claim the kit's sources do not bear out (needs note, source and verdict)",
}
#: What a verdict says of a claim (a factual-slip's here, a claim's in ``claims.yaml``).
VERDICTS = {
    "wrong": "a cited source contradicts it",
    "disputed": "the cited sources disagree, and watching the film cannot settle it",
    "checkable-in-film": "the written sources do not settle it; watching the film does",
    "unverified": "no source in the bibliography settles it",
}
_FIELDS = (
    "reading",
    "quote",
    "prefix",
    "suffix",
    "scenes",
    "themes",
    "flag",
    "note",
    "source",
    "verdict",
    "ambiguous",
    "no_scene",
)
#: The keys of a file's top level.
_TOP = {"annotator": False, "covers": False, "annotations": False}


class AnnotationError(KitError, ValueError):
    """An annotation that cannot be resolved against the readings."""


@dataclass(frozen=True)
class Annotation:
    """One resolved annotation: a span of a reading and what the annotator said of it."""

    annotator: str
    reading: str
    span: Span
    scenes: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    flag: str | None = None
    note: str | None = None
    source: str | None = None
    verdict: str | None = None
    ambiguous: bool = False
    line: int | None = None
    no_scene: bool = False


@dataclass(frozen=True)
class AnnotationSet:
    """One annotator's whole file: who, which readings it covers in full, and its entries."""

    annotator: str
    path: Path
    covers: tuple[str, ...]
    annotations: tuple[Annotation, ...]


def annotations_path(corpus: Corpus, annotator: str | Path) -> Path:
    """The file of an annotator: a path, or a name in the corpus's ``annotations/`` folder."""
    candidate = Path(annotator)
    if candidate.suffix in {".yaml", ".yml"}:
        return candidate
    folder = corpus.path if corpus.path and corpus.path.is_dir() else None
    if folder is None:
        raise AnnotationError(
            "this corpus was not loaded from a folder, so it has no annotations folder",
            fix="pass the path of an annotations .yaml file",
        )
    return folder / "annotations" / f"{annotator}.yaml"


def _check_item(rec: Record, corpus: Corpus, cat: Catalogue) -> None:
    fail = rec.fail
    rec.fields(
        dict.fromkeys(_FIELDS, False),
        example="write it as '- reading: ...' with 'quote:' and 'scenes:' or 'flag:' below",
    )
    item = rec.item
    for key in ("reading", "quote"):
        if not isinstance(item.get(key), str) or not item[key].strip():
            fail(f"the annotation has no {key!r}", key, f"add '{key}: ...' as text")
    if item["reading"] not in corpus:
        fail(
            unknown_id_message("reading", item["reading"], corpus.ids),
            "reading",
            "use the id from the reading's header",
        )
    rec.ids("scenes", cat.scene_ids, kind="scene", fix="use an id from scenes.yaml")
    if item.get("themes"):
        known = lexicon_for(corpus).ids  # the lexicon is read only when an entry has themes
        rec.ids("themes", known, kind="theme", fix="use an id from themes.yaml")
    else:
        rec.ids("themes", (), kind="theme", fix="use an id from themes.yaml")
    flag = item.get("flag")
    if flag is not None and flag not in FLAGS:
        fail(unknown_id_message("flag", flag, tuple(FLAGS)), "flag", "use one of the flags")
    no_scene = item.get("no_scene")
    if no_scene not in (None, True, False):
        fail("'no_scene' must be true or false", "no_scene", "write no_scene: true")
    if no_scene and item.get("scenes"):
        fail(
            "an entry with 'no_scene: true' cannot list scenes",
            "no_scene",
            "remove the scenes, or remove 'no_scene: true'",
        )
    if not item.get("scenes") and not item.get("themes") and flag is None and not no_scene:
        fail(
            "the annotation says nothing: it has no 'scenes', 'themes' or 'flag' "
            "(nor 'no_scene: true')",
            None,
            "add scenes: [...], themes: [...], flag: ... or no_scene: true",
        )
    if flag == "factual-slip" and not (item.get("note") and item.get("source")):
        fail(
            "a factual-slip needs a 'note' (what is wrong) and a 'source' (who says so)",
            "source" if item.get("note") else "note",
            "add both",
        )
    verdict = item.get("verdict")
    if flag == "factual-slip" and verdict is None:
        fail(
            "a factual-slip needs a 'verdict'",
            "verdict",
            f"add verdict: wrong (the source contradicts it), or another of: {', '.join(VERDICTS)}",
        )
    if verdict is not None and flag != "factual-slip":
        fail(
            "only a factual-slip takes a 'verdict'",
            "verdict",
            "remove 'verdict:' or flag the entry factual-slip",
        )
    if verdict is not None and (not isinstance(verdict, str) or verdict not in VERDICTS):
        fail(
            unknown_id_message("verdict", verdict, tuple(VERDICTS)),
            "verdict",
            f"use one of: {', '.join(VERDICTS)}",
        )
    if item.get("ambiguous") not in (None, True, False):
        fail("'ambiguous' must be true or false", "ambiguous", "write ambiguous: true")
    if item.get("ambiguous") and not item.get("note"):
        fail("an ambiguous annotation needs a 'note' saying why", "note", "add note: ...")
    if item.get("source") is not None:  # the bibliography is read only when an entry cites
        cited_ids(rec, "source", sources_for(corpus))


def _source_text(value: object) -> str | None:
    """A ``source:`` field (one id or a list of ids) as text: the ids, ", "-joined."""
    return ", ".join(value) if isinstance(value, list) else value  # type: ignore[return-value]


def load_annotation_file(
    corpus: Corpus, annotator: str | Path = "reference", *, catalogue: Catalogue | None = None
) -> AnnotationSet:
    """Load and resolve one annotator's whole file: ``covers`` and the resolved entries.

    ``covers`` is in corpus order; a file without ``covers:`` covers no reading in full.

    >>> from rustbone_kit import load_corpus
    >>> load_annotation_file(load_corpus(), "second").covers
    ('marchant',)
    """
    path = annotations_path(corpus, annotator)
    if not path.is_file():
        raise AnnotationError(
            "no such annotation file",
            path=path,
            fix="check the annotator's name; files live in the readings' annotations/ folder",
        )
    cat = catalogue or catalogue_for(corpus)
    data, node = load_document(
        read_text_file(path, error=AnnotationError),
        path=str(path),
        error=AnnotationError,
        max_nodes=MAX_FILE_NODES,
    )
    start = "start the file with 'annotator: your-name', 'covers: [...]' and 'annotations:'"
    if data is None:
        raise AnnotationError("the file is empty", path=path, line=1, fix=start)
    if not isinstance(data, dict) or not isinstance(data.get("annotations"), list):
        raise AnnotationError(
            "expected 'annotator:' and an 'annotations:' list", path=path, line=1, fix=start
        )
    top = Record.of_node(data, node, what="annotation file", path=path, error=AnnotationError)
    top.fields(_TOP)
    covered = set(
        top.ids("covers", corpus.ids, kind="reading", fix="list the ids of readings read in full")
    )
    name = str(data.get("annotator") or path.stem)
    entries = next(v for k, v in node.value if k.value == "annotations").value
    result = []
    for entry, item in zip(entries, data["annotations"], strict=True):
        line = entry.start_mark.line + 1
        rec = Record.of_node(item, entry, what="annotation", path=path, error=AnnotationError)
        _check_item(rec, corpus, cat)
        span = resolve_quote(
            corpus[item["reading"]],
            item["quote"],
            item.get("prefix") or "",
            item.get("suffix") or "",
            annotator=path.stem,  # the file's name: unique in the folder, unlike 'annotator:'
            path=path,
            line=line,
            error=AnnotationError,
        )
        result.append(
            Annotation(
                annotator=name,
                reading=item["reading"],
                span=span,
                scenes=tuple(item.get("scenes", [])),
                themes=tuple(item.get("themes", [])),
                flag=item.get("flag"),
                note=item.get("note"),
                source=_source_text(item.get("source")),
                verdict=item.get("verdict"),
                ambiguous=bool(item.get("ambiguous")),
                line=line,
                no_scene=bool(item.get("no_scene")),
            )
        )
    covers = tuple(r for r in corpus.ids if r in covered)
    return AnnotationSet(name, path, covers, tuple(result))


def load_annotations(
    corpus: Corpus, annotator: str | Path = "reference", *, catalogue: Catalogue | None = None
) -> list[Annotation]:
    """Load and resolve one annotator's file against the corpus; raise on the first problem.

    Every error names the file, the annotation's line and the fix (quote not found, with the
    closest sentence; quote found more than once; unknown reading, scene, flag or field).
    What the file covers is :func:`load_annotation_file`'s.
    """
    return list(load_annotation_file(corpus, annotator, catalogue=catalogue).annotations)


def annotation_table(corpus: Corpus, annotator: str | Path = "reference") -> pd.DataFrame:
    """One annotator's file as a table: one row per annotation, its text as the reading has it.

    >>> from rustbone_kit import load_corpus
    >>> table = annotation_table(load_corpus())
    >>> table.columns.tolist()[:4]
    ['reading', 'text', 'scenes', 'themes']
    """
    rows = [
        {
            "reading": a.reading,
            "text": a.span.text,
            "scenes": ", ".join(a.scenes),
            "themes": ", ".join(a.themes),
            "flag": a.flag,
            "verdict": a.verdict,
            "ambiguous": a.ambiguous,
            "note": a.note,
            "source": a.source,
            "line": a.line,
        }
        for a in load_annotations(corpus, annotator)
    ]
    columns = ["reading", "text", "scenes", "themes", "flag", "verdict", "ambiguous", "note"]
    return pd.DataFrame(rows, columns=[*columns, "source", "line"])


def sentence_labels(corpus: Corpus, annotations: Iterable[Annotation]) -> pd.DataFrame:
    """Tidy table: one row per (sentence, scene) an annotation puts on a sentence it overlaps.

    A sentence without a scene has no row: "none" in a reading the annotator covers (see
    :class:`AnnotationSet`), "not read" in any other.
    """
    rows = []
    for note in annotations:
        reading = corpus[note.reading]
        for sentence in reading.sentences:
            if sentence.start < note.span.end and note.span.start < sentence.end:
                for scene in note.scenes:
                    rows.append({"reading": reading.id, "sentence": sentence.id, "scene": scene})
    frame = pd.DataFrame(rows, columns=["reading", "sentence", "scene"]).drop_duplicates()
    return frame.reset_index(drop=True)
