import sys

from tactful.lsp import main

sys.exit(main())
