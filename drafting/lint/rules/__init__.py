"""Every rule module; importing this package registers the whole catalogue.

One module per family keeps related rules together; each rule is one class with its explain
page beside it. Add a new module to the import list below.
"""

from drafting.lint.rules import (  # noqa: F401
    damage,
    dates,
    diction,
    docparts,
    enumerators,
    form,
    headings,
    layout,
    numbers,
    openings,
    punctuation,
    quotes,
    residue,
    script,
    sentences,
    shape,
    tallies,
    thesis,
    typos_context,
    wording,
)
