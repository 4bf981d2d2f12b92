import sys

from biohil.simulator.cli import main

sys.exit(main())
