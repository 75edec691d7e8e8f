"""``python -m annotator``: the same as the ``annotator`` command."""

import sys

from annotator.cli import main

sys.exit(main())
