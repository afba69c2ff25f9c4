"""`python -m citegloss` runs the command line."""

from citegloss.cli import main

raise SystemExit(main())
