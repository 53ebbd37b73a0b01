import sys

from tactful.cli import main

sys.exit(main())
