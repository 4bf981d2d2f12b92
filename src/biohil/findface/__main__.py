import sys

from biohil.findface.simulator import main

sys.exit(main())
