import sys

if sys.version_info < (3, 11):  # noqa: UP036 (the message is for an older Python)
    sys.stderr.write(
        "Verktyget behöver Python 3.11 eller senare, men det här är Python "
        f"{sys.version_info[0]}.{sys.version_info[1]}. Installera en nyare Python (på "
        "Ubuntu/WSL: sudo apt install python3 python3-venv), ta bort mappen .venv och kör "
        "kommandot igen.\n"
    )
    sys.exit(2)

from report.app.cli import main

sys.exit(main())
