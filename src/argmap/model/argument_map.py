"""`ArgumentMap`: the one way to hold and change a debate.

Statements and links are nodes of one networkx ``DiGraph`` (as in AIF: a link is a node;
premises point into it, it points at its target). Every primitive change checks the
invariants first, so a refused change leaves the graph untouched, and then emits one
change record to the subscribers.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from itertools import islice
from operator import attrgetter
from types import MappingProxyType
from typing import Any

import networkx as nx

from argmap.model.changes import (
    Change,
    LinkAdded,
    LinkChanged,
    LinkRemoved,
    MapReset,
    MetaChanged,
    StatementAdded,
    StatementChanged,
    StatementRemoved,
)
from argmap.model.errors import (
    DuplicateIdError,
    InvalidLinkError,
    InvalidStatementError,
    StillConnectedError,
    UnknownIdError,
)
from argmap.model.types import (
    Link,
    LinkKind,
    MapMeta,
    Statement,
    StatementKind,
)
from argmap.model.validation import (
    check_link_ids,
    check_link_shape,
    check_statement_ids,
    check_statement_shape,
    raise_duplicate,
    with_article,
)

Subscriber = Callable[[Change], None]
_ITEM = "item"
_log = logging.getLogger("argmap.model.subscribers")
MAX_FAILURES = 20  # failures kept until someone takes them (the oldest are dropped)


@dataclass(frozen=True)
class SubscriberFailure:
    """A subscriber raised while it was told of ``change``. The change itself stands:
    the map is consistent, every other subscriber got the record, and the edit that
    made the change is complete (and undoable)."""

    subscriber: Subscriber
    change: Change
    error: Exception

    def message(self) -> str:
        name = getattr(self.subscriber, "__qualname__", None) or type(self.subscriber).__name__
        return f"{name} failed on {type(self.change).__name__}: {type(self.error).__name__}: {self.error}"


class ArgumentMap:
    """A debate: statements, links between them, and document metadata."""

    def __init__(self, meta: MapMeta | None = None) -> None:
        self._g: nx.DiGraph = nx.DiGraph()
        self._meta = meta or MapMeta()
        self._subscribers: list[Subscriber] = []
        self._failures: list[SubscriberFailure] = []

    # ------------------------------------------------------------------ building
    @classmethod
    def from_parts(
        cls,
        meta: MapMeta,
        statements: Iterable[Statement],
        links: Iterable[Link],
        *,
        typed: bool = False,
    ) -> ArgumentMap:
        """Build a whole map at once, checking every invariant (used by loaders).

        Raises the same typed errors as the single-item changes. ``typed=True`` is for
        loaders whose values were already type-checked field by field (the project
        loader's schema): the per-field type checks are skipped; ids, references and
        every structural invariant are still checked.
        """
        amap = cls(meta)
        statements = list(statements)
        links = list(links)
        check_statement = check_statement_ids if typed else check_statement_shape
        check_link = check_link_ids if typed else check_link_shape
        for s in statements:
            check_statement(s)
        for link in links:
            check_link(link)
        # The graph is built through networkx's own storage dicts (assigning them
        # resets its cached views) with comprehensions: adding 50,000 nodes and their
        # edges one call at a time costs more than reading the file. Every edge shares
        # one empty, read-only data mapping (nothing is stored on edges). All checks run
        # before the map is returned.
        nodes: dict[str, dict[str, Statement | Link]] = {s.id: {_ITEM: s} for s in statements}
        nodes.update({link.id: {_ITEM: link} for link in links})
        if len(nodes) != len(statements) + len(links):
            raise_duplicate([*statements, *links])
        no_data = _NO_EDGE_DATA
        # ``s_succ``/``s_pred`` hold statements only: a lookup that fails there is a
        # premise that is a link or missing, or a target that is a link or missing,
        # and ``_check_link_refs`` then refuses it or (for a valid link target) allows it.
        s_succ: dict[str, Any] = {s.id: {} for s in statements}
        s_pred: dict[str, Any] = {s.id: {} for s in statements}
        succ = dict(s_succ)
        pred = dict(s_pred)
        succ.update({link.id: {link.target: no_data} for link in links})
        pred.update({link.id: dict.fromkeys(link.premises, no_data) for link in links})
        g = amap._g
        g._node = nodes
        g._adj = succ
        g._pred = pred
        for s in statements:
            if s.answers is not None:
                amap._check_answers(s)
        for link in links:
            lid = link.id
            try:
                for p in link.premises:
                    s_succ[p][lid] = no_data
            except KeyError:
                amap._check_link_refs(link)
                raise
            try:
                s_pred[link.target][lid] = no_data
            except KeyError:
                amap._check_link_refs(link)
                pred[link.target][lid] = no_data
        return amap

    def copy(self) -> ArgumentMap:
        """An independent map with the same content and no subscribers."""
        return ArgumentMap.from_parts(self._meta, self.statements(), self.links())

    # --------------------------------------------------------------- subscribers
    def subscribe(self, fn: Subscriber) -> Callable[[], None]:
        """Call ``fn`` with every change record; returns a function that unsubscribes."""
        self._subscribers.append(fn)

        def unsubscribe() -> None:
            if fn in self._subscribers:
                self._subscribers.remove(fn)

        return unsubscribe

    def take_subscriber_failures(self) -> list[SubscriberFailure]:
        """The subscriber failures since the last call (oldest first), and forget them.
        Callers that apply edits report these once the edit is complete."""
        failures, self._failures = self._failures, []
        return failures

    def _emit(self, change: Change) -> None:
        """Deliver ``change`` to every subscriber. A subscriber that raises does not
        stop the others nor the edit under way (which would leave the map half-changed
        and out of step with the undo history): the failure is logged and kept for
        ``take_subscriber_failures``."""
        for fn in list(self._subscribers):
            try:
                fn(change)
            except Exception as exc:  # noqa: BLE001 - any subscriber bug; reported, not raised
                _log.error("a subscriber failed on %s", type(change).__name__, exc_info=exc)
                self._failures.append(SubscriberFailure(fn, change, exc))
                del self._failures[:-MAX_FAILURES]

    # ------------------------------------------------------------------ queries
    @property
    def meta(self) -> MapMeta:
        return self._meta

    def __contains__(self, id_: object) -> bool:
        return id_ in self._g

    def __len__(self) -> int:
        return int(self._g.number_of_nodes())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ArgumentMap):
            return NotImplemented
        return (
            self._meta == other._meta
            and dict(self._g.nodes(data=_ITEM)) == dict(other._g.nodes(data=_ITEM))
        )

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        n_links = sum(1 for item in self._g.nodes(data=_ITEM) if isinstance(item[1], Link))
        return f"<ArgumentMap {self._meta.title!r}: {len(self) - n_links} statements, {n_links} links>"

    def item(self, id_: str) -> Statement | Link:
        try:
            item: Statement | Link = self._g.nodes[id_][_ITEM]
        except KeyError:
            raise UnknownIdError(f"no statement or link with id {id_!r}", (id_,)) from None
        return item

    def statement(self, id_: str) -> Statement:
        item = self.item(id_)
        if not isinstance(item, Statement):
            raise UnknownIdError(f"{id_!r} is a link, not a statement", (id_,))
        return item

    def link(self, id_: str) -> Link:
        item = self.item(id_)
        if not isinstance(item, Link):
            raise UnknownIdError(f"{id_!r} is a statement, not a link", (id_,))
        return item

    def is_statement(self, id_: str) -> bool:
        return id_ in self._g and isinstance(self._g.nodes[id_][_ITEM], Statement)

    def is_link(self, id_: str) -> bool:
        return id_ in self._g and isinstance(self._g.nodes[id_][_ITEM], Link)

    def statements(self) -> list[Statement]:
        """All statements, sorted by id."""
        items = [d[_ITEM] for d in self._g._node.values()]
        return sorted([i for i in items if isinstance(i, Statement)], key=_by_id)

    def links(self) -> list[Link]:
        """All links, sorted by id."""
        items = [d[_ITEM] for d in self._g._node.values()]
        return sorted([i for i in items if isinstance(i, Link)], key=_by_id)

    def items_unordered(self) -> list[Statement | Link]:
        """All statements and links in no particular order: for bulk readers (the
        layout) that sort what they need and cannot afford sorting everything."""
        return [d[_ITEM] for d in self._g._node.values()]

    def questions(self) -> list[Statement]:
        return self._sorted([s for s in self.statements() if s.kind is StatementKind.QUESTION])

    def positions(self, question_id: str) -> list[Statement]:
        """The positions answering a question, in outline order."""
        self.statement(question_id)
        return self._sorted([self._g.nodes[p][_ITEM] for p in self._answering(question_id)])

    def links_into(self, id_: str) -> list[Link]:
        """Links whose target is ``id_`` (a statement or a link), in outline order."""
        self.item(id_)
        links = [self._g.nodes[n][_ITEM] for n in self._g.predecessors(id_) if self.is_link(n)]
        return sorted(links, key=self._link_order)

    def links_from(self, id_: str) -> list[Link]:
        """Links that use statement ``id_`` as a premise."""
        self.item(id_)
        return sorted((self._g.nodes[n][_ITEM] for n in self._g.successors(id_) if self.is_link(n)), key=_by_id)

    def supporters(self, id_: str) -> list[Link]:
        """Support links into a statement."""
        return [link for link in self.links_into(id_) if link.kind is LinkKind.SUPPORT]

    def attackers(self, id_: str) -> list[Link]:
        """Attack links into a statement or link (rebuttals and undercuts)."""
        return [link for link in self.links_into(id_) if link.kind is LinkKind.ATTACK]

    def children(self, id_: str) -> list[Statement]:
        """Statements directly under ``id_`` in the outline: positions of a question, then
        premises of every link into it (and of links into those links: undercuts)."""
        seen: set[str] = set()
        out: list[Statement] = []
        if self.is_statement(id_) and self.statement(id_).kind is StatementKind.QUESTION:
            out.extend(self.positions(id_))
            seen.update(s.id for s in out)
        for link in self.links_into(id_):
            for p in link.premises:
                if p not in seen:
                    seen.add(p)
                    out.append(self.statement(p))
        return out

    def subtree(self, id_: str) -> set[str]:
        """Ids of ``id_`` and everything that argues for or against it, transitively:
        statements, the links between them, and links attacking those links."""
        self.item(id_)
        out = {id_}
        stack = [id_]
        g = self._g
        while stack:
            node = stack.pop()
            preds = list(g.predecessors(node))
            if self.is_statement(node) and g.nodes[node][_ITEM].kind is StatementKind.QUESTION:
                preds.extend(self._answering(node))
            for p in preds:
                if p not in out:
                    out.add(p)
                    stack.append(p)
        return out

    def roots(self) -> list[Statement]:
        """Statements that argue for or against nothing: questions, positions, and any
        statement that is no premise of a link, sorted in outline order."""
        g = self._g
        out = [
            item
            for n, item in g.nodes(data=_ITEM)
            if isinstance(item, Statement) and not any(True for _ in g.successors(n))
        ]
        return self._sorted(out)

    def unplaced(self) -> list[Statement]:
        """Statements with no canvas position yet (views lay them out)."""
        return [s for s in self.statements() if s.pos is None]

    def question_of(self, id_: str) -> Statement | None:
        """The question that ``id_`` (a statement or link) argues about, following
        links towards their targets and positions to the question they answer; ``None``
        when the chain reaches no question (or is ambiguous, as with a cross-link)."""
        self.item(id_)
        seen: set[str] = set()
        node: str | None = id_
        while node is not None and node not in seen:
            seen.add(node)
            item: Statement | Link = self._g.nodes[node][_ITEM]
            if isinstance(item, Link):
                node = item.target
                continue
            if item.kind is StatementKind.QUESTION:
                return item
            if item.answers is not None:
                node = item.answers
                continue
            targets = [n for n in self._g.successors(node)]
            node = targets[0] if len(targets) == 1 else None
        return None

    def counts(self) -> dict[str, int]:
        """How many statements of each kind and links of each kind the map holds."""
        out = {k.value: 0 for k in StatementKind}
        out.update({f"{k.value}_links": 0 for k in LinkKind})
        for _, item in self._g.nodes(data=_ITEM):
            if isinstance(item, Statement):
                out[item.kind.value] += 1
            else:
                out[f"{item.kind.value}_links"] += 1
        return out

    def cycles(self, limit: int = 100) -> list[list[str]]:
        """Up to ``limit`` cycles of statements (premise -> ... -> target -> ... -> premise),
        each as the statement ids in order."""
        found = []
        for cycle in islice(nx.simple_cycles(self._g), limit):
            found.append([n for n in cycle if self.is_statement(n)])
        return found

    @property
    def graph(self) -> nx.DiGraph:
        """A read-only view of the underlying graph (nodes carry ``item``)."""
        return nx.restricted_view(self._g, (), ())

    # --------------------------------------------------------- primitive changes
    def add_statement(self, s: Statement) -> None:
        check_statement_shape(s)
        if s.id in self._g:
            raise DuplicateIdError(f"id {s.id!r} is already used", (s.id,))
        if s.answers is not None:
            self._check_answers(s)
        self._g.add_node(s.id, item=s)
        self._emit(StatementAdded(s))

    def remove_statement(self, id_: str) -> Statement:
        s = self.statement(id_)
        used = sorted(set(self._g.predecessors(id_)) | set(self._g.successors(id_)))
        if used:
            raise StillConnectedError(f"statement {id_!r} is still used by links {used}", (id_, *used))
        answering = sorted(self._answering(id_))
        if answering:
            raise StillConnectedError(
                f"question {id_!r} is still answered by positions {answering}", (id_, *answering)
            )
        self._g.remove_node(id_)
        self._emit(StatementRemoved(s))
        return s

    def replace_statement(self, new: Statement) -> Statement:
        """Swap in a new value for an existing statement (same id)."""
        old = self.statement(new.id)
        check_statement_shape(new)
        if new.answers is not None:
            self._check_answers(new)
        if old.kind is StatementKind.QUESTION and new.kind is not StatementKind.QUESTION:
            answering = sorted(self._answering(new.id))
            if answering:
                raise InvalidStatementError(
                    f"{new.id!r} cannot stop being a question while positions {answering} answer it",
                    (new.id, *answering),
                )
        if old == new:
            return old
        self._g.nodes[new.id][_ITEM] = new
        self._emit(StatementChanged(old, new))
        return old

    def add_link(self, link: Link) -> None:
        check_link_shape(link)
        if link.id in self._g:
            raise DuplicateIdError(f"id {link.id!r} is already used", (link.id,))
        self._check_link_refs(link)
        self._g.add_node(link.id, item=link)
        self._g.add_edges_from([(p, link.id) for p in link.premises] + [(link.id, link.target)])
        self._emit(LinkAdded(link))

    def remove_link(self, id_: str) -> Link:
        link = self.link(id_)
        attackers = sorted(self._g.predecessors(id_))
        attackers = [a for a in attackers if self.is_link(a)]
        if attackers:
            raise StillConnectedError(f"link {id_!r} is still attacked by {attackers}", (id_, *attackers))
        self._g.remove_node(id_)
        self._emit(LinkRemoved(link))
        return link

    def replace_link(self, new: Link) -> Link:
        old = self.link(new.id)
        check_link_shape(new)
        self._check_link_refs(new)
        if old == new:
            return old
        g = self._g
        g.remove_edges_from([(p, new.id) for p in old.premises] + [(new.id, old.target)])
        g.add_edges_from([(p, new.id) for p in new.premises] + [(new.id, new.target)])
        g.nodes[new.id][_ITEM] = new
        self._emit(LinkChanged(old, new))
        return old

    def set_meta(self, meta: MapMeta) -> MapMeta:
        if not isinstance(meta, MapMeta):
            raise InvalidStatementError(f"map metadata must be a MapMeta, not {type(meta).__name__}")
        old = self._meta
        if old != meta:
            self._meta = meta
            self._emit(MetaChanged(old, meta))
        return old

    def reset_from(self, other: ArgumentMap) -> None:
        """Take over the content of ``other`` (subscribers stay) and emit ``MapReset``."""
        self._g = other._g.copy()
        self._meta = other._meta
        self._emit(MapReset())

    # ------------------------------------------------------------------ helpers
    def _answering(self, question_id: str) -> list[str]:
        # Positions point at their question through the ``answers`` field only; a scan
        # is fine: questions are few and this is not on a hot path.
        return [
            n
            for n, item in self._g.nodes(data=_ITEM)
            if isinstance(item, Statement) and item.answers == question_id
        ]

    def _sorted(self, statements: list[Statement]) -> list[Statement]:
        return sorted(statements, key=lambda s: (s.order, s.id))

    def _link_order(self, link: Link) -> tuple[float, str]:
        first = self._g.nodes[link.premises[0]][_ITEM]
        return (first.order, link.id)

    def _check_answers(self, s: Statement) -> None:
        assert s.answers is not None  # callers check answers only when there are some
        if s.kind is not StatementKind.POSITION:
            raise InvalidStatementError(
                f"{s.id!r} is {with_article(s.kind.value)}; only a position answers a question", (s.id,)
            )
        target = self._g.nodes.get(s.answers, {}).get(_ITEM) if s.answers in self._g else None
        if target is None:
            raise UnknownIdError(f"{s.id!r} answers {s.answers!r}, which does not exist", (s.id, s.answers))
        if not isinstance(target, Statement) or target.kind is not StatementKind.QUESTION:
            raise InvalidStatementError(f"{s.id!r} answers {s.answers!r}, which is not a question", (s.id, s.answers))

    def _check_link_refs(self, link: Link) -> None:
        nodes = self._g._node  # the plain dict behind ``g.nodes``: this runs per link on load
        missing = [p for p in (*link.premises, link.target) if p not in nodes]
        if missing:
            raise UnknownIdError(f"link {link.id!r} refers to missing ids {missing}", (link.id, *missing))
        for p in link.premises:
            if not isinstance(nodes[p][_ITEM], Statement):
                raise InvalidLinkError(f"link {link.id!r}: premise {p!r} is a link, not a statement", (link.id, p))
        target = nodes[link.target][_ITEM]
        if isinstance(target, Link):
            if link.kind is LinkKind.SUPPORT:
                raise InvalidLinkError(
                    f"link {link.id!r}: a support link must target a statement, not link {link.target!r}",
                    (link.id, link.target),
                )
            if self._link_chain_reaches(link.target, link.id):
                raise InvalidLinkError(f"link {link.id!r} would attack itself", (link.id,))

    def _link_chain_reaches(self, start: str, goal: str) -> bool:
        node = start
        seen = set()
        while node not in seen:
            if node == goal:
                return True
            seen.add(node)
            item = self._g.nodes[node][_ITEM]
            if not isinstance(item, Link):
                return False
            node = item.target
        return False


_by_id = attrgetter("id")
_NO_EDGE_DATA: Mapping[str, Any] = MappingProxyType({})
