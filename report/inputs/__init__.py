"""Stage 2, the inputs: finding the files in an inputs folder, reading the promise file,
the spreadsheets and CSV files as raw sheets, recognising each sheet's kind of input by its
header row and parsing it into typed tables, with every problem named by file, sheet, row
and column.

- folder.py: what an inputs folder holds (one listing per run).
- promise_file.py: the promise file's bytes, encoding and TOML syntax (its content is
  checked by report/promise/).
- workbook.py, container.py, csv_file.py, sheets.py: files -> raw sheets (the only code
  that opens a workbook).
- kinds/: one module per kind of input (its columns, header, parser, table, Excel
  template); kinds/registry.py lists them. A new kind of input goes there.
- validate.py: raw sheets -> the Dataset (dataset.py), every problem collected.
- checks.py: implausible counts, formulas without values, two columns meaning one thing.
"""
