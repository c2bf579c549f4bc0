"""Stage 6, the application: the command line (cli.py), `make check` (check.py), several
promises at once (batch.py), the pipeline that ties the stages together (pipeline.py), the
progress lines (feedback.py) and the worker processes (workers.py).
"""
