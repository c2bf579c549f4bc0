"""Stage 3, the model: every number, status and sentence of the report, computed from the
promise and the typed tables into frozen dataclasses (report.py: ReportModel and
build_model). Pure: no files, no charts, no templates.

- period.py, status.py: the promise's time and what a count means against its target.
- indicators.py, significance.py: the surveys' series and their tests.
- event_outcomes.py, statistics_outcomes.py: outcomes from event logs and statistics.
- overview.py, whole_period.py, gaps.py: the overview table, the whole promise period, and
  what the data lack.
"""
