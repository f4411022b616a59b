"""The list widgets every pane uses, with vim keys added (j/k, g/G, ctrl+d/u, h/l)."""

from __future__ import annotations

from textual.binding import Binding
from textual.geometry import Size
from textual.reactive import Reactive
from textual.widgets import DataTable, OptionList, SelectionList

VIM_LIST_KEYS = [
    Binding("j", "cursor_down", "Down", show=False),
    Binding("k", "cursor_up", "Up", show=False),
    Binding("ctrl+d", "page_down", "Page down", show=False),
    Binding("ctrl+u", "page_up", "Page up", show=False),
]


def lines(text: str, width: int) -> int:
    """How many lines `text` wraps to at `width`: row heights given, not measured by rendering
    every cell (DataTable's height=None costs about 10 ms a row)."""
    from rich._wrap import divide_line

    return len(divide_line(text, max(1, width), fold=True)) + 1


_UNBUILT: dict = {}  # the cells of a lazy row not drawn yet (shared, never written to)


def cell_width(plain: str) -> int:
    """What a table measures for a cell of this text: its longest line, in terminal cells."""
    if plain.isascii() and plain.isprintable():
        return len(plain)
    from rich.cells import cell_len

    return max(map(cell_len, plain.splitlines()), default=0)  # as Text.__rich_measure__


def same_size_again(widget, event) -> bool:
    """True for a resize that changes nothing drawn: to size zero (the pane is being hidden) or
    back to the size the widget had before. DataTable and OptionList drop their caches on every
    resize, so hiding a pane and showing it again re-measured every row or option in it."""
    size = event.size
    if not size.width or not size.height:
        return True
    same = size == widget._drawn_size
    widget._drawn_size = size
    return same


def safe_width(value: str) -> int:
    """The width of `text.safe(value)` in a table cell, without making the Text."""
    if value.isascii() and value.isprintable():
        return len(value)
    from briefing.tui.text import safe

    return cell_width(safe(value).plain)


class Table(DataTable):
    """A DataTable with vim keys (`h`/`l` as left/right)."""

    BINDINGS = [
        *VIM_LIST_KEYS,
        Binding("h", "cursor_left", "Left", show=False),
        Binding("l", "cursor_right", "Right", show=False),
        Binding("g", "scroll_top", "Top", show=False),
        Binding("G", "scroll_bottom", "Bottom", show=False),
    ]

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("cursor_type", "row")
        kwargs.setdefault("zebra_stripes", False)
        super().__init__(**kwargs)
        self._make_row = None
        self._drawn_size = None

    def _on_resize(self, event) -> None:
        if same_size_again(self, event):
            event.prevent_default()  # DataTable's own handler would drop every cached row layout

    def add_rows_fast(self, rows, heights=None, keys=None) -> None:
        """Add many rows of `Text`/`str` cells, like `add_rows` but about 20x cheaper.

        `add_row` sets the cursor (a reactive) per row and the table then measures every cell by
        rendering it: 2 s per 10,000 rows. Here the rows go straight into the table's structures
        (DataTable internals, which is why textual is pinned) and each auto-width column is widened
        to its longest line measured on the plain text, which is what `measure` gives for a `Text`.
        """
        from textual.widgets._data_table import Row, RowKey

        columns = self.ordered_columns
        data, rows_by_key, locations = self._data, self.rows, self._row_locations
        widths = [0] * len(columns)
        first = self.row_count
        index = first
        for n, cells in enumerate(rows):
            row_key = RowKey(keys[n] if keys is not None else None)
            if row_key in locations:
                from textual.widgets.data_table import DuplicateKey

                raise DuplicateKey(f"The row key {row_key!r} already exists.")
            locations[row_key] = index
            data[row_key] = {column.key: cell for column, cell in zip(columns, cells)}
            for i, cell in enumerate(cells):
                width = cell_width(cell if isinstance(cell, str) else cell.plain)
                if width > widths[i]:
                    widths[i] = width
            rows_by_key[row_key] = Row(row_key, heights[n] if heights is not None else 1, None, False)
            index += 1
        self._finish_rows(first, index - first, widths)

    def add_lazy_rows(self, count: int, make, widths: list[int]) -> None:
        """`count` one-line rows whose cells `make(index)` builds when the row is first drawn or
        read, so a list of 10,000 sources costs a few ms a thousand rows to fill, whatever is in it.

        `widths` are the columns' content widths (the longest cell of each, as `cell_width` counts
        it), which a table would otherwise measure from every cell; fixed-width columns ignore theirs.
        """
        from textual.widgets._data_table import Row, RowKey

        first = self.row_count
        data, rows_by_key, locations = self._data, self.rows, self._row_locations
        for index in range(first, first + count):
            row_key = RowKey()
            locations[row_key] = index
            data[row_key] = _UNBUILT
            rows_by_key[row_key] = Row(row_key, 1, None, False)
        self._make_row = make
        self._finish_rows(first, count, widths)

    def _materialise(self, row_key) -> None:
        if self._data.get(row_key) is _UNBUILT:
            cells = self._make_row(self._row_locations.get(row_key))
            self._data[row_key] = {column.key: cell for column, cell in zip(self.ordered_columns, cells)}

    def _compute_row_renderables(self, row_index: int):
        if row_index >= 0 and (row_key := self._row_locations.get_key(row_index)) is not None:
            self._materialise(row_key)
        return super()._compute_row_renderables(row_index)

    def get_row(self, row_key):
        self._materialise(row_key)
        return super().get_row(row_key)

    def get_cell(self, row_key, column_key):
        self._materialise(row_key)
        return super().get_cell(row_key, column_key)

    def _finish_rows(self, first: int, count: int, widths: list[int]) -> None:
        if not count:
            return
        for column, width in zip(self.ordered_columns, widths):
            column.content_width = max(column.content_width, width)
        self._require_update_dimensions = True
        self._update_count += 1
        self.cursor_coordinate = self.cursor_coordinate
        if first == 0 and self.columns and self.show_cursor and self.cursor_type != "none":
            self._highlight_cursor()  # as add_row does when the first row makes a cell available
        self.check_idle()

    def refilled(self, cursor) -> None:
        """Put the cursor back where it was before a refill (rebuilt for a new width or sort)."""
        if self.row_count:
            self.move_cursor(row=min(cursor.row, self.row_count - 1), column=cursor.column, animate=False)


