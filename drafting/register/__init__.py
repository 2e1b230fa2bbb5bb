"""The 发文登记簿 (outgoing-document register): 发文字号 without gaps or duplicates.

* :mod:`~drafting.register.numbers`: 发文字号 as values, parsed strictly (no database).
* :mod:`~drafting.register.location`: where the register lives (``--db``, ``DRAFTING_DB``, the
  default SQLite file), passwords masked in every message (no database).
* :mod:`~drafting.register.schema`: tables, schema version, migrations (SQLAlchemy Core).
* :mod:`~drafting.register.book`: :class:`~drafting.register.book.Register`: reserve, confirm,
  void, list, for SQLite and PostgreSQL alike.
* :mod:`~drafting.register.export`: the 发文登记簿 as CSV (UTF-8 with BOM) or .xlsx.
* :mod:`~drafting.register.stamp`: numbers for ``render --number`` and ``batch --number``.

Nothing here prints; SQLAlchemy is imported only by ``schema``, ``book`` and what uses them,
so that importing this package (or ``drafting --help``) stays light.
"""
