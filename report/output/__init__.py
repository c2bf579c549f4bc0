"""Stage 5, the outputs: the model and its charts written as the report (HTML through the
Jinja templates in templates/, the PDF through WeasyPrint), the underlag workbook, the CSV
attachments, and the analyst's Excel templates and commentary starter.

A new output is a module here and a line in the list of outputs; files are written
atomically by files.py.
"""
