"""``python -m rustbone_kit.cli``: the ``rustbone-kit`` command without the console script."""

import sys

from . import main

sys.exit(main())
