"""The errors fpclib raises on bad input, all under one base class that the command line catches.

Every message is one line: ``FILE:LINE:COL: what was expected`` for a file (raw captures, manifests, the claims
registry, the catalogue, reference tables), or ``<claim id>: ...`` / ``<dataset>: ...`` where no position applies.
"""

from __future__ import annotations


class FpcError(Exception):
    """Base class of every error fpclib raises on bad data or a bad request; ``str(error)`` is one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message.replace("\r", "\\r").replace("\n", "\\n"))


class SourceError(FpcError, ValueError):
    """Malformed or unexpected input: names the file, the 1-based line and column, and what was expected.

    Lines and columns count characters of the decoded, newline-normalised text (see :func:`fpclib.sources.decode`).
    ``str(error)`` is the one line the command line prints, ``FILE:LINE:COL: message`` (line breaks escaped).

    >>> str(SourceError("a.txt", 3, 7, "expected a key"))
    'a.txt:3:7: expected a key'
    """

    def __init__(self, file: str, line: int, column: int, message: str) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        super().__init__(f"{file}:{line}:{column}: {message}")

    @classmethod
    def at(cls, file: str, text: str, offset: int, message: str) -> SourceError:
        """Build the error for character ``offset`` of ``text``, computing its line and column.

        >>> str(SourceError.at("a.txt", "one\\ntwo", 5, "no"))
        'a.txt:2:2: no'
        """
        offset = max(0, min(offset, len(text)))
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return cls(file, line, column, message)


class AnomalyError(FpcError, ValueError):
    """Under ``load_corpus(strict=True)``: the corpus holds anomalies. ``str()`` is the first and their count;
    ``lines`` holds one line ``FILE:LINE:COL: pub_id: kind: message`` for each.

    >>> str(AnomalyError(("a.txt:1:2: wp-1: missing-note: no endnote [3]", "a.txt:3:1: wp-1: uncited-note: …")))
    'a.txt:1:2: wp-1: missing-note: no endnote [3] (1 more anomaly; see Corpus.anomalies)'
    """

    def __init__(self, lines: tuple[str, ...]) -> None:
        self.lines = lines
        more = len(lines) - 1
        tail = f" ({more} more anomal{'y' if more == 1 else 'ies'}; see Corpus.anomalies)" if more else ""
        super().__init__(f"{lines[0]}{tail}")


class UsageError(FpcError, ValueError):
    """A request that cannot be carried out as asked (not bad data): the command line exits with its usage code."""


class ExportError(UsageError):
    """An export target that may not be written or replaced (a file, the repository, the data, a foreign folder)."""


class RegistryError(FpcError, ValueError):
    """The claims registry is inconsistent: the message starts with the claim id (or ``FILE:LINE:COL``)."""


class ClaimError(RegistryError, LookupError):
    """Registered claims that cannot be located in the corpus (the message lists them, ``; ``-separated)."""


class ReferenceDataError(FpcError, ValueError):
    """A reference file is missing, altered or malformed. The message names the file and what was expected."""

    def __init__(self, file: object, message: str) -> None:
        self.file = str(file)
        self.message = message
        super().__init__(f"{file}: {message}")


class NotFoundError(FpcError, KeyError):
    """A name the data does not hold (a publication, report, country, edition or measure); says what it holds."""

    def __str__(self) -> str:
        return str(self.args[0])


class ReferenceLookupError(NotFoundError):
    """A country, edition or measure that a reference table does not hold."""