class Lazy:
    """For OptionList kinds: `add_lazy` adds options that are built only when about to be seen.
    An OptionList renders and measures every option it holds (about 1 ms each), so a list of 500
    would cost half a second to show. Built are a screenful, then always a screenful past the
    highlight and past the bottom of the view (a screenful at a time), and all of them for End.
    """

    def _lazy_init(self) -> None:
        self._pending: list = []  # entries not built yet, in order
        self._next = 0
        self._build = None
        self._tail = None
        self._min_height = 1  # lines the smallest option takes: how many fill a screen
        self._drawn_size = None

    def _on_resize(self, event) -> None:
        if same_size_again(self, event):
            event.prevent_default()  # OptionList's own handler would drop every option's measure

    def clear_options(self, refill: bool = False):
        """`refill=True` when options are added straight after: the list is not measured while
        empty, so its scrollbar does not go and come back, which relaid out the whole screen
        (twice) and painted it once more for every refill of a long list."""
        self._pending, self._next, self._build, self._tail = [], 0, None, None
        if not refill:
            return super().clear_options()
        # OptionList.clear_options without its closing _update_lines (as set_options does it)
        self._options.clear()
        self._line_cache.clear()
        self._option_render_cache.clear()
        self._id_to_option.clear()
        self._option_to_index.clear()
        self.highlighted = None
        self.refresh()
        self.scroll_y = 0
        return self

    def add_lazy(self, entries: list, build, tail=None, min_height: int = 1) -> None:
        """Options for `entries`, each made by `build(entry)` (called in order) when first needed;
        `tail` goes last once every entry is built. Each option takes `min_height` lines or more."""
        self._pending, self._next, self._build, self._tail = entries, 0, build, tail
        self._min_height = max(1, min_height)
        self._more(self._screenful())

    @property
    def unbuilt(self) -> list:
        """The entries not built yet."""
        return self._pending[self._next :]

    def _screenful(self) -> int:
        """Options enough to fill the view (the screen's height while the list is hidden)."""
        return (self.size.height or self.screen.size.height) // self._min_height + 1

    def _more(self, count: int) -> None:
        if self._build is None:
            return
        batch = self._pending[self._next : self._next + count]
        self._next += len(batch)
        options = [self._build(entry) for entry in batch]
        if self._next >= len(self._pending):
            if self._tail is not None:
                options.append(self._tail)
            self._pending, self._next, self._build, self._tail = [], 0, None, None
        if options:
            self.add_options(options)

    def ensure(self, index: int) -> None:
        """Build the options up to `index` and a screenful (of one-line options) beyond, so that
        neither a page key nor a restored highlight meets the end of what is built. Only those:
        a list whose first option is a heading had a second screenful built (and measured) the
        moment it was filled and highlighted its first usable option."""
        ahead = self._screenful()
        if self._build is not None and index + ahead > self.option_count:
            self._more(index + ahead - self.option_count)

    def watch_highlighted(self, highlighted: int | None) -> None:
        if highlighted is not None:
            self.ensure(highlighted)
        super().watch_highlighted(highlighted)

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if self._build is not None and new_value + 2 * self.size.height >= self.virtual_size.height:
            self._more(self._screenful())

    def action_last(self) -> None:
        self._more(len(self.unbuilt))
        super().action_last()


class Picks(Lazy, SelectionList):
    """A SelectionList with vim keys, built lazily (see Lazy) when given entries by `add_lazy`."""

    BINDINGS = [*VIM_LIST_KEYS, Binding("g", "first", "First", show=False), Binding("G", "last", "Last", show=False)]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lazy_init()


class Options(Lazy, OptionList):
    """An OptionList with vim keys; `h`/`l` move to the previous/next region; see Lazy."""

    BINDINGS = [
        *VIM_LIST_KEYS,
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("h", "app.focus_previous", "Previous region", show=False),
        Binding("l", "app.focus_next", "Next region", show=False),
    ]

    # How many lines the options take (what the list scrolls over) does not move a list of a set
    # height on screen; Textual relaid out the screen on every change of it all the same, so each
    # refill of a list (a new speaker's quotes) was painted twice. A scrollbar that comes or goes
    # still relays out (show_vertical_scrollbar does), and so does a list of height auto.
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._lazy_init()

    def watch_virtual_size(self) -> None:
        if self.styles.auto_dimensions:
            self.refresh(layout=True)

    def add_options(self, items):
        """Adding options also highlights the first usable one, so Enter works straight away."""
        result = super().add_options(items)
        if self.highlighted is None:
            for index, option in enumerate(self.options):
                if not option.disabled:
                    self.highlighted = index
                    break
        return result
