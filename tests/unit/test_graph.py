"""The dependency graph: recorded reads, recomputation only where inputs changed, early cutoff."""

from __future__ import annotations

import pytest

from generator.engine.graph import CycleError, Graph


def _site(changes: bool = True) -> tuple[Graph, list[tuple[object, ...]]]:
    """Cards and articles as inputs; backlinks and pages as queries; a log of what ran."""
    graph = Graph(changes)
    ran: list[tuple[object, ...]] = []

    def mentions(g: Graph, article: str) -> tuple[str, ...]:
        ran.append(("mentions", article))
        text = g("article", article)
        return tuple(sorted(c for c in g("card_ids") if c in text))

    def backlinks(g: Graph, card: str) -> tuple[str, ...]:
        ran.append(("backlinks", card))
        return tuple(a for a in g("article_ids") if card in g("mentions", a))

    def card_page(g: Graph, card: str) -> str:
        ran.append(("card_page", card))
        return f"{card}: {g('card', card)} <- {', '.join(g('backlinks', card))}"

    for name, query in (("mentions", mentions), ("backlinks", backlinks),
                        ("card_page", card_page)):
        graph.define(name, query)
    graph.set(("card_ids",), ("ann", "bob"))
    graph.set(("card", "ann"), "a reporter")
    graph.set(("card", "bob"), "an editor")
    graph.set(("article_ids",), ("a1", "a2"))
    graph.set(("article", "a1"), "ann met bob")
    graph.set(("article", "a2"), "ann wrote")
    return graph, ran


def test_a_query_is_computed_once_and_kept() -> None:
    graph, ran = _site()
    assert graph("card_page", "ann") == "ann: a reporter <- a1, a2"
    assert graph("card_page", "ann") == "ann: a reporter <- a1, a2"
    assert ran.count(("card_page", "ann")) == 1


def test_an_input_change_redoes_only_what_read_it() -> None:
    graph, ran = _site()
    graph("card_page", "ann"), graph("card_page", "bob")
    ran.clear()
    assert graph.set(("card", "bob"), "a sub-editor")
    assert graph("card_page", "ann") == "ann: a reporter <- a1, a2"
    assert graph("card_page", "bob") == "bob: a sub-editor <- a1"
    assert ran == [("card_page", "bob")]


def test_an_equal_value_changes_nothing() -> None:
    graph, ran = _site()
    graph("card_page", "ann")
    revision = graph.revision
    assert not graph.set(("card", "ann"), "a reporter")
    assert graph.revision == revision
    ran.clear()
    graph("card_page", "ann")
    assert ran == []


def test_early_cutoff_keeps_pages_whose_backlinks_did_not_change() -> None:
    graph, ran = _site()
    graph("card_page", "ann"), graph("card_page", "bob")
    ran.clear()
    graph.set(("article", "a2"), "ann wrote again")  # still names ann only
    graph("card_page", "ann"), graph("card_page", "bob")
    assert ran == [("mentions", "a2")]  # the same cards: nothing after it is redone


def test_a_real_change_reaches_the_page() -> None:
    graph, ran = _site()
    graph("card_page", "ann"), graph("card_page", "bob")
    ran.clear()
    graph.set(("article", "a2"), "bob wrote")
    assert graph("card_page", "bob") == "bob: an editor <- a1, a2"
    assert graph("card_page", "ann") == "ann: a reporter <- a1"
    assert sorted(ran) == [("backlinks", "ann"), ("backlinks", "bob"), ("card_page", "ann"),
                           ("card_page", "bob"), ("mentions", "a2")]


