"""Store side of ``vigie import``: the source an imported file's mentions are linked to.

Each imported file is a row of ``sources`` of kind ``import`` (URL
``import:<absolute path>``, never polled: the daemon marks every source that
is not in the configuration inactive). With ``--brand`` its scope is kept in
its ``cursor`` column (``{"brands": [...], "assume": true}``), so that a later
re-check of the stored mentions against the brand rules
(:mod:`listener.rematch`) asks about them what the import asked: they are
about that brand whether or not they name it.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import sqlite_utils

from listener.store.db import utc_iso
from listener.store.tx import write_tx

__all__ = ["KIND", "import_source", "import_scopes"]

KIND = "import"


def import_source(db: sqlite_utils.Database, path: Path, *, brands: tuple[str, ...],
                  now: datetime) -> int:
    """The id of the source row for the file at ``path`` (created on first import)."""
    url = f"import:{path.resolve()}"
    scope = json.dumps({"brands": list(brands), "assume": True}) if brands else None
    with write_tx(db):
        row = db.execute("SELECT id FROM sources WHERE url = ?", [url]).fetchone()
        if row is not None:
            db.execute("UPDATE sources SET cursor = ? WHERE id = ?", [scope, row[0]])
            return int(row[0])
        cur = db.execute("INSERT INTO sources (url, kind, name, active, cursor, created_at)"
                         " VALUES (?, ?, ?, 0, ?, ?)",
                         [url, KIND, f"import: {path.name}", scope, utc_iso(now)])
        return int(cur.lastrowid)


def import_scopes(db: sqlite_utils.Database) -> dict[int, tuple[tuple[str, ...], bool]]:
    """Source id → (brands, assumed) of every import made with ``--brand``."""
    out: dict[int, tuple[tuple[str, ...], bool]] = {}
    for source_id, cursor in db.execute("SELECT id, cursor FROM sources WHERE kind = ?"
                                        " AND cursor IS NOT NULL", [KIND]).fetchall():
        try:
            scope = json.loads(cursor)
            out[int(source_id)] = (tuple(str(b) for b in scope["brands"]),
                                   bool(scope["assume"]))
        except (ValueError, TypeError, KeyError):
            continue
    return out
