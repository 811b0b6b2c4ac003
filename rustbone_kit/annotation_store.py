"""An annotator's own annotation file: its YAML, who may write it, and a save that loses nothing.

The :class:`~rustbone_kit.widgets.Annotator` widget keeps a student's tags here, but nothing
in this module needs a widget:

- :func:`annotations_yaml` writes entries in the stand-off format of the kit's
  ``readings/annotations/reference.yaml`` (read back by
  :func:`~rustbone_kit.annotations.load_annotations`): the sentences tagged, those the
  annotator decided have no scene (``no_scene: true``), and ``covers:``, the readings the
  annotator says they went through in full;
- :func:`owner_problem` is the owner rule: the reference set, another annotator's file, and
  a file with fields the kit does not edit are never written over;
- :class:`AnnotationFile` loads the file and saves it through
  :func:`~rustbone_kit.atomic.write_atomic`, expecting the file as it was when loaded, so two
  widgets on one file never silently overwrite each other: the second save is refused.

>>> import pathlib, tempfile
>>> from rustbone_kit import load_corpus
>>> corpus = load_corpus()
>>> path = pathlib.Path(tempfile.mkdtemp()) / "ana.yaml"
>>> first, second = AnnotationFile(corpus, "ana", path), AnnotationFile(corpus, "ana", path)
>>> entries = sentence_entries(corpus, {("marchant", "marchant:s4"): (("journey-south",), ())})
>>> first.save(entries) == path
True
>>> second.save(entries)
Traceback (most recent call last):
...
rustbone_kit.errors.StaleFileError: ...ana.yaml: the file changed since it was read...
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from contextlib import suppress
from pathlib import Path
from typing import Any

import yaml

from .anchors import quote_selector
from .annotations import (
    Annotation,
    AnnotationError,
    AnnotationSet,
    annotations_path,
    load_annotation_file,
)
from .atomic import FileState, backup_paths, file_state, write_atomic
from .catalogue import Catalogue
from .corpus import Corpus
from .errors import ArgumentError, KitError
from .files import read_text_file
from .yamlio import MAX_FILE_NODES, load_document

__all__ = [
    "EDITABLE",
    "AnnotationFile",
    "Tags",
    "annotations_yaml",
    "annotator_path",
    "no_scene_keys",
    "owner_problem",
    "sentence_entries",
    "sentence_tags",
]

#: The fields an annotator's file may hold: the ones :func:`annotations_yaml` writes.
EDITABLE = frozenset({"reading", "quote", "prefix", "suffix", "scenes", "themes", "no_scene"})
#: ``(reading id, sentence id) -> (scene ids, theme ids)`` of every tagged sentence.
Tags = Mapping[tuple[str, str], tuple[Sequence[str], Sequence[str]]]

_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def _yaml_text(value: str) -> str:
    """A double-quoted YAML scalar: every character kept, line breaks and controls escaped."""
    return yaml.safe_dump(value, allow_unicode=True, default_style='"', width=10**9).rstrip("\n")


def annotations_yaml(
    annotator: str, entries: Sequence[Mapping[str, Any]], *, covers: Sequence[str] = ()
) -> str:
    """An annotation file in the stand-off format of ``readings/annotations/reference.yaml``:
    ``annotator:``, ``covers:`` (when given: the readings read in full) and an
    ``annotations:`` list of ``reading``, ``quote`` (with ``prefix`` or ``suffix`` where
    needed), ``scenes`` and ``themes``, or ``no_scene: true``.

    >>> print(annotations_yaml("ana", [{"reading": "marchant", "quote": 'He said "no"',
    ...                                 "scenes": ["swim", "ice"], "themes": []}]))
    ... # doctest: +NORMALIZE_WHITESPACE
    # Annotations by ana, written by rustbone_kit.widgets.Annotator. Same format as the kit's
    # readings/annotations/reference.yaml; load it with
    # rustbone_kit.annotations.load_annotations(corpus, path).
    annotator: "ana"
    annotations:
      - reading: "marchant"
        quote: "He said \\"no\\""
        scenes: [swim, ice]
    """
    lines = [
        f"# Annotations by {annotator}, written by rustbone_kit.widgets.Annotator. Same format as "
        "the kit's",
        "# readings/annotations/reference.yaml; load it with",
        "# rustbone_kit.annotations.load_annotations(corpus, path).",
        f"annotator: {_yaml_text(annotator)}",
    ]
    if covers:
        lines.append(f"covers: [{', '.join(_ids(covers))}]")
    if not entries:
        lines.append("annotations: []")
    else:
        lines.append("annotations:")
    for entry in entries:
        lines.append(f"  - reading: {_yaml_text(entry['reading'])}")
        for key in ("quote", "prefix", "suffix"):
            if entry.get(key):
                lines.append(f"    {key}: {_yaml_text(entry[key])}")
        for key in ("scenes", "themes"):
            if entry.get(key):
                lines.append(f"    {key}: [{', '.join(_ids(entry[key]))}]")
        if entry.get("no_scene"):
            lines.append("    no_scene: true")
    return "\n".join(lines) + "\n"


def _ids(ids: Iterable[str]) -> list[str]:
    return [_yaml_text(i) if not _ID.fullmatch(i) else i for i in ids]


def annotator_path(annotator: str, path: str | Path | None = None) -> Path:
    """The file of ``annotator``: ``path``, or ``annotations/<annotator>.yaml`` under the
    working folder. A name that cannot name a file, or a path not ending in ``.yaml``,
    raises :class:`~rustbone_kit.errors.ArgumentError` (a ``ValueError``) saying what to use.

    >>> annotator_path("ana", "work/ana.yaml").as_posix()
    'work/ana.yaml'
    >>> annotator_path("Ana Maria/")
    Traceback (most recent call last):
    ...
    rustbone_kit.errors.ArgumentError: annotator 'Ana Maria/' cannot name a file: ...
    """
    if not isinstance(annotator, str) or not _NAME.fullmatch(annotator):
        suggestion = re.sub(r"[^A-Za-z0-9_.-]+", "-", str(annotator)).strip("-.") or "ana"
        raise ArgumentError(
            f"annotator {annotator!r} cannot name a file: use letters, digits, '-', '_' "
            f"or '.', e.g. annotator={suggestion!r}"
        )
    result = Path(path) if path is not None else Path.cwd() / "annotations" / f"{annotator}.yaml"
    if result.suffix not in {".yaml", ".yml"}:
        raise ArgumentError(f"path {str(result)!r} must end in .yaml, e.g. 'annotations/ana.yaml'")
    return result


def owner_problem(corpus: Corpus, annotator: str, path: Path) -> str | None:
    """Why ``annotator`` must not write over the file at ``path`` (with the fix), or None.

    Refused: the name ``reference`` and the corpus's reference file (the kit's own set), a
    file that cannot be read, another annotator's file, and a file with fields the kit does
    not edit (flags, notes ...).
    """
    if annotator == "reference":
        return (
            "'reference' is the kit's own annotation set and is never written over. Fix: "
            "make the Annotator with your own name, e.g. Annotator(corpus, 'ana')."
        )
    with_reference = None
    with suppress(AnnotationError):
        with_reference = annotations_path(corpus, "reference")
    if with_reference is not None and path.resolve() == with_reference.resolve():
        return (
            f"{path} is the kit's reference set and is never written over. Fix: pass "
            f"path='annotations/{annotator}.yaml'."
        )
    if not path.exists():
        return None
    try:
        text = read_text_file(path, error=KitError)
        data, _ = load_document(text, path=str(path), error=KitError, max_nodes=MAX_FILE_NODES)
    except (OSError, UnicodeDecodeError, KitError) as error:
        return (
            f"{path} exists but cannot be read ({error}), so it is not written over. "
            "Fix: repair or move the file, or pass another path=."
        )
    owner = data.get("annotator") if isinstance(data, dict) else None
    owner = str(owner) if owner else path.stem
    if owner != annotator:
        return (
            f"{path} belongs to annotator '{owner}', and the Annotator never writes "
            f"over another annotator's file. Fix: pass path='annotations/"
            f"{annotator}.yaml' (your own file), or annotator='{owner}' if it is yours."
        )
    items = data.get("annotations") if isinstance(data, dict) else None
    extra = sorted({k for item in items or [] if isinstance(item, dict) for k in item} - EDITABLE)
    if extra:
        return (
            f"{path} has fields the Annotator does not edit ({', '.join(extra)}), so "
            "it is not written over. Fix: pass another path=."
        )
    return None


def sentence_entries(
    corpus: Corpus, tags: Tags, no_scene: Iterable[tuple[str, str]] = ()
) -> list[dict[str, Any]]:
    """The file's entries: one per tagged sentence and per sentence in ``no_scene`` (the
    ``(reading, sentence)`` keys the annotator decided have no scene), readings and
    sentences in text order, each quoting its sentence by
    :func:`~rustbone_kit.anchors.quote_selector`. A sentence with scenes is never "no scene".

    >>> from rustbone_kit import load_corpus
    >>> sentence_entries(load_corpus(), {("marchant", "marchant:s1"): (["swim"], [])})
    [{'reading': 'marchant', 'quote': 'Film: Rust & Bone', 'scenes': ['swim'], 'themes': []}]
    >>> sentence_entries(load_corpus(), {}, [("marchant", "marchant:s1")])[0]["no_scene"]
    True
    """
    decided = set(no_scene)
    entries = []
    for reading in corpus:
        for sentence in reading.sentences:
            key = (reading.id, sentence.id)
            scenes, themes = tags.get(key) or ((), ())
            none = key in decided and not scenes
            if not (scenes or themes or none):
                continue
            entry: dict[str, Any] = {"reading": reading.id}
            entry.update(quote_selector(reading.text, sentence.start, sentence.end))
            entry["scenes"], entry["themes"] = list(scenes), list(themes)
            if none:
                entry["no_scene"] = True
            entries.append(entry)
    return entries


def sentence_tags(
    corpus: Corpus, notes: Iterable[Annotation]
) -> dict[tuple[str, str], tuple[set[str], set[str]]]:
    """The other way round: ``(reading, sentence) -> (scenes, themes)`` that the annotations
    give each sentence they overlap (a note over two sentences tags both).

    >>> from rustbone_kit import load_corpus, annotations
    >>> corpus = load_corpus()
    >>> tags = sentence_tags(corpus, annotations.load_annotations(corpus))
    >>> sorted(tags[("marchant", "marchant:s4")][0])
    ['journey-south']
    """
    tags: dict[tuple[str, str], tuple[set[str], set[str]]] = {}
    for note in notes:
        reading = corpus[note.reading]
        for s in reading.sentences:
            if s.start < note.span.end and note.span.start < s.end:
                scenes, themes = tags.setdefault((reading.id, s.id), (set(), set()))
                scenes.update(note.scenes)
                themes.update(note.themes)
    return tags


def no_scene_keys(corpus: Corpus, notes: Iterable[Annotation]) -> set[tuple[str, str]]:
    """``(reading, sentence)`` of every sentence an entry with ``no_scene: true`` overlaps.

    >>> from rustbone_kit import load_corpus
    >>> from rustbone_kit.annotations import load_annotations
    >>> no_scene_keys(load_corpus(), load_annotations(load_corpus(), "second"))
    set()
    """
    return {
        (note.reading, s.id)
        for note in notes
        if note.no_scene
        for s in corpus[note.reading].sentences
        if s.start < note.span.end and note.span.start < s.end
    }


class AnnotationFile:
    """One annotator's own file: loaded once, saved only over what was loaded.

    The file's state (:func:`~rustbone_kit.atomic.file_state`) is taken when it is first
    looked at and again by :meth:`load`; :meth:`save` writes through
    :func:`~rustbone_kit.atomic.write_atomic` with ``expect=`` that state, so a file another
    widget or window saved in between is refused with a
    :class:`~rustbone_kit.errors.StaleFileError` instead of being overwritten.
    """

    def __init__(self, corpus: Corpus, annotator: str, path: str | Path | None = None) -> None:
        self.corpus = corpus
        self.path = annotator_path(annotator, path)
        self.annotator = annotator
        self.state: FileState = file_state(self.path)

    def __repr__(self) -> str:
        return f"AnnotationFile({self.annotator!r}, {str(self.path)!r})"

    @property
    def backup(self) -> Path:
        """Where the previous version is kept after a save (``<file>.bak``)."""
        return backup_paths(self.path)[0]

    def problem(self) -> str | None:
        """Why this annotator must not write the file (:func:`owner_problem`), or None."""
        return owner_problem(self.corpus, self.annotator, self.path)

    def load(self, *, catalogue: Catalogue | None = None) -> list[Annotation]:
        """The file's annotations ([] when there is no file yet); remembers its state.

        A file that does not load raises its :class:`~rustbone_kit.errors.KitError`.
        """
        return list(self.load_file(catalogue=catalogue).annotations)

    def load_file(self, *, catalogue: Catalogue | None = None) -> AnnotationSet:
        """The whole file (its ``covers`` too; empty when there is no file yet), as
        :meth:`load`."""
        self.state = file_state(self.path)
        if self.state.digest is None:
            return AnnotationSet(self.annotator, self.path, (), ())
        return load_annotation_file(self.corpus, self.path, catalogue=catalogue)

    def save(
        self,
        entries: Sequence[Mapping[str, Any]],
        *,
        covers: Sequence[str] = (),
        catalogue: Catalogue | None = None,
    ) -> Path:
        """Write ``entries`` (see :func:`sentence_entries`) and ``covers`` (the readings the
        annotator went through in full) and return the path written.

        Refused, with a :class:`~rustbone_kit.errors.KitError` saying why and leaving the file
        as it was: a file the owner rule protects, entries that would not read back whole, a
        file changed on disk since it was loaded (``StaleFileError``), a failed write.
        """
        problem = self.problem()
        if problem:
            raise KitError(problem)
        text = annotations_yaml(self.annotator, entries, covers=covers)
        self._check_reads_back(text, len(entries), set(covers), catalogue)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise KitError(f"cannot make the folder: {error}", path=self.path.parent) from error
        written = write_atomic(self.path, text, expect=self.state)
        self.state = file_state(self.path)
        return written

    def _check_reads_back(
        self, text: str, count: int, covers: set[str], catalogue: Catalogue | None
    ) -> None:
        """Read ``text`` as :func:`~rustbone_kit.annotations.load_annotations` would, before
        it replaces anything."""
        try:
            with tempfile.TemporaryDirectory(prefix="rustbone-kit-") as folder:
                trial = Path(folder) / self.path.name
                trial.write_text(text, encoding="utf-8")
                found = load_annotation_file(self.corpus, trial, catalogue=catalogue)
        except OSError as error:
            raise KitError(f"cannot check the file before saving it: {error}") from error
        if len(found.annotations) != count or set(found.covers) != covers:
            raise AnnotationError("the written file does not read back whole", path=self.path)
