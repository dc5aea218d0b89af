"""Entry point of the PyInstaller bundle: the same `argmap` command line as the
installed script (no arguments or files open the app)."""

import sys

from argmap.cli import main

if __name__ == "__main__":
    sys.exit(main())
