"""``python -m arabic_extract``: the ``arabic-extract`` command (:mod:`.cli`)."""
import sys

from .cli import main

sys.exit(main())
