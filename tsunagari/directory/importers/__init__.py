"""Seed imports for the directory: sourced CSV files → HSDS-shaped rows.

Each importer reads one file, validates every row, and writes inside one
transaction: a malformed row raises :class:`~.base.RowError` naming the file and
line, and nothing from that file is kept. Natural keys (names) make a second run
update rows instead of duplicating them.
"""
