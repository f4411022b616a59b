"""Terminals: what really reaches a terminal (tmux), tiny sizes, resize storms, long unbroken words,
wide CJK and emoji, right-to-left scripts. No crash, no garbage."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from test_hostile import RAW_BIDI, RAW_CONTROL, assert_inert, hostile_app, hostile_folder, screen_text

# -- tmux: the real program on a real (virtual) terminal ---------------------------------------------

SGR = re.compile(r"\x1b\[[0-9;:]*m")


class Tmux:
    """A private tmux server (its own socket) running one command in a 100x30 window."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.socket = f"briefing-test-{uuid.uuid4().hex[:8]}"
        line = " ".join(subprocess.list2cmdline([c]) for c in command)
        envs = " ".join(f"{k}={subprocess.list2cmdline([v])}" for k, v in env.items())
        self.run("-f", "/dev/null", "new-session", "-d", "-s", "h", "-x", "100", "-y", "30", f"env {envs} {line}; sleep 600")
        # Accept OSC 52 from the program (as a buffer), so that a clipboard write would be seen.
        self.run("set-option", "-g", "set-clipboard", "on")

    def run(self, *args: str) -> str:
        return subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True, timeout=30).stdout

    def capture(self) -> str:
        return self.run("capture-pane", "-p", "-e", "-t", "h")

    def wait_for(self, needle: str, deadline: float = 60.0) -> str:
        end = time.monotonic() + deadline  # a generous bound on start-up, not a timing assertion
        while True:
            screen = self.capture()
            if needle in SGR.sub("", screen) or time.monotonic() > end:
                return screen
            time.sleep(0.2)

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True, timeout=30)


