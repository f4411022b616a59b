"""Packed segmentation and evidence (model), as the loader and the cache hold them."""

from __future__ import annotations

import gc
from array import array

from briefing import cache, model, segment
from briefing.loader import ArticleInput, build_article
from briefing.model import Article, Claim, Evidence, EvidencePack, Paragraph, Sentence

TEXT = "Peace talks resume\nDr. Ana Reyes said the U.S. team will stay. Talks go on.\n\nA second line.\n"


def test_packed_spans_are_the_segmenter_s_objects():
    paras = segment.paragraphs(TEXT)
    packed = segment.paragraph_spans(TEXT)
    assert model.unpack_paragraphs(packed) == paras
    assert model.pack_paragraphs(paras) == packed
    sents = segment.sentences(TEXT, paras)
    assert model.unpack_sentences(segment.sentence_spans(TEXT, packed)) == sents
    assert [TEXT[s.start : s.end] for s in sents] == [
        "Peace talks resume",
        "Dr. Ana Reyes said the U.S. team will stay.",
        "Talks go on.",
        "A second line.",
    ]
    assert segment.title_packed(TEXT, packed, segment.sentence_spans(TEXT, packed)) == segment.title(TEXT, paras, sents)


def test_an_article_unpacks_its_segments_once_on_first_read():
    art = build_article("a", "a.txt", ArticleInput(TEXT))
    held = model.raw(art, "sentences")
    assert type(held) is array  # the loader leaves them packed
    first = art.sentences
    assert all(type(s) is Sentence for s in first) and art.sentences is first  # unpacked once, kept
    assert type(model.raw(art, "sentences")) is list
    assert art.paragraphs[0] == Paragraph(0, 18, True)
    # assigning a list works as for a plain field, and equality sees the lists
    other = Article("a", "a.txt", TEXT, art.title, list(art.paragraphs), list(art.sentences))
    assert other == art and repr(other) == repr(art)


def test_articles_stay_packed_through_the_cache():
    art = build_article("a", "a.txt", ArticleInput(TEXT))
    back = cache.decode(cache.encode(art))
    assert type(model.raw(back, "paragraphs")) is array and type(model.raw(back, "sentences")) is array
    assert back == art  # reading them unpacks
    again = cache.decode(cache.encode(back))  # an unpacked article is packed again on the way out
    assert type(model.raw(again, "sentences")) is array and again == art


def test_evidence_lists_are_packed_in_the_cache_and_unpacked_on_read():
    ev = [Evidence("a", 0, 5, "Peace"), Evidence("b", 3, 8, "Peace"), Evidence("a", 9, 12, "war")]
    claim = Claim("Peace", ["a", "b"], list(ev))
    back = cache.decode(cache.encode([claim, Claim("none", [])]))
    held = model.raw(back[0], "evidence")
    assert type(held) is EvidencePack
    assert held[3][0] is held[3][1]  # equal strings written once
    assert back[0].evidence == ev and type(model.raw(back[0], "evidence")) is list
    assert back[1].evidence == []
    assert back == [claim, Claim("none", [])]


def test_lists_that_are_not_plain_evidence_stay_lists():
    class Marked(Evidence):  # a subclass is kept as it is
        __slots__ = ()

    assert model.pack_evidence([Marked("a", 0, 1, "x")]) is None
    assert model.pack_evidence([Evidence("a", -1, 2**40, "x")]) is None  # offsets past the array's range


def test_big_entries_are_frozen_out_of_the_collector(monkeypatch):
    monkeypatch.setattr(cache, "FREEZE_BYTES", 0)
    before = gc.get_freeze_count()
    obj = cache.decode(cache.encode([Evidence("a", 0, 1, "x") for _ in range(100)]))
    try:
        assert gc.get_freeze_count() >= before + 100 and gc.isenabled()
    finally:
        gc.unfreeze()
    assert len(obj) == 100


def test_story_keys_are_remembered_only_while_the_articles_are_unchanged(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_DIR, str(tmp_path / "cache"))
    monkeypatch.delenv(cache.ENV_OFF, raising=False)
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("One article. It is short.\n")
    (folder / "b.txt").write_text("Another one. Also short.\n")
    for _ in range(2):  # a miss, then a hit: both remember the keys
        story = cache.load_story(folder)
        assert cache._KNOWN[id(story)][3] == [cache.article_key(a) for a in story.articles]
        assert cache.story_keys(story) == [cache.article_key(a) for a in story.articles]
    story.articles[0].text = "Edited in memory, a new length."
    assert cache.story_keys(story) == [cache.article_key(a) for a in story.articles]
    story.articles.reverse()
    assert cache.story_keys(story) == [cache.article_key(a) for a in story.articles]
    sid = id(story)
    del story
    gc.collect()
    assert sid not in cache._KNOWN


def test_facts_keep_each_concern_pickled_until_read():
    from briefing.analysis import pipeline

    art = build_article("a", "a.txt", ArticleInput('Talks resume\nRussia recognised the Taliban on 3 July 2025, "a first step," Lavrov said.\n'))
    facts = pipeline.extract(art)
    back = cache.decode(cache.encode(facts))
    assert all(type(model.raw(back, n)) is bytes for n in pipeline.PARTS)
    once = cache.part(back, "quotes")  # a fresh copy, the bytes kept
    assert repr(once) == repr(facts.quotes) and type(model.raw(back, "quotes")) is bytes
    assert cache.part(back, "quotes") is not once
    assert repr(back.quotes) == repr(facts.quotes)  # the attribute unpickles once and keeps it
    assert back.quotes is back.quotes and type(model.raw(back, "quotes")) is not bytes
    assert repr(back) == repr(facts)
    assert cache.part(facts, "dates") is facts.dates  # objects pass through


def test_combine_reads_pickled_and_plain_facts_alike(seeds_story):
    from briefing.analysis import pipeline
    from briefing.export import json_export

    expected = json_export.dumps(pipeline.combine(seeds_story, [pipeline.extract(a) for a in seeds_story.articles]))
    facts = [pipeline.extract(a) for a in seeds_story.articles]
    mixed = [cache.decode(cache.encode(f)) if k % 2 else f for k, f in enumerate(facts)]
    assert json_export.dumps(pipeline.combine(seeds_story, mixed)) == expected


def test_evidence_packed_before_caching_writes_each_text_once():
    text = "Officials from both sides met on Monday to sign the agreement. " * 3
    copies = ["".join(text) for _ in range(2)]  # equal, not one object (as unpickled from two workers)
    assert copies[0] is not copies[1]
    claims = [Claim(f"claim {n}", ["a", "b"]) for n in range(2)]
    for n, c in enumerate(claims):
        c.evidence = model.pack_evidence([Evidence("a", 0, len(text), copies[n])])
    assert type(model.raw(claims[0], "evidence")) is EvidencePack
    blob = cache.encode(claims)
    assert blob.count(text.encode()) == 1
    back = cache.decode(blob)
    assert [e.text for c in back for e in c.evidence] == [text, text]
