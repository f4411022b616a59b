"""Hostile articles: nothing in an article (or its metadata, story.yaml or file name) is ever
interpreted, in any TUI pane, in `print`, or in any export.

The corpus is tests/hostile/ (Rich/Textual markup, ANSI CSI and OSC sequences, C0/C1 controls, NUL,
bidi overrides, in titles, text, quotes, speakers, story.yaml and file names). The tests load it,
add files whose names hold escape sequences, run the real analysis, and then also poison every
displayed field of the analysis (speakers, roles, countries, blocs, discrepancies, pins, ...), so
that each field is hostile whatever the analysis happens to extract.
"""

from __future__ import annotations

import html.parser
import io
import json
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from briefing.brief import Brief, Pin
from briefing.export import html as html_export
from briefing.export import json_export, markdown
from briefing.loader import load_story
from briefing.model import Analysis, BlocRow, Evidence, Person, Speaker
from briefing.render import print_briefing

CORPUS = Path(__file__).resolve().parent / "hostile"

# Everything here must reach a terminal, a browser or a Markdown renderer as plain text.
PAYLOAD = (
    "[@click=app.quit]Q[/] [bold red]B[/] [link=https://evil.example]L[/link] \x1b[31mE\x1b[0m\x1b[2J"
    "\x1b]8;;https://evil.example\x07O\x1b]8;;\x07\x1b]52;c;aGk=\x07\x9b1m\x07\x00\u202eR\u202c "
)
MARKUP = ["[@click=app.quit]", "[bold red]", "[link=https://evil.example]"]
# What must never reach a terminal raw: C0 (but newline and tab), DEL, C1, bidi embeddings,
# overrides and isolates.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
RAW_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
HOSTILE_NAMES = {
    "07-\x1b[31mesc\x1b[0m \x1b]0;owned\x07.txt": "Esc name story\nOSLO, 12 March 2025 - Norway said on Wednesday that talks went on.\n",
    "08-\u202etxt.exe.md": "Bidi name story\nOSLO, 13 March 2025 - Sweden said on Thursday that it backed the talks.\n",
    "09-\x9b2J [bold]png[-].txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64),
}


def hostile_folder(tmp_path: Path) -> Path:
    """The corpus, plus files whose names are hostile (made here: they do not belong in git)."""
    folder = tmp_path / "hostile"
    shutil.copytree(CORPUS, folder)
    for name, content in HOSTILE_NAMES.items():
        path = folder / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return folder


def poison(s: str | None) -> str:
    return PAYLOAD + (s or "")


def hostile_analysis(folder: Path) -> Analysis:
    """The real analysis of the hostile folder, with every displayed field poisoned as well."""
    from briefing.analysis import analyse

    story = load_story(folder)
    a = analyse(story, cache=False)
    a.title, a.question = poison(a.title), poison(a.question)
    a.subject = [*a.subject, PAYLOAD]
    names = {sp.name: poison(sp.name) for sp in a.speakers}
    for q in a.quotes:
        q.speaker = names.get(q.speaker, q.speaker)
        q.cue = poison(q.cue)
    for sp in a.speakers:
        sp.name, sp.role, sp.aliases = names[sp.name], poison(sp.role), [poison("alias")]
        sp.forms = {poison(k): v for k, v in sp.forms.items()}
    for v in a.quote_variants:
        v.speaker = names.get(v.speaker, v.speaker)
    a.people = [*a.people, Person(poison("Person"), [poison("alias")], poison("role"))]
    for c in a.countries:
        c.name, c.actions = poison(c.name), [poison(x) for x in c.actions] or [PAYLOAD]
    ev = a.countries[0].evidence if a.countries else []
    a.blocs = [*a.blocs, BlocRow(poison("Bloc"), "supportive", [poison("welcomed")], 1, [ev[0].source] if ev else [], list(ev[:1]), {})]
    for d in a.discrepancies:
        d.what = poison(d.what)  # (d.kind is the analysis's own word: spelling, date, ...)
        d.values = {poison(k): v for k, v in d.values.items()}
    for c in a.claims + a.summary:
        c.text = poison(c.text)
    for t in a.timeline:
        t.text = poison(t.text)
    a.headlines = {k: poison(v) for k, v in a.headlines.items()}
    for art in story.articles:
        art.outlet, art.published, art.lean = poison(art.outlet), poison(art.published), poison(art.lean)
    return a


def add_hostile_pins(folder: Path) -> None:
    b = Brief.open(folder)
    b.add(Pin("quote", poison("label"), poison("text"), note=poison("note")))
    b.add(Pin("claim", PAYLOAD, PAYLOAD, source="01-markup"))
    assert b.save()


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Analysis:
    folder = hostile_folder(tmp_path_factory.mktemp("h"))
    add_hostile_pins(folder)
    return hostile_analysis(folder)