@pytest.fixture
def tmux_app(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    folder = hostile_folder(tmp_path)
    env = {"BRIEFING_NO_CACHE": "1", "TERM": "tmux-256color", "XDG_DATA_HOME": str(tmp_path / "data")}
    tmux = Tmux([sys.executable, "-m", "briefing", str(folder)], env)
    yield tmux
    tmux.close()


def test_tmux_no_escape_from_an_article_reaches_the_terminal(tmux_app):
    # The tab bar paints before the panes are filled: wait for the summary's own content.
    screens = [tmux_app.wait_for("Sources")]
    assert "Sources" in SGR.sub("", screens[0])
    for key in "1234567":
        tmux_app.run("send-keys", "-t", "h", key)
        screens.append(tmux_app.wait_for("Quit"))
    for screen in screens:
        # Only the app's own styling (SGR) reaches the terminal: no cursor moves, clears, titles,
        # hyperlinks or clipboard writes from the articles.
        assert re.findall(r"\x1b(?!\[[0-9;:]*m)", screen) == []
        assert not RAW_CONTROL.search(SGR.sub("", screen).replace("\n", ""))
    shown = "\n".join(SGR.sub("", s) for s in screens)
    assert "[bold red]" in shown and "\ufffd[31m" in shown  # markup and escapes shown as text
    assert "owned" not in tmux_app.run("display-message", "-p", "-t", "h", "#{pane_title}")  # no OSC 0 title
    assert tmux_app.run("list-buffers") == ""  # no OSC 52 clipboard write
    assert tmux_app.run("list-panes", "-t", "h", "-F", "#{pane_current_command}").strip() != "sleep"  # still running


# -- Pilot: sizes, storms, scripts ---------------------------------------------------------------------

from briefing.loader import ArticleInput, build_article  # noqa: E402
from briefing.model import Story  # noqa: E402

LONG_WORD = "Donaudampfschifffahrtsgesellschaftskapitän" * 40  # 1,680 characters without a break
SCRIPTS = {
    "cjk": "北京，2025年3月3日 —— 中国外交部周一表示，会谈将在奥斯陆继续。“我们希望和平，”发言人王毅说。日本和韩国欢迎这一消息。",
    "emoji": "Oslo 🇳🇴 talks 🤝🏽 resume 👨‍👩‍👧‍👦 today. \"We are 😀 happy,\" said Anna Berg. Norway 🇳🇴 and Sweden 🇸🇪 agreed. ⚠️✅🧪",
    "arabic": "القاهرة، 3 مارس 2025 - قالت وزارة الخارجية المصرية يوم الاثنين إن المحادثات ستستأنف في أوسلو. \"نريد السلام\"، قال المتحدث.",
    "pashto": "کابل، د ۲۰۲۵ کال د مارچ ۳ - د افغانستان د بهرنیو چارو وزارت وویل چې خبرې به په اوسلو کې بیا پیل شي.",
    "dari": "کابل، ۳ مارچ ۲۰۲۵ - وزارت امور خارجه افغانستان روز دوشنبه گفت که گفتگوها در اسلو از سر گرفته می‌شود.",
    "long": f"{LONG_WORD}\nOSLO, 3 March 2025 - Norway said {LONG_WORD} on Monday. \"{LONG_WORD},\" said Anna Berg.",
    "combining": "Z̷̢̧̛̛̛̗̗̗a̸̧̛̛̗̗l̷̢̛̗g̸̢̛̗ơ̷̢̗ text" * 30 + "\nNorway said it on 3 March 2025.",
}


@pytest.fixture(scope="module")
def scripts(tmp_path_factory):
    return scripts_analysis(tmp_path_factory.mktemp("scripts"))


def scripts_analysis(tmp_path: Path):
    from briefing.analysis import analyse

    articles = [build_article(name, f"{name}.txt", ArticleInput(f"{name} {text[:60]}\n{text}")) for name, text in SCRIPTS.items()]
    return analyse(Story(path=tmp_path, articles=articles, title="Scripts " + SCRIPTS["arabic"][:20]), cache=False)


def app_for(analysis):
    from briefing.tui.app import BriefingApp

    return BriefingApp(analysis.story, analysis=analysis, theme="textual-dark", cursor_blink=False)


def assert_fits(app) -> None:
    """Each screen line is exactly the terminal's width in cells: nothing spills or wraps."""
    from rich.cells import cell_len

    strips = app.screen._compositor.render_strips()
    assert len(strips) == app.size.height
    for strip in strips:
        assert cell_len("".join(s.text for s in strip)) == app.size.width


async def walk_panes(app, pilot, check) -> None:
    await pilot.pause()
    check()
    for key in "1234567":
        await pilot.press(key)
        await pilot.pause()
        check()
    for key in ("6", "right_square_bracket", "right_square_bracket", "j", "G", "g"):
        await pilot.press(key)
        await pilot.pause()
        check()


@pytest.mark.parametrize("size", [(20, 6), (40, 10)])
async def test_tiny_terminals_show_every_pane_without_crashing(scripts, size):
    app = app_for(scripts)
    async with app.run_test(size=size) as pilot:
        await walk_panes(app, pilot, lambda: assert_fits(app))
        assert app.is_running


async def test_hostile_story_at_20x6_does_not_crash(tmp_path):
    from test_hostile import hostile_analysis

    app = hostile_app(hostile_analysis(hostile_folder(tmp_path)))
    async with app.run_test(size=(20, 6)) as pilot:
        await pilot.pause()
        for key in "124567":  # (3: the Quotes pane's markup bug, see test_hostile)
            await pilot.press(key)
            await pilot.pause()
            assert_inert(app, key)
            assert_fits(app)


@pytest.mark.parametrize("script", sorted(SCRIPTS))
async def test_wide_rtl_and_long_text_in_the_reader(scripts, script):
    app = app_for(scripts)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("6")
        await pilot.pause()
        # Open this script's article in the Reader: its text is on screen, whole words, no garbage.
        for _ in range(list(SCRIPTS).index(script)):
            await pilot.press("right_square_bracket")
            await pilot.pause()
        assert_fits(app)
        text = screen_text(app)
        assert not RAW_CONTROL.search(text.replace("\n", ""))
        assert "\ufffd" not in text  # nothing garbled into replacement characters
        first = SCRIPTS[script].split("\n")[0].split()[0][:6]
        assert first in text.replace("\n", "")


async def test_wide_rtl_and_long_text_in_every_pane(scripts):
    app = app_for(scripts)
    async with app.run_test(size=(100, 30)) as pilot:
        await walk_panes(app, pilot, lambda: assert_fits(app))
        assert app.is_running


async def test_resize_storm(scripts):
    from textual.events import Resize
    from textual.geometry import Size

    app = app_for(scripts)
    sizes = [(20 + (i * 37) % 140, 6 + (i * 11) % 45) for i in range(100)]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for round_ in range(4):  # 4 x 25 resizes, each batch posted at once as a terminal sends them
            await pilot.press(str(1 + round_ * 2))
            for w, h in sizes[round_ * 25 : (round_ + 1) * 25]:
                app._driver._size = Size(w, h)  # what Pilot.resize_terminal does, without its pause
                app.post_message(Resize(Size(w, h), Size(w, h)))
            await pilot.pause()
        await pilot.pause()
        await pilot.pause()
        assert app.size == sizes[-1]
        assert_fits(app)
        for key in "1234567":
            await pilot.press(key)
            await pilot.pause()
            assert_fits(app)
        assert app.is_running


async def test_degenerate_sizes_do_not_crash(scripts):
    app = app_for(scripts)
    async with app.run_test(size=(1, 1)) as pilot:
        for w, h in [(1, 1), (2, 1), (1, 3), (0, 0), (3, 2), (10, 1)]:
            await pilot.resize_terminal(w, h)
            for key in "1234567":
                await pilot.press(key)
                await pilot.pause()
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert_fits(app)
        assert app.is_running
