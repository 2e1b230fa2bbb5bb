"""The Jinja environment every template renders in: the immutable sandbox, under resource caps,
loading only regular files inside its template folders.

Jinja's sandbox stops a template from reaching Python's internals, but not from asking for
``10 ** 100000``, ``'a' * 2000000000``, ``'%999999999d' | format(1)`` or a loop of 10¹⁰ steps.
:class:`LimitedEnvironment` refuses each of these *before* the work is done, with a Chinese
message (:class:`TemplateLimitError`), under the caps of :mod:`drafting.limits`:

* integers: ``**`` and ``*`` of integers may not make more than ``MAX_TEMPLATE_INT_BITS`` bits;
* text and lists: ``*``, ``+``, ``~``, ``%``, ``str.format``, the filters and the string methods
  that build text (``center``, ``ljust``, ``replace``, ``join`` …) are sized first; no value may
  pass ``MAX_TEMPLATE_CHARS`` characters or ``MAX_DATA_NODES`` items (shared sub-lists counted
  each time they appear, as printing would), nor a width or precision ``MAX_TEMPLATE_WIDTH``;
* effort: one rendering may take ``MAX_TEMPLATE_STEPS`` steps (loop iterations, calls), build
  ``MAX_TEMPLATE_WORK`` characters in all, and last ``MAX_TEMPLATE_SECONDS``;
* ``range`` keeps Jinja's own cap (``MAX_RANGE``); recursion ends in Python's ``RecursionError``,
  which the caller reports.

One module per concern: :mod:`~drafting.drafts.sandbox.spending` (the budget of one
rendering), :mod:`~drafting.drafts.sandbox.sizes` (sizing values), the operators, string
methods and filters that build values (:mod:`~drafting.drafts.sandbox.operators`,
:mod:`~drafting.drafts.sandbox.methods`, :mod:`~drafting.drafts.sandbox.filter_guards`), the
environment that hooks them in (:mod:`~drafting.drafts.sandbox.environment`) and the loader
(:mod:`~drafting.drafts.sandbox.loader`).

:class:`ConfinedLoader` loads ``template.md.j2`` and whatever it includes, imports or extends
from the template folders only: the file, after following symlinks, must lie inside the folder
it was found in, be a regular file, be UTF-8, and be at most ``MAX_TEMPLATE_BYTES``.
"""

from drafting.drafts.sandbox.environment import LimitedEnvironment, LimitedNamespace
from drafting.drafts.sandbox.filter_guards import guard_filter
from drafting.drafts.sandbox.loader import (
    ConfinedLoader,
    TemplateRefused,
    confined,
    read_confined,
)
from drafting.drafts.sandbox.sizes import built, check_width, measure
from drafting.drafts.sandbox.spending import Budget, LimitedTemplate, TemplateLimitError, budget

__all__ = [
    "Budget",
    "ConfinedLoader",
    "LimitedEnvironment",
    "LimitedNamespace",
    "LimitedTemplate",
    "TemplateLimitError",
    "TemplateRefused",
    "budget",
    "built",
    "check_width",
    "confined",
    "guard_filter",
    "measure",
    "read_confined",
]
