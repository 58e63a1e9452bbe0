"""`python -m ztflm` is the `ztflm` command."""
import sys

from .cli import main

sys.exit(main())
