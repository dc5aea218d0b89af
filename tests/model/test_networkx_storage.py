"""``ArgumentMap.from_parts`` writes networkx's internal storage directly (for speed);
this guards the assumption: the graph it builds behaves exactly like one built through
networkx's public API, and edits on it keep working."""

from __future__ import annotations

import networkx as nx

from argmap.model import AddStatement, ArgumentMap, Statement
from tests.model.maps import C, debate


def _public_graph(amap: ArgumentMap) -> nx.DiGraph:
    g = nx.DiGraph()
    for s in amap.statements():
        g.add_node(s.id, item=s)
    for link in amap.links():
        g.add_node(link.id, item=link)
    for link in amap.links():
        for p in link.premises:
            g.add_edge(p, link.id)
        g.add_edge(link.id, link.target)
    return g


def test_fast_built_graph_equals_the_public_api_graph():
    amap = debate()
    fast, public = amap.graph, _public_graph(amap)
    assert nx.utils.graphs_equal(fast, public)
    assert dict(fast.nodes(data="item")) == dict(public.nodes(data="item"))
    for n in public:
        assert set(fast.successors(n)) == set(public.successors(n))
        assert set(fast.predecessors(n)) == set(public.predecessors(n))
        assert fast.in_degree(n) == public.in_degree(n) and fast.out_degree(n) == public.out_degree(n)
    assert sorted(fast.edges()) == sorted(public.edges())


def test_fast_built_graph_takes_edits_and_copies():
    amap = debate()
    AddStatement(Statement("n", C, "new")).apply(amap)
    assert "n" in amap.graph and amap.graph.in_degree("n") == 0
    amap.remove_statement("n")
    assert "n" not in amap.graph.nodes
    assert amap.copy() == amap
    assert nx.is_directed_acyclic_graph(amap.graph) == nx.is_directed_acyclic_graph(_public_graph(amap))