def test_the_corpus_loads_with_its_hostile_parts_intact(tmp_path):
    story = load_story(hostile_folder(tmp_path))
    ids = [a.id for a in story.articles]
    assert "01-markup" in ids and "04-[bold red]markup-name[-]" in ids and any("\x1b" in i for i in ids) and any("\u202e" in i for i in ids)
    assert {"05-list-1", "05-list-2", "06-page"} <= set(ids)  # hostile HTML (&#27; and all) and JSON items load
    text = "".join(a.text + (a.title or "") + (a.outlet or "") for a in story.articles)
    for needle in ["[@click=app.quit]", "\x1b]52;", "\x1b]8;;", "\x1b[2J", "\x9b", "\x00", "\u202e", "\u2066"]:
        assert needle in text or needle in (story.title or ""), needle
    problems = [str(p) for p in story.problems]
    assert any("09-\x9b2J [bold]png[-].txt: binary" in p for p in problems)  # the file named, as it is
    assert any("unknown key" in p for p in problems)


# -- print ------------------------------------------------------------------------------------


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def printed(analysis: Analysis, tty: bool) -> str:
    out = Tty() if tty else io.StringIO()
    print_briefing(analysis, width=200, file=out)
    return out.getvalue()


def test_print_plain_shows_everything_inert(hostile):
    text = printed(hostile, tty=False)
    assert not RAW_CONTROL.search(text) and not RAW_BIDI.search(text)
    for m in MARKUP:
        assert m in text
    assert "␛[31mE" in text and "<U+202E>" in text and "<U+009B>" in text and "␀" in text  # shown, not dropped
    assert "␛]52;c;aGk=" in text and "Load problems" in text and "09-<U+009B>2J [bold]png[-].txt" in text


def test_print_on_a_terminal_sends_only_its_own_colours(hostile):
    text = printed(hostile, tty=True)
    assert not RAW_BIDI.search(text)
    # Every escape sequence left is Rich's own SGR styling; nothing else (no OSC, no cursor moves).
    assert re.findall(r"\x1b(?!\[[0-9;]*m)", text) == []
    assert not re.search("[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f]", text)
    for m in MARKUP:
        assert m in text


# -- exports -------------------------------------------------------------------------------------


def test_markdown_export_escapes_everything(hostile):
    md = markdown.to_markdown(hostile)
    assert not RAW_CONTROL.search(md) and not RAW_BIDI.search(md)
    assert "[@click" not in md.replace("\\[@click", "")  # every bracket escaped
    assert re.search(r"\\\[bold red\\\]B\\\[/\\\]", md)
    assert not re.search(r"(?<!\\)<(?!https?://)", md)  # no raw HTML; only <https://...> autolinks
    assert "javascript:" not in md.replace("javascript:alert(1)", "") and "<javascript" not in md
    assert "␛" in md and "<U+202E>" not in md.replace("\\<U+202E\\>", "")  # stand-ins, themselves escaped


class Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attrs += attrs

    def handle_data(self, data):
        self.text.append(data)


def test_html_export_escapes_everything(hostile):
    page = html_export.to_html(hostile)
    assert not RAW_CONTROL.search(page.replace("\n", "")) and not RAW_BIDI.search(page)
    parsed = Tags()
    parsed.feed(page)
    assert parsed.tags <= {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "p", "ul", "li", "table",
                           "thead", "tbody", "tr", "th", "td", "a", "em", "strong", "span", "div", "blockquote"}
    assert {name for name, _ in parsed.attrs} <= {"lang", "charset", "name", "content", "http-equiv", "class", "href", "rel"}
    assert all(v.startswith(("http://", "https://")) for k, v in parsed.attrs if k == "href")
    text = "".join(parsed.text)
    for m in MARKUP:
        assert m in text
    assert "␛]52;c;aGk=" in text and "<U+202E>" in text and "&#27;" in text  # the article's own entity, as text


def test_json_export_keeps_the_text_and_is_valid_json(hostile):
    out = json_export.dumps(hostile)
    data = json.loads(out)
    assert data["story"]["title"] == hostile.title  # the text itself, exactly, controls and all
    assert any("\x1b]52;" in q["text"] for q in data["quotes"]) and any("\x00" in s["title"] for s in data["sources"] if s["title"])
    # ...but the file itself shows no terminal controls when `cat`-ed: they are \u escapes.
    assert not RAW_CONTROL.search(out.replace("\n", "")) and not RAW_BIDI.search(out)


# -- the TUI ---------------------------------------------------------------------------------------


def screen_segments(app):
    """Every segment now on the screen, toasts and all."""
    return [seg for strip in app.screen._compositor.render_strips() for seg in strip]


def screen_text(app) -> str:
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def assert_inert(app, where: str) -> str:
    segs = screen_segments(app)
    text = "".join(s.text for s in segs)
    assert not RAW_CONTROL.search(text.replace("\n", "")), f"{where}: a raw control character on screen"
    for s in segs:
        style = s.style
        if style is None:
            continue
        assert not (style.link and "evil" in style.link), f"{where}: article text became a link: {style.link}"
        meta = style.meta or {}
        assert "quit" not in str(meta.get("@click", "")), f"{where}: article text became a click action"
    return screen_text(app)