def test_dependencies_are_what_the_last_run_read() -> None:
    graph = Graph()
    graph.define("pick", lambda g: g("b") if g("use_b") else g("a"))
    graph.set(("use_b",), False)
    graph.set(("a",), 1)
    graph.set(("b",), 2)
    assert graph("pick") == 1
    before = graph.computed
    graph.set(("b",), 3)  # not read by the last run
    assert graph("pick") == 1 and graph.computed == before
    graph.set(("use_b",), True)
    assert graph("pick") == 3
    graph.set(("a",), 10)  # no longer read
    before = graph.computed
    assert graph("pick") == 3 and graph.computed == before


def test_a_removed_input_is_an_error_for_its_readers() -> None:
    graph, _ = _site()
    graph("card_page", "bob")
    graph.remove(("card", "bob"))
    with pytest.raises(KeyError):
        graph("card_page", "bob")


def test_a_query_that_needs_itself_is_refused() -> None:
    graph = Graph()
    graph.define("loop", lambda g, n: g("loop", n))
    with pytest.raises(CycleError):
        graph("loop", 1)


def test_checking_stays_in_the_cone_of_a_change() -> None:
    graph = Graph()
    graph.define("page", lambda g, n: g("item", n) * 2)
    for n in range(1000):
        graph.set(("item", n), n)
    assert [graph("page", n) for n in range(1000)][-1] == 1998
    graph.set(("item", 7), 70)
    assert graph.dirty() == {("page", 7)}  # only what read the input
    before = graph.computed
    assert [graph("page", n) for n in range(1000)][7] == 140
    assert graph.computed == before + 1
    assert graph.dirty() == set()


def test_a_lazy_query_waits_until_it_is_asked_for() -> None:
    graph = Graph()
    graph.define("text", lambda g, n: f"item {g('item', n)}")
    graph.define("page", lambda g, n: g("text", n).upper(), lazy=True)
    for n in range(3):
        graph.set(("item", n), n)
    assert [graph("page", n) for n in range(3)] == ["ITEM 0", "ITEM 1", "ITEM 2"]
    graph.set(("item", 1), 10)
    graph.set(("item", 2), 20)
    assert graph("text", 1) == "item 10"  # settling runs the text, not the pages
    assert graph.dirty() == {("page", 1), ("page", 2)}
    before = graph.computed
    assert graph("page", 2) == "ITEM 20"  # the one asked for, in the order asked
    assert graph.computed == before + 1 and graph.dirty() == {("page", 1)}
    assert graph("page", 1) == "ITEM 10" and graph.dirty() == set()


def test_a_lazy_query_that_another_reads_is_not_left_stale() -> None:
    graph = Graph()
    graph.define("text", lambda g: f"n={g('n')}", lazy=True)
    graph.define("page", lambda g: g("text").upper(), lazy=True)
    graph.define("length", lambda g: len(g("text")))
    graph.set(("n",), 1)
    assert (graph("page"), graph("length")) == ("N=1", 3)
    graph.set(("n",), 10)
    graph.settle()
    assert graph.dirty() == {("page",)}  # the text ran: its readers know it changed
    assert (graph("length"), graph("page")) == (4, "N=10")


def test_a_query_defined_again_without_lazy_settles_again() -> None:
    graph = Graph()
    graph.define("page", lambda g: g("n") + 1, lazy=True)
    graph.set(("n",), 1)
    assert graph("page") == 2
    graph.define("page", lambda g: g("n") + 1)
    graph.set(("n",), 5)
    graph.settle()
    assert graph.dirty() == set() and graph("page") == 6


def test_a_change_reaches_past_a_query_only_if_its_value_changed() -> None:
    graph = Graph()
    graph.define("parity", lambda g: g("n") % 2)
    graph.define("label", lambda g: "odd" if g("parity") else "even")
    graph.set(("n",), 1)
    assert graph("label") == "odd"
    before = graph.computed
    graph.set(("n",), 3)
    assert graph.dirty() == {("parity",)}  # not yet what reads it
    assert graph("label") == "odd" and graph.computed == before + 1
    graph.set(("n",), 4)
    assert graph("label") == "even" and graph.computed == before + 3


