"""Refilling a list (the Quotes pane's quotes, whenever another speaker is highlighted) repaints
it in place: no relayout of the screen, one screen update with the moved cursor, and no more
options built than a screenful past the highlight."""

from __future__ import annotations

from test_tui import make_app, press
from textual import messages
from textual.app import App
from textual.widgets.option_list import Option

from briefing.tui.widgets import Options


class OneList(App[None]):
    CSS = "Options { height: 10; }"

    def compose(self):
        yield Options()

    def on_mount(self) -> None:
        self.query_one(Options).add_options([f"first {n}" for n in range(30)])


def layouts(seen: list):
    def hook(message) -> None:
        if isinstance(message, messages.Layout):
            seen.append(message)

    return hook


async def test_refilling_a_long_list_repaints_it_without_a_relayout():
    seen: list = []
    app = OneList()
    async with app.run_test(size=(40, 20), message_hook=layouts(seen)) as pilot:
        box = app.query_one(Options)
        box.highlighted = 20
        await pilot.pause()
        assert box.show_vertical_scrollbar and box.scroll_y > 0
        seen.clear()
        box.clear_options(refill=True)
        box.add_options([f"second {n}" for n in range(25)])
        await pilot.pause()
        assert not seen  # the scrollbar stayed: nothing moved on screen
        assert [str(o.prompt) for o in box.options][:2] == ["second 0", "second 1"]
        assert box.option_count == 25 and box.virtual_size.height == 25
        assert box.highlighted == 0 and box.scroll_y == 0 and box.show_vertical_scrollbar


async def test_a_refill_that_removes_the_scrollbar_still_relays_out():
    app = OneList()
    async with app.run_test(size=(40, 20)) as pilot:
        box = app.query_one(Options)
        await pilot.pause()
        with_scrollbar = box.scrollable_content_region.width
        box.clear_options(refill=True)
        box.add_options(["only", "two"])
        await pilot.pause()
        assert box.virtual_size.height == 2 and not box.show_vertical_scrollbar
        assert box.scrollable_content_region.width == with_scrollbar + box.styles.scrollbar_size_vertical
        box.clear_options()  # without refill: measured empty at once, as OptionList does
        assert box.option_count == 0 and box.virtual_size.height == 0


async def test_a_list_led_by_a_heading_builds_one_screenful_past_its_highlight():
    app = OneList()
    async with app.run_test(size=(40, 20)) as pilot:
        box = app.query_one(Options)
        await pilot.pause()
        built: list[int] = []

        def build(n: int) -> Option:
            built.append(n)
            return Option(f"entry {n}", disabled=n == 0)  # the first is a heading

        box.clear_options(refill=True)
        box.add_lazy(list(range(200)), build)
        screenful = box.size.height + 1
        assert box.highlighted == 1  # the first usable option
        assert built == list(range(screenful + 1))  # up to the highlight, and a screenful beyond it
        await press(pilot, "pagedown")
        assert box.option_count >= box.highlighted + screenful
        await press(pilot, "end")
        assert box.option_count == 200 and box.highlighted == 199


async def test_the_quotes_follow_the_speakers_cursor_at_once():
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await press(pilot, "3")
        table = app.query_one("#speakers")
        box = app.query_one("#speaker-quotes")
        assert box.border_title == "Quotes · Ana Berg"
        table.move_cursor(row=1)  # no message has been handled yet: the quotes are already there
        assert box.border_title == "Quotes · Lars Holm"
        assert "We were never asked" in str(box.get_option_at_index(0).prompt)
        await pilot.pause()
        await press(pilot, "s")  # a new sort keeps the speaker, wherever its row went
        assert box.border_title == "Quotes · Lars Holm"
        assert table.get_row_at(table.cursor_row)[1].plain == "Lars Holm"
        await press(pilot, "k", "j")
        assert box.border_title == "Quotes · Lars Holm"
