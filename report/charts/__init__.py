"""Stage 4, the charts: model parts -> SVG (matplotlib), with their alternative texts.

catalogue.py lists every chart of the report; svg.py is what all charts share (figures,
style, SVG text); activities.py, surveys.py and outcomes.py draw; layout.py and
survey_data.py decide what a chart shows and how it splits, without drawing. A new chart
is a module here and a line in catalogue.py.
"""
