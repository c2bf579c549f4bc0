"""Stage 1, the promise: what a promise file says, as frozen data (types.py), and the check
of its content (parse.py, with fields.py, outcomes.py and toml_text.py for the lines of
keys). Pure: reading the file itself is report/inputs/promise_file.py's.
"""
