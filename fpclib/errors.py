"""The one error that bad input raises, with the position a reader needs to find the problem."""

from __future__ import annotations


class SourceError(ValueError):
    """Malformed or unexpected input: names the file, the 1-based line and column, and what was expected.

    Lines and columns count characters of the decoded, newline-normalised text (see :func:`fpclib.sources.decode`).
    ``str(error)`` is the one line the command line prints, ``FILE:LINE:COL: message`` (line breaks escaped).
    """

    def __init__(self, file: str, line: int, column: int, message: str) -> None:
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        one_line = f"{file}:{line}:{column}: {message}"
        super().__init__(one_line.replace("\r", "\\r").replace("\n", "\\n"))

    @classmethod
    def at(cls, file: str, text: str, offset: int, message: str) -> SourceError:
        """Build the error for character ``offset`` of ``text``, computing its line and column."""
        offset = max(0, min(offset, len(text)))
        line = text.count("\n", 0, offset) + 1
        column = offset - (text.rfind("\n", 0, offset) + 1) + 1
        return cls(file, line, column, message)
