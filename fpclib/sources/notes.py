"""Endnote-list anomalies: what is odd about a document's notes and the markers citing them, reported not hidden.

Notes are never folded into the body because their numbering is odd; instead each oddity becomes an
:class:`~fpclib.sources.model.Anomaly`, which the corpus lists in ``Corpus.anomalies`` and which
``load_corpus(strict=True)`` turns into an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from fpclib.sources.model import Anomaly, Note

#: Kinds of endnote anomaly, with what each means.
NOTE_ANOMALIES: dict[str, str] = {
    "repeated-note": "two endnotes carry the same number",
    "out-of-order-note": "an endnote's number is lower than the one before it",
    "missing-note": "the endnote numbers skip this number",
    "marker-without-note": "a marker cites a number no endnote carries",
    "uncited-note": "no marker cites this endnote",
    "restarted-markers": "the markers start again from [1] (a quoted text with its own notes, or a second list)",
    "marker-opens-line": "a marker in the body opens a line, as an endnote label does",
    "empty-note": "an endnote with no text (a citation read as a label?)",
}


def note_anomalies(notes: Sequence[Note], markers: Iterable[tuple[int, int]]) -> tuple[Anomaly, ...]:
    """The anomalies of ``notes`` cited by ``markers``, ``(raw offset, number)`` pairs in text order.

    >>> notes = [Note(1, "a", 10, 11), Note(3, "c", 12, 13), Note(3, "d", 14, 15), Note(2, "b", 16, 17)]
    >>> [(a.kind, a.number) for a in note_anomalies(notes, [(0, 1), (2, 2), (4, 3), (5, 1), (6, 9)])]
    [('repeated-note', 3), ('out-of-order-note', 2), ('restarted-markers', 1), ('marker-without-note', 9)]
    """
    found: list[Anomaly] = []
    seen: set[int] = set()
    last = 0
    for note in notes:
        if note.number in seen:
            found.append(Anomaly("repeated-note", note.number, note.raw_start,
                                 f"endnote [{note.number}] appears a second time"))
        elif note.number < last:
            found.append(Anomaly("out-of-order-note", note.number, note.raw_start,
                                 f"endnote [{note.number}] follows endnote [{last}]"))
        if not note.text:
            found.append(Anomaly("empty-note", note.number, note.raw_start, f"endnote [{note.number}] has no text"))
        seen.add(note.number)
        last = max(last, note.number)
    first = notes[0].raw_start if notes else 0
    found += [Anomaly("missing-note", number, first, f"no endnote [{number}] between [1] and [{last}]")
              for number in range(1, last) if number not in seen]
    cited: set[int] = set()
    highest = 0
    for offset, number in markers:
        if number not in seen:
            found.append(Anomaly("marker-without-note", number, offset, f"marker [{number}] cites no endnote"))
        if number == 1 and highest > 1:
            found.append(Anomaly("restarted-markers", 1, offset, f"marker [1] after marker [{highest}]"))
            highest = 1
        cited.add(number)
        highest = max(highest, number)
    found += [Anomaly("uncited-note", note.number, note.raw_start, f"no marker cites endnote [{note.number}]")
              for note in notes if note.number not in cited]
    return tuple(found)
