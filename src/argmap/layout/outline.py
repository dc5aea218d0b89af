"""The map as plain adjacency lists in outline order, and its spanning forest.

Built by iterating the model once, so that the layout's hot loops touch only dicts and
lists (no networkx)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from argmap.model import ArgumentMap, Link, Statement, StatementKind


_QUESTION = StatementKind.QUESTION
_LEAF: tuple[()] = ()  # shared by every node without tree children


def _order_id(s: Statement) -> tuple[float, str]:
    return (s.order, s.id)


class Outline:
    """Children of every statement in outline order (positions of a question by
    ``order``, then premises of links into a statement, undercuts after the premises of
    the link they attack), and a deterministic order of tree roots."""

    def __init__(self, amap: ArgumentMap) -> None:
        # One pass over the graph in whatever order it holds; everything the layout
        # depends on is sorted below by (order, id), so the result does not depend on it.
        stmts: dict[str, Statement] = {}
        links: list[Link] = []
        for item in amap.items_unordered():
            if type(item) is Link:
                links.append(item)
            else:
                stmts[item.id] = item  # type: ignore[assignment]  # not a Link, so a Statement (type() is faster than isinstance)
        self.statements = stmts
        answering: dict[str, list[Statement]] = {}
        questions = []
        for s in stmts.values():
            if s.answers is not None:
                answering.setdefault(s.answers, []).append(s)
            elif s.kind is _QUESTION:
                questions.append(s)
        into: dict[str, list[Link]] = {}
        for link in links:
            into.setdefault(link.target, []).append(link)
        for group in into.values():
            if len(group) > 1:
                # as in ArgumentMap.links_into: by the first premise's order, then id
                group.sort(key=lambda link: (stmts[link.premises[0]].order, link.id))
        self.answering: dict[str, list[str]] = {
            q: [s.id for s in sorted(group, key=_order_id)] for q, group in answering.items()
        }
        self.into = into
        # Targets of links that are attacked themselves (undercuts): walking their
        # children needs the general `children`.
        self.undercut_targets = {link.target for link in links if link.id in into}
        # statements some of whose children belong together (co-premises, undercuts)
        self.into_many = {link.target for link in links if len(link.premises) > 1} | self.undercut_targets
        self._children: dict[str, list[str]] = {}
        premise_of = {p for link in links for p in link.premises}
        tops = [
            s
            for s in stmts.values()
            if s.id not in premise_of and s.kind is not _QUESTION and s.answers not in stmts
        ]
        questions.sort(key=_order_id)
        tops.sort(key=_order_id)
        self._first = [s.id for s in questions] + [s.id for s in tops]

    def __len__(self) -> int:
        return len(self.statements)

    def seeds(self) -> Iterator[str]:
        """Where trees start: questions, then tops of separate trees (statements that
        are no premise), then anything left over (statements in cycles)."""
        yield from self._first
        yield from (s.id for s in sorted(self.statements.values(), key=_order_id))

    def children(self, sid: str) -> list[str]:
        """Statement ids directly under ``sid`` in the outline (may repeat ids)."""
        kids = self._children.get(sid)
        if kids is not None:
            return kids
        kids = list(self.answering.get(sid, ()))
        into = self.into
        stack = list(reversed(into.get(sid, ())))
        while stack:
            link = stack.pop()
            kids.extend(link.premises)
            attacks = into.get(link.id)
            if attacks:
                stack.extend(reversed(attacks))
        self._children[sid] = kids
        return kids


class Forest:
    """A spanning forest: each statement once, under the first parent that reaches it.

    ``roots`` in order; ``kids`` maps a node to its tree children; ``parent`` maps a node
    to its tree parent (``None`` for a root); ``preorder`` lists every node once, parents
    before children and siblings left to right. A parent claims all its children before
    any of them is expanded, so co-premises stay together."""

    def __init__(self, outline: Outline, seeds: Iterable[str], members: set[str] | None = None) -> None:
        self.roots: list[str] = []
        self.kids: dict[str, list[str] | tuple[()]] = {}
        self.parent: dict[str, str | None] = {}
        self.preorder: list[str] = []
        parent = self.parent
        kids_of = self.kids
        preorder = self.preorder
        children = outline.children
        answering = outline.answering
        into = outline.into
        undercut_targets = outline.undercut_targets
        total = len(members) if members is not None else len(outline)
        for seed in seeds:
            if len(parent) == total:
                break
            if seed in parent or (members is not None and seed not in members):
                continue
            parent[seed] = None
            self.roots.append(seed)
            stack = [seed]
            while stack:
                node = stack.pop()
                preorder.append(node)
                candidates: Sequence[str]
                if node in answering or node in undercut_targets:
                    candidates = children(node)
                else:
                    links = into.get(node)
                    if links is None:
                        kids_of[node] = _LEAF
                        continue
                    candidates = [p for link in links for p in link.premises] if len(links) > 1 else links[0].premises
                mine = []
                for c in candidates:
                    if c not in parent and (members is None or c in members):
                        parent[c] = node
                        mine.append(c)
                if mine:
                    kids_of[node] = mine
                    stack.extend(reversed(mine))
                else:
                    kids_of[node] = _LEAF
