"""The report's sections, one module each: their headings and their views (the numbers and
sentences a section shows, built before rendering). report/output/outline.py lists them."""
