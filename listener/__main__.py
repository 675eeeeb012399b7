"""``python -m listener`` runs the ``vigie`` command line."""

from listener.cli import main

raise SystemExit(main())