def hostile_app(analysis):
    from briefing.tui.app import BriefingApp

    return BriefingApp(analysis.story, analysis=analysis, theme="textual-dark", cursor_blink=False)


@pytest.mark.parametrize(
    "pane",
    ["summary", "compare", "quotes", "countries", "timeline", "reader", "brief"],
)
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_each_pane_shows_hostile_text_inert(hostile, pane, size):
    from briefing.tui.app import PANES

    app = hostile_app(hostile)
    shown = []
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert_inert(app, "start")
        await pilot.press(str([name for name, _ in PANES].index(pane) + 1))
        await pilot.pause()
        shown.append(assert_inert(app, pane))
        if pane == "reader":
            for i in range(len(app.story.articles) - 1):  # every source, file names and metadata included
                await pilot.press("right_square_bracket")
                await pilot.pause()
                shown.append(assert_inert(app, f"reader, source {i + 2}"))
        assert app.is_running  # no [@click=app.quit] went off
    # The pane shows hostile text, as the literal brackets: it was displayed, and not as markup.
    assert "[@click=app.quit]" in shown[0], f"{pane} shows no hostile text"
    if pane == "reader":
        assert all("\ufffd" in t for t in shown[:3])  # escapes defused, visibly


async def test_panes_show_bidi_overrides_visibly(hostile):
    app = hostile_app(hostile)
    seen: list[str] = []
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for key, name in [("1", "summary"), ("2", "compare"), ("5", "timeline"), ("6", "reader")]:
            await pilot.press(key)
            await pilot.pause()
            if RAW_BIDI.search(screen_text(app)):
                seen.append(name)
    assert seen == []


async def test_a_story_folder_named_with_markup_is_shown_literally(tmp_path):
    folder = tmp_path / "[b]x[/b] [link=https:evil.example]y"
    shutil.copytree(CORPUS, folder)
    add_hostile_pins(folder)
    analysis = hostile_analysis(folder)
    app = hostile_app(analysis)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("7")
        await pilot.pause()
        text = assert_inert(app, "brief")
    assert "[b]x[/b]" in text


async def test_a_hostile_pin_kind_and_source_in_brief_yaml_are_inert(tmp_path):
    folder = hostile_folder(tmp_path)
    b = Brief.open(folder)
    b.add(Pin(PAYLOAD, "label", "text"))
    b.add(Pin("quote", "label", "text", source=PAYLOAD))
    assert b.save()
    app = hostile_app(hostile_analysis(folder))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("7")
        await pilot.pause()
        assert_inert(app, "brief")


async def test_the_load_problems_toast_is_inert(tmp_path):
    from textual.widgets._toast import Toast

    folder = hostile_folder(tmp_path)
    (folder / "10-\x1b[31mX\x1b]0;own\x07.txt").write_bytes(b"\x00\x01")
    app = hostile_app(hostile_analysis(folder))
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for _ in range(50):  # until the toast is up
            await pilot.pause()
            if app.screen.query(Toast):
                break
        assert app.screen.query(Toast)
        assert_inert(app, "load problems toast")


async def test_search_palette_and_pin_note_show_hostile_text_inert(hostile):
    app = hostile_app(hostile)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("slash")
        for key in "Oslo":
            await pilot.press(key)
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = assert_inert(app, "search results")
        assert "Oslo" in text and ("[@click=app.quit]" in text or "[bold red]" in text or "\ufffd" in text)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("ctrl+p")
        for key in "source":
            await pilot.press(key)
        await pilot.pause(0.3)  # the palette's search runs in the background
        assert_inert(app, "command palette")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("1", "p")  # pin the selected summary claim: the note screen shows its text
        await pilot.pause()
        text = assert_inert(app, "pin note screen")
        assert "[@click=app.quit]" in text
        await pilot.press("escape")
        assert app.is_running


def test_brief_markdown_of_hostile_pins_is_inert(hostile):
    from briefing.brief import pin_of, to_markdown

    a = hostile
    items = [*a.quotes[:3], *a.claims[:3], *a.countries[:2], *a.blocs[:1], *a.discrepancies[:1], *a.timeline[:3]]
    pins = [pin_of(i) for i in items]
    pins += [Pin("quote", PAYLOAD, PAYLOAD, source=art.id, start=0, end=5, note=PAYLOAD) for art in a.story.articles]
    md = to_markdown(Brief(Path("unused"), pins), a)
    assert not RAW_CONTROL.search(md) and not RAW_BIDI.search(md)
    assert "\\[@click=app.quit\\]" in md and "[@click" not in md.replace("\\[@click", "")
    assert md.count("\nSource: ") == len(pins)  # one line each, whatever the file names hold
