"""The queue list: a DataTable updated in place by row key.

Refreshes never ``clear()`` the table: rows that left the queue are removed,
changed rows are updated cell by cell, new rows are added and the table is
re-sorted by the queue order. The cursor stays on the same item, and when the
list is scrolled the visible rows stay where they were (new rows above the
viewport are counted in :attr:`QueueTable.new_above` instead of pushing the
view).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, tzinfo

from textual.coordinate import Coordinate
from textual.widgets import DataTable
from textual.widgets.data_table import Column

from listener.store.incidents import QueueRow
from listener.timezones import zone_label
from tui.language import translator_of
from tui.render import field_widths, header_line, row_line

__all__ = ["QueueTable", "signature"]

class QueueTable(DataTable[object]):
    """Rows of one queue, keyed by item key (``m12``, ``a3``, ``c7``)."""

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]
        self.rows_by_key: dict[str, QueueRow] = {}
        self.selected: set[str] = set()
        self.new_above = 0
        self.now_iso = ""
        self.widths: dict[str, int] = field_widths(80)
        self.queue: str | None = None

    def on_mount(self) -> None:
        """One column: each row is a pre-composed line (cheap to measure and paint)."""
        self.widths = field_widths(self.app.size.width - 2)
        self.add_column(header_line(self.widths, self.queue, time_label=self._zone_label(),
                                tr=translator_of(self)),
                        key="row",
                        width=sum(self.widths.values()) + len(self.widths) - 1)

    def fit_width(self, total: int) -> None:
        """Re-compose the rows for a table ``total`` cells wide."""
        widths = field_widths(total)
        if widths == self.widths or not self.columns:
            return
        self.widths = widths
        column = self._relabel()
        column.width = sum(widths.values()) + len(widths) - 1
        column.auto_width = False
        for row in self.rows_by_key.values():
            self.update_cell(row.key, "row", self._cell(row))
        self._require_update_dimensions = True
        self.refresh()

    # -- reading -----------------------------------------------------------------------------

    @property
    def cursor_key(self) -> str | None:
        """Key of the row under the cursor (None when empty)."""
        if not self.row_count:
            return None
        row = min(self.cursor_coordinate.row, self.row_count - 1)
        return str(self.coordinate_to_cell_key(Coordinate(row, 0)).row_key.value)

    @property
    def cursor_row_data(self) -> QueueRow | None:
        """The :class:`QueueRow` under the cursor."""
        key = self.cursor_key
        return self.rows_by_key.get(key) if key else None

    def key_at(self, index: int) -> str | None:
        """Key of the row at ``index`` (None out of range)."""
        if 0 <= index < self.row_count:
            return str(self.coordinate_to_cell_key(Coordinate(index, 0)).row_key.value)
        return None

    def targets(self) -> list[QueueRow]:
        """The selected rows, or the cursor row when nothing is selected."""
        if self.selected:
            return [self.rows_by_key[k] for k in sorted(self.selected) if k in self.rows_by_key]
        row = self.cursor_row_data
        return [row] if row else []

    # -- writing -----------------------------------------------------------------------------

    def _cell(self, row: QueueRow) -> object:
        return row_line(row, selected=row.key in self.selected, now_iso=self.now_iso,
                        widths=self.widths, zone=self._zone(), tr=translator_of(self))

    def _zone(self) -> tzinfo:
        """The app's display zone (UTC for an app that has none)."""
        return getattr(self.app, "zone", UTC)

    def _zone_label(self) -> str:
        return zone_label(self._zone())

    def _update_row(self, row: QueueRow) -> None:
        self.update_cell(row.key, "row", self._cell(row))
        self.rows_by_key[row.key] = row

    def toggle_selected(self) -> None:
        """Select or unselect the cursor row."""
        row = self.cursor_row_data
        if row is None:
            return
        self.selected.symmetric_difference_update({row.key})
        self._update_row(row)

    def clear_selection(self) -> None:
        """Unselect every row."""
        keys, self.selected = self.selected, set()
        for key in keys:
            if key in self.rows_by_key:
                self._update_row(self.rows_by_key[key])

    def set_queue(self, queue: str) -> None:
        """Name the fields as ``queue``'s rows use them (see :func:`header_line`)."""
        if queue == self.queue:
            return
        self.queue = queue
        if self.columns:
            self._relabel()
            self.refresh()

    def _relabel(self) -> Column:
        """The table's one column, its header set for the current widths and queue."""
        column = self.columns[next(iter(self.columns))]
        column.label = header_line(self.widths, self.queue, time_label=self._zone_label(),
                                tr=translator_of(self))
        return column

    def replace_all(self, rows: Sequence[QueueRow]) -> None:
        """Show another queue (or filter): the only place the table is cleared."""
        self.clear()
        self.rows_by_key.clear()
        self.selected.clear()
        self.new_above = 0
        for row in rows:
            self.add_row(self._cell(row), key=row.key)
            self.rows_by_key[row.key] = row
        if rows:
            self.move_cursor(row=0, scroll=False)

    def append(self, rows: Sequence[QueueRow]) -> int:
        """Add a further page (older rows) at the bottom; returns how many were new."""
        added = 0
        for row in rows:
            if row.key not in self.rows_by_key:
                self.add_row(self._cell(row), key=row.key)
                self.rows_by_key[row.key] = row
                added += 1
        return added

    def update_rows(self, rows: Sequence[QueueRow]) -> None:
        """Update rows already shown (their state changed); unknown keys are ignored."""
        for row in rows:
            if row.key in self.rows_by_key:
                self._update_row(row)

    def remove_keys(self, keys: Sequence[str]) -> None:
        """Remove rows (they left the queue); the cursor stays at the same index."""
        index = self.cursor_coordinate.row
        for key in keys:
            if key in self.rows_by_key:
                self.remove_row(key)
                del self.rows_by_key[key]
                self.selected.discard(key)
        if self.row_count:
            self.move_cursor(row=min(index, self.row_count - 1), scroll=False)

    def merge(self, fresh: Sequence[QueueRow]) -> int:
        """Make the table show ``fresh`` (the queue's first rows, in order) in place.

        Returns the number of rows added. Keeps the cursor on its item and,
        when scrolled, the top visible item at the top.
        """
        cursor_key = self.cursor_key
        cursor_index = self.cursor_coordinate.row
        top_index = int(self.scroll_y)
        anchor = self.key_at(top_index) if top_index > 0 else None
        fresh_keys = {r.key for r in fresh}
        gone = [k for k in self.rows_by_key if k not in fresh_keys]
        added = 0
        for key in gone:
            self.remove_row(key)
            del self.rows_by_key[key]
            self.selected.discard(key)
        for row in fresh:
            old = self.rows_by_key.get(row.key)
            if old is None:
                self.add_row(self._cell(row), key=row.key)
                self.rows_by_key[row.key] = row
                added += 1
            elif signature(old) != signature(row):
                self._update_row(row)
            else:
                self.rows_by_key[row.key] = row
        if not added and not gone:
            return 0
        self.sort("row", key=lambda cell: cell.order, reverse=True)
        if not self.row_count:
            return added
        if cursor_key in self.rows_by_key:
            new_index = self.get_row_index(cursor_key)
        else:
            new_index = min(cursor_index, self.row_count - 1)
        if anchor is not None and anchor in self.rows_by_key:
            shift = self.get_row_index(anchor) - top_index
            if shift:
                self.new_above += max(0, shift)
                target = self.scroll_y + shift
                self.call_after_refresh(self.scroll_to, y=target, animate=False)
        if new_index != self.cursor_coordinate.row:
            self.call_after_refresh(self.move_cursor, row=new_index, scroll=False)
        return added


def signature(row: QueueRow) -> tuple[object, ...]:
    """What a row shows; equal signatures need no repaint."""
    return (row.state, row.label, row.at, row.brand, row.title, row.urgency,
            tuple(sorted((k, str(v)) for k, v in row.extra.items())))

