"""The app shell: paints at once, analyses in a thread, then hands the Analysis to the panes.

It owns only what spans panes: switching panes, the drill-down into the Reader and the back
stack, search, help and the command palette. Each pane fills itself the first time it is shown.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.widgets import ProgressBar, Static

from briefing.tui.keybar import KeyBar
from briefing.tui.text import clean, safe

if TYPE_CHECKING:  # the model is imported by the worker, after the first paint
    from briefing.model import Analysis, Evidence, Story

PANES = [
    ("summary", "Summary"),
    ("compare", "Compare"),
    ("quotes", "Quotes"),
    ("countries", "Countries"),
    ("timeline", "Timeline"),
    ("reader", "Reader"),
    ("brief", "Brief"),
]
BACK_STACK_LIMIT = 100


def _commands_provider():
    from briefing.tui.commands import BriefingCommands

    return BriefingCommands


class Loading(Vertical):
    """Shown while the analysis runs: the first paint, before any pane exists."""

    def __init__(self, story: Story | None, path: Path) -> None:
        super().__init__(id="loading")
        self.story = story
        self.path = path

    def compose(self) -> ComposeResult:
        if self.story is None:
            yield Static(safe(self.path.name or str(self.path), "bold"), id="loading-title", markup=False)
            yield Static("Reading the articles…", id="loading-label", markup=False)
            yield ProgressBar(total=None, show_eta=False, id="loading-bar")
        else:
            yield Static(safe(self.story.title or self.story.path.name, "bold"), id="loading-title", markup=False)
            yield Static(f"Analysing {len(self.story.articles)} articles…", id="loading-label", markup=False)
            yield ProgressBar(total=len(self.story.articles) or 1, show_eta=False, id="loading-bar")


def _pane_tabs():
    from textual.widgets import TabbedContent

    class PaneTabs(TabbedContent):
        def _on_tab_pane_focused(self, event) -> None:
            """TabbedContent shows a pane when a widget in it gets focus. Here every move to a pane
            shows it first (action_show_pane), and the report comes as a message, so it can only be
            late: a key pressed while the panes appear switched, then the Summary's first focus
            arrived and pulled the app back to the Summary."""
            event.stop()
            event.prevent_default()  # TabbedContent's own handler runs next otherwise

    return PaneTabs


class Panes(Container):
    """The tabbed panes; built after the analysis so the first paint does not wait for them."""

    def on_mount(self) -> None:
        # The analysis (millions of objects at 10,000 articles) and the app live as long as each
        # other. Left to the cyclic GC, every full collection (which filling a pane's rows or
        # switching panes triggers) walks them all: 100 ms pauses on a keypress with 5 articles,
        # up to 500 ms with 10,000. Frozen, collections see only what was made since.
        import gc

        gc.collect(1)
        gc.freeze()

    def on_unmount(self) -> None:
        import gc

        gc.unfreeze()  # collectable again once the app is gone (tests run many apps in one process)


    def compose(self) -> ComposeResult:
        from textual.widgets import TabPane

        from briefing.tui.compare import ComparePane
        from briefing.tui.countries import CountriesPane
        from briefing.tui.pins import BriefPane
        from briefing.tui.quotes import QuotesPane
        from briefing.tui.reader import ReaderPane
        from briefing.tui.summary import SummaryPane
        from briefing.tui.timeline import TimelinePane

        PaneTabs = _pane_tabs()
        classes = [SummaryPane, ComparePane, QuotesPane, CountriesPane, TimelinePane, ReaderPane, BriefPane]
        with PaneTabs(initial="summary", id="tabs"):
            for n, ((name, title), cls) in enumerate(zip(PANES, classes), 1):
                with TabPane(f"{n} {title}", id=name):
                    yield cls(id=f"{name}-pane")


class BriefingApp(App[None]):
    CSS_PATH = "briefing.tcss"
    COMMANDS = App.COMMANDS | {_commands_provider}
    TITLE = "briefing"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        *(Binding(str(n), f"show_pane('{name}')", title, show=False) for n, (name, title) in enumerate(PANES, 1)),
        Binding("slash", "search", "Search"),
        Binding("p", "pin", "Pin"),
        Binding("escape,backspace", "back", "Back"),
        Binding("question_mark", "help", "Keys"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self,
        story: Story | str | os.PathLike[str],
        analysis: Analysis | None = None,
        *,
        analyse: Callable[..., Analysis] | None = None,
        theme: str | None = None,
        cursor_blink: bool = True,
    ) -> None:
        """`analysis` ready-made (tests, screenshots) or computed by `analyse(story, progress=)` in a thread.

        `story` may also be a path: then loading it happens in the thread too, after the first paint.
        """
        super().__init__()
        is_path = isinstance(story, (str, os.PathLike))
        self.story: Story | None = (analysis.story if analysis else None) if is_path else story
        self.story_path = Path(story) if is_path else story.path
        self.analysis = analysis
        self.analyse = analyse
        self.cursor_blink_default = cursor_blink
        self.back_stack: list = []
        self.filled: set[str] = set()
        self._brief = None
        self._palette: tuple | None = None
        if "TEXTUAL_ANIMATIONS" not in os.environ:
            self.animation_level = "none"  # over SSH an animation is only more frames to wait for
        if theme:
            self.theme = theme

    # -- start-up ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        if self.analysis is None:
            yield Loading(self.story, self.story_path)
        else:
            yield Panes()
        yield KeyBar(id="keys")

    def on_mount(self) -> None:
        if self.story is not None:
            self._problems()
        if self.analysis is None:
            self._analyse()
        else:
            self.call_after_refresh(self._start)

    def _problems(self) -> None:
        assert self.story is not None
        if self.story.problems:
            n = len(self.story.problems)
            self.notify("\n".join(clean(str(p)).replace("\n", " ") for p in self.story.problems[:5]), title=f"{n} input problem{'s' * (n != 1)}", severity="warning", markup=False)

    def _loaded(self, story: Story) -> None:
        self.story = story
        self.query_one("#loading-title", Static).update(safe(story.title or story.path.name, "bold"))
        self._progress(0, len(story.articles))
        self._problems()

    @work(thread=True, exclusive=True, group="analysis")
    def _analyse(self) -> None:
        if self.story is None:
            from briefing.analysis.pipeline import prestart  # a big story's workers warm up meanwhile
            from briefing.cache import load_story  # served from the cache while no file changed
            from briefing.loader import StoryError

            try:
                story = load_story(self.story_path, on_miss=prestart)
            except StoryError as exc:
                self.call_from_thread(self._failed, exc, "The story cannot be opened")
                return
            self.call_from_thread(self._loaded, story)
        if self.analyse is None:
            from briefing.analysis import analyse
        else:
            analyse = self.analyse
        last = [-1]
        shown: list[Analysis] = []

        def progress(done: int, total: int) -> None:
            step = done * 100 // max(1, total)
            if step != last[0]:
                last[0] = step
                self.call_from_thread(self._progress, done, total)

        def stage(step: str, k: int, n: int) -> None:  # the cross-source steps (a while, on a big story)
            self.call_from_thread(self._stage, step, k, n)

        def ready(analysis: Analysis) -> None:  # shown as soon as complete; the cache is written after
            shown.append(analysis)
            self.call_from_thread(self._analysis_ready, analysis)

        try:
            analysis = analyse(self.story, progress=progress, stage=stage, ready=ready)  # type: ignore[arg-type]
        except Exception as exc:  # noqa: BLE001 - shown to the user, the app stays open
            if not shown:  # (a failure once the analysis is shown can only be the cache's, and is not the user's concern)
                self.call_from_thread(self._failed, exc)
            return
        if not shown:
            self.call_from_thread(self._analysis_ready, analysis)

    def _progress(self, done: int, total: int) -> None:
        self.query_one("#loading-bar", ProgressBar).update(total=total, progress=done)
        what = f"Analysing {done}/{total} articles…" if done < total or not done else f"Comparing {total} articles across sources…"
        self.query_one("#loading-label", Static).update(what)

    def _stage(self, step: str, k: int, n: int) -> None:
        total = len(self.story.articles) if self.story is not None else 0
        self.query_one("#loading-label", Static).update(f"Comparing {total} articles across sources: {step} ({k}/{n})…")

    def _failed(self, exc: Exception, what: str = "The analysis failed") -> None:
        message = str(exc) if what != "The analysis failed" else f"{type(exc).__name__}: {exc}"
        self.query_one("#loading-label", Static).update(safe(f"{what}: {message}"))
        self.query_one("#loading-bar", ProgressBar).display = False

    async def _analysis_ready(self, analysis: Analysis) -> None:
        self.analysis = analysis
        await self.query_one(Loading).remove()
        await self.mount(Panes(), before=self.query_one(KeyBar))
        self._start()

    def _start(self) -> None:
        self._ensure("summary")
        if self.focused is None and self.active_pane == "summary":  # unless a key already moved on
            self.pane("summary").focus_default()

    # -- panes -------------------------------------------------------------------------------

    def pane(self, name: str):
        return self.query_one(f"#{name}-pane")

    @property
    def active_pane(self) -> str:
        from textual.widgets import TabbedContent

        return self.query_one("#tabs", TabbedContent).active

    def _ensure(self, name: str) -> None:
        """Fill a pane on first show: hidden panes cost nothing until looked at."""
        if name not in self.filled and self.analysis is not None:
            self.filled.add(name)
            self.pane(name).fill(self.analysis)
            import gc  # what the pane made lives as long as the app: out of the GC's walks too

            self.call_after_refresh(gc.freeze)

    def action_show_pane(self, name: str, focus: bool = True) -> None:
        if self.analysis is None:
            return
        from textual.widgets import TabbedContent

        self._ensure(name)
        self.query_one("#tabs", TabbedContent).active = name
        if focus:
            self.pane(name).focus_default()

    def on_tabbed_content_tab_activated(self, event) -> None:
        name = event.pane.id
        if not self.query(f"#{name}-pane"):  # the app is closing
            return
        self._ensure(name)
        pane = self.pane(name)
        if self.focused is None or pane not in self.focused.ancestors_with_self:
            pane.focus_default()

    # -- drill-down and back -----------------------------------------------------------------

    def push_location(self) -> None:
        from briefing.tui.nav import capture

        name = self.active_pane
        self.back_stack.append(capture(name, self.pane(name), self.focused))
        del self.back_stack[:-BACK_STACK_LIMIT]

    def open_reader(self, targets: list[Evidence], source: str | None = None, index: int = 0) -> None:
        """Remember where we are, then show the Reader on the targets (or just the source)."""
        if not targets and source is None:
            self.notify("No source span is recorded for this item.", timeout=3)
            return
        self.push_location()
        self.action_show_pane("reader", focus=False)
        reader = self.pane("reader")
        if targets:
            reader.open_targets(targets, index)
        else:
            reader.open(source, targets=[])
        reader.focus_default()

    def on_drill_down(self, message) -> None:
        message.stop()
        self.open_reader(message.targets, message.source)

    def action_back(self) -> None:
        if not self.back_stack:
            self.notify("Nothing to go back to.", timeout=2)
            return
        from briefing.tui.nav import restore

        loc = self.back_stack.pop()
        self.action_show_pane(loc.pane, focus=False)
        if loc.focus is not None and loc.focus.is_attached:
            loc.focus.focus(scroll_visible=False)  # now, so the Reader's pending focus cannot win
        self.call_after_refresh(restore, loc)

    # -- the brief (pins) -------------------------------------------------------------------

    @property
    def brief(self):
        """The story's brief, opened on first use (its problems shown once)."""
        if self._brief is None:
            from briefing.brief import Brief

            self._brief = Brief.open(self.story_path)
            self._brief_problems()
        return self._brief

    def _brief_problems(self) -> None:
        if self._brief is not None and self._brief.problems:
            self.notify("\n".join(clean(p).replace("\n", " ") for p in self._brief.problems), title="Brief", severity="warning", markup=False, timeout=8)
            self._brief.problems.clear()

    def save_brief(self) -> None:
        self.brief.save()
        self._brief_problems()

    def action_pin(self) -> None:
        if self.analysis is None:
            return
        pane = self.pane(self.active_pane)
        pinned = pane.selected_pin() if hasattr(pane, "selected_pin") else None
        if pinned is None:
            self.notify("Nothing here to pin: select a quote, claim, country, discrepancy or event.", timeout=3)
            return
        from briefing.tui.pins import NoteScreen

        def noted(note: str | None) -> None:
            if note is None:
                return
            pinned.note = note
            self.brief.add(pinned)
            self.save_brief()
            if "brief" in self.filled:
                self.pane("brief").refresh_pins()
            self.notify(f"Pinned ({len(self.brief.pins)} in the brief; key 7 shows it)", timeout=3)

        self.push_screen(NoteScreen(f"{pinned.kind}: {pinned.label} — {pinned.text}"), noted)

    def action_export_brief(self) -> None:
        from briefing.brief import atomic_write, to_markdown

        target = self.brief.path.with_name("brief.md")
        try:
            atomic_write(target, to_markdown(self.brief, self.analysis).encode("utf-8"))
        except OSError as exc:
            self.notify(f"Cannot write {target}: {exc.strerror or exc}", severity="error", markup=False)
            return
        self.notify(f"Brief written to {target}", timeout=6, markup=False)

    # -- search, help, palette ---------------------------------------------------------------

    def action_search(self) -> None:
        if self.story is None:
            return
        from briefing.tui.search import SearchScreen

        def chosen(result: tuple[list[Evidence], int] | None) -> None:
            if result is not None:  # after the main screen has resumed and restored its own focus
                hits, index = result
                self.call_after_refresh(self.open_reader, hits, None, index)

        self.push_screen(SearchScreen(self.story), chosen)

    def action_help(self) -> None:
        from briefing.tui.compare import ComparePane, SourcePicker
        from briefing.tui.countries import CountriesPane
        from briefing.tui.help import HelpScreen
        from briefing.tui.pins import BriefPane
        from briefing.tui.quotes import QuotesPane
        from briefing.tui.reader import ReaderPane
        from briefing.tui.reader_view import ReaderView
        from briefing.tui.search import SearchScreen
        from briefing.tui.widgets import Options, Table

        self.push_screen(
            HelpScreen(
                [
                    ("Everywhere", self.BINDINGS),
                    ("Lists", Options.BINDINGS),
                    ("Tables", Table.BINDINGS),
                    ("Compare", ComparePane.BINDINGS),
                    ("Choose sources", SourcePicker.BINDINGS),
                    ("Quotes", QuotesPane.BINDINGS),
                    ("Countries", CountriesPane.BINDINGS),
                    ("Reader", ReaderPane.BINDINGS + ReaderView.BINDINGS),
                    ("Brief", BriefPane.BINDINGS),
                    ("Search", SearchScreen.BINDINGS),
                ]
            )
        )

    def palette_commands(self) -> list[tuple[str, str, Callable[[], object], bool, str]]:
        """briefing_commands, made once (10,000 sources make 10,000 titles), each with its title
        in lower case for the palette's search."""
        if self._palette is None or self._palette[0] is not self.analysis:
            self._palette = (self.analysis, [(*command, command[0].lower()) for command in self.briefing_commands()])
        return self._palette[1]

    def briefing_commands(self) -> Iterator[tuple[str, str, Callable[[], object], bool]]:
        """(title, help, callback, shown before typing) for the palette; see commands.py."""
        from briefing.tui.commands import title

        if self.analysis is None:
            return
        for n, (name, label) in enumerate(PANES, 1):
            yield f"Pane: {label}", f"Switch to the {label} pane (key {n})", lambda name=name: self.action_show_pane(name), True
        yield "Search all sources", "Find text in every source (key /)", self.action_search, True
        yield "Back", "Return to where you were before the last jump (Escape)", self.action_back, True
        yield "Pin the selected item", "Add it to the brief, with a note (key p)", self.action_pin, True
        yield "Export the brief to Markdown", "Write brief.md next to the brief's pins", self.action_export_brief, True
        for n, a in enumerate(self.story.articles, 1):
            headline = title(self.analysis.headlines.get(a.id) or a.title or a.id)
            yield f"Open source {n}: {headline}", f"Read {title(a.file)} in the Reader", lambda a=a: self.call_after_refresh(self.open_reader, [], a.id), n <= 9
        for sp in self.analysis.speakers:
            yield f"Speaker: {title(sp.name)}", title(sp.role or "their quotes"), lambda name=sp.name: self.call_after_refresh(self._jump, "quotes", "select_speaker", name), False
        for row in [*self.analysis.countries, *self.analysis.blocs]:
            yield f"Country: {title(row.name)}", f"Stance: {row.stance}", lambda name=row.name: self.call_after_refresh(self._jump, "countries", "select_country", name), False

    def _jump(self, pane: str, method: str, name: str) -> None:
        self.push_location()
        self.action_show_pane(pane, focus=False)
        getattr(self.pane(pane), method)(name)
