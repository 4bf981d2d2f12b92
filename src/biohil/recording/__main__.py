"""python -m biohil.recording DIR: replay a recorded lab run against the simulator (conformance.py)."""

import sys

from biohil.recording.conformance import main

sys.exit(main())
