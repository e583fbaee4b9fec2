"""``python -m lexikon.cli``."""

import sys

from lexikon.cli.main import main

sys.exit(main())
