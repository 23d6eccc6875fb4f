"""`python -m copilot` runs the same command line as the `copilot` script."""

import sys

from copilot.cli import main

if __name__ == "__main__":
    sys.exit(main())
