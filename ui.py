"""The chat page over the bundled reports: ``python ui.py [--host H] [--port P]`` (same as ``qa serve``).

The index over ./seeds is built on first run (with a progress bar) and reused after; the URL is
printed when the page is ready.
"""

import sys

from qa.cli import main

if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
