"""The kinds of input: one module per kind of export the report reads.

- text.py: matching names typed by people (normalize_label, closest).
- base.py: what a kind is made of (Column, Header, Table, Kind) and header detection.
- cells.py: what every kind shares: cell converters (dates, numbers, percentages), the
  screen for error and merged cells, problems with cell references, and the column-wise
  parse machinery (each distinct value parsed once).
- screening.py: the scan for Swedish personal identity numbers in every sheet.
- activity.py, survey_long.py, survey_wide.py: one kind each, with its columns, aliases,
  header recognition and parser into a typed frame.
- registry.py: KINDS, the tuple every caller iterates over (header detection, `make check`,
  the Excel templates, the README's column tables via tests/test_docs.py).

This file imports nothing, so `report.kinds.text` can be used by modules the kinds import
themselves (the promise file) without an import circle. See registry.py for how to add a kind.
"""
