"""The book's rendering: offline charts, escaped HTML and chapter sections. Needs the ``book`` extra (altair);
nothing in the core imports it."""