def test_a_query_that_fails_on_a_removed_input_fails_where_it_is_asked_for() -> None:
    graph, _ = _site()
    graph("card_page", "ann"), graph("card_page", "bob")
    graph.remove(("card", "bob"))
    assert graph("card_page", "ann") == "ann: a reporter <- a1, a2"  # others still answer
    with pytest.raises(KeyError):
        graph("card_page", "bob")


def test_a_query_run_once_is_not_kept_and_what_it_read_is() -> None:
    graph, ran = _site()
    value, reads = graph.once("card_page", "ann")
    assert value == "ann: a reporter <- a1, a2"
    assert reads == (("card", "ann"), ("backlinks", "ann"))
    assert graph.reads(("card_page", "ann")) == ()  # not kept
    graph.once("card_page", "ann")
    assert ran.count(("card_page", "ann")) == 2 and ran.count(("backlinks", "ann")) == 1
    # No edge leads back to it: a change redoes what it read, and nothing else.
    ran.clear()
    graph.set(("article", "a2"), "bob wrote")
    assert graph("backlinks", "ann") == ("a1",)
    assert ("card_page", "ann") not in ran


def test_released_queries_are_those_no_kept_query_reads() -> None:
    graph, ran = _site()
    _, reads = graph.once("card_page", "ann")
    # The backlinks are read by no kept query; the mentions are read by the backlinks.
    assert graph.release([*reads, ("mentions", "a1")]) == [("backlinks", "ann")]
    assert graph.reads(("backlinks", "ann")) == ()
    assert graph.reads(("mentions", "a1")) == (("article", "a1"), ("card_ids",))
    ran.clear()
    assert graph("backlinks", "ann") == ("a1", "a2")
    assert ran == [("backlinks", "ann")]  # made again; the mentions were kept


def test_a_graph_made_not_to_change_keeps_no_readers_and_refuses_to_go_stale() -> None:
    graph, ran = _site(changes=False)
    value, _ = graph.once("card_page", "ann")
    assert value == "ann: a reporter <- a1, a2" and graph("backlinks", "bob") == ("a1",)
    assert graph._readers == {}
    # What no query read yet may still be set; what one read may not change.
    graph.set(("card", "cat"), "a photographer")
    graph.set(("card", "cat"), "a designer")
    graph.set(("article", "a1"), "ann met bob")  # the same value: no change
    with pytest.raises(RuntimeError, match="made not to change"):
        graph.set(("article", "a1"), "bob met ann")
    with pytest.raises(RuntimeError, match="made not to change"):
        graph.remove(("card_ids",))
    with pytest.raises(RuntimeError, match="made not to change"):
        graph.set(("card", "ann"), "an editor")  # read by a page asked for once
    # Without readers, every query asked to be released is let go.
    assert graph.release([("backlinks", "bob"), ("mentions", "a1")]) == [
        ("backlinks", "bob"), ("mentions", "a1")]
    assert graph("mentions", "a1") == ("ann", "bob") and ran.count(("mentions", "a1")) == 2


def test_a_read_that_failed_is_a_read() -> None:
    graph = Graph()

    def shown(g: Graph, card: str) -> str:
        try:
            return str(g("card", card))
        except KeyError:
            return "(no card yet)"

    graph.define("shown", shown)
    assert graph("shown", "ann") == "(no card yet)"
    graph.set(("card", "ann"), "a reporter")
    assert graph("shown", "ann") == "a reporter"


def test_every_read_of_a_node_names_it_by_one_tuple() -> None:
    graph, _ = _site()
    graph("card_page", "ann"), graph("card_page", "bob")
    ann, bob = graph.reads(("backlinks", "ann")), graph.reads(("backlinks", "bob"))
    assert ann[0] == bob[0] == ("article_ids",) and ann[0] is bob[0]
    assert graph.reads(("mentions", "a1"))[1] is graph.reads(("mentions", "a2"))[1]
