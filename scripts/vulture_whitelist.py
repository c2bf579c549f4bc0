"""Names vulture (`make deadcode`) cannot see used: read by the Jinja templates in
templates/, set for openpyxl, matplotlib or markdown-it, or required by a signature."""

# ruff: noqa
# Read by the templates (templates/*.j2, templates/sections/*.j2).
_.continued
_.cut_by_data
_.outside_rows
_.signal_findings
since_signing
previous_text
reference_text
pupils
reference_names
reference_latest
target_total
month_names
rhythms
multiples
has_reference
promised_surveys
promised_labels
has_suppressed
symbol
change_vs_last_year
_.overview
_.overview_reference
marked
signatory
forum
# The declared meaning of a promise file's field: its help, for people reading the table.
meaning
# Set for the libraries that read them.
_.default_factory
_.validateLink
_.alignment
_.print_title_rows
_.orientation
_.paperSize
_.fitToWidth
_.fitToHeight
_.fitToPage
_.creator
_.lastModifiedBy
_.external_attr
_.sheet_state
_.font
_.fill
_.freeze_panes
_.data_type
_.quotePrefix
# Parameters a signature must have.
trace
compress
