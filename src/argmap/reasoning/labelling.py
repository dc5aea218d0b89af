"""Labellings of a map: grounded, preferred, what-if, and a ``Labeller`` that keeps the
grounded labels of a live map up to date from its change records."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from dataclasses import dataclass, field
from types import MappingProxyType

from argmap.model import (
    ArgumentMap,
    Change,
    LinkAdded,
    LinkChanged,
    LinkKind,
    LinkRemoved,
    MapReset,
    Rating,
    StatementAdded,
    Strength,
    StatementRemoved,
)
from argmap.model.errors import UnknownIdError
from argmap.reasoning.framework import IN, OUT, Framework, Label
from argmap.reasoning.preferred_search import preferred_labellings
from argmap.reasoning.weighing import QuoteCheck, Weights, defeat_framework, weigh

#: "weighed" (the default): grounded over defeats, an attack counting only when it is at
#: least as strong as its target; "weighed-preferred": preferred over defeats; "grounded"
#: and "preferred": every attack counts (the textbook semantics).
SEMANTICS = ("weighed", "weighed-preferred", "grounded", "preferred")


@dataclass(frozen=True)
class Labelling:
    """One label for every statement and link of a map.

    ``assumptions`` holds the what-if assumptions this labelling was computed under
    (empty for a plain evaluation); they are never part of the map. ``weights`` holds
    the strengths used when the semantics weighs (None when every attack counts).
    """

    labels: Mapping[str, Label]
    semantics: str = "grounded"
    assumptions: Mapping[str, Rating] = field(default_factory=dict)
    weights: Weights | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "labels", MappingProxyType(dict(self.labels)))
        object.__setattr__(self, "assumptions", MappingProxyType(dict(self.assumptions)))

    def __getitem__(self, id_: str) -> Label:
        try:
            return self.labels[id_]
        except KeyError:
            raise UnknownIdError(f"no label for {id_!r}: not in the evaluated map", (id_,)) from None

    def __contains__(self, id_: object) -> bool:
        return id_ in self.labels

    def __iter__(self) -> Iterator[str]:
        return iter(self.labels)

    def __len__(self) -> int:
        return len(self.labels)

    def get(self, id_: str, default: Label | None = None) -> Label | None:
        return self.labels.get(id_, default)

    def with_label(self, label: Label) -> set[str]:
        return {n for n, lab in self.labels.items() if lab is label}

    def badges(self, statements: ArgumentMap | Iterable[str]) -> dict[str, str]:
        """Statement id -> "IN" / "OUT" / "UND", for ``MapScene.set_badges``, for the
        statements of a map (or the given statement ids)."""
        if isinstance(statements, ArgumentMap):
            statements = [s.id for s in statements.statements()]
        labels = self.labels
        return {n: labels[n].badge for n in statements if n in labels}


@dataclass(frozen=True)
class LabelChange:
    """A label that a what-if assumption changes."""

    id: str
    before: Label
    after: Label


@dataclass(frozen=True)
class WhatIf:
    """The result of ``what_if``: the labels under the assumptions and what changed."""

    before: Labelling
    after: Labelling
    changes: tuple[LabelChange, ...]


def grounded(amap: ArgumentMap) -> Labelling:
    """The grounded labelling: the sceptical, unique one (least committed)."""
    return Labelling(Framework.from_map(amap).grounded(), "grounded")


def preferred(amap: ArgumentMap) -> list[Labelling]:
    """Every preferred labelling (a maximal consistent point of view), sorted by IN set.
    Raises ``TooComplexError`` on maps with too many alternatives."""
    return [Labelling(labs, "preferred") for labs in preferred_labellings(Framework.from_map(amap))]


def weighed(amap: ArgumentMap, weights: Weights | None = None, base_dir: str | Path | None = None, framework: Framework | None = None) -> Labelling:
    """Grounded labels over defeats: an attack on a statement counts only when it is at
    least as strong as the statement (``weigh``); an undercut always counts.
    ``framework``: the map's compiled framework when one is at hand (a ``Labeller``'s)."""
    weights = weights if weights is not None else weigh(amap, base_dir)
    fw = defeat_framework(framework if framework is not None else Framework.from_map(amap), weights)
    return Labelling(fw.grounded(), "weighed", weights=weights)


def weighed_preferred(amap: ArgumentMap, weights: Weights | None = None, base_dir: str | Path | None = None) -> list[Labelling]:
    """Every preferred labelling over defeats (see ``weighed``)."""
    weights = weights if weights is not None else weigh(amap, base_dir)
    fw = defeat_framework(Framework.from_map(amap), weights)
    return [Labelling(labs, "weighed-preferred", weights=weights) for labs in preferred_labellings(fw)]


def evaluate(amap: ArgumentMap, semantics: str = "weighed", base_dir: str | Path | None = None, weights: Weights | None = None) -> list[Labelling]:
    """Weighed (default), grounded (one labelling each) or preferred, weighed-preferred
    (one per extension). ``base_dir`` is where quoted documents are looked for."""
    if semantics == "weighed":
        return [weighed(amap, weights, base_dir)]
    if semantics == "weighed-preferred":
        return weighed_preferred(amap, weights, base_dir)
    if semantics == "grounded":
        return [grounded(amap)]
    if semantics == "preferred":
        return preferred(amap)
    raise ValueError(f"unknown semantics {semantics!r}; use one of {', '.join(SEMANTICS)}")


def forced_labels(amap: ArgumentMap | Framework, assumptions: Mapping[str, Rating | str]) -> dict[str, Label]:
    """Assumptions as pinned labels: accepted -> IN, rejected -> OUT (undecided: none)."""
    forced: dict[str, Label] = {}
    for id_, value in assumptions.items():
        if id_ not in amap:
            raise UnknownIdError(f"cannot assume {id_!r}: no such statement or link", (id_,))
        rating = Rating(value)
        if rating is Rating.ACCEPTED:
            forced[id_] = IN
        elif rating is Rating.REJECTED:
            forced[id_] = OUT
    return forced


def what_if(
    amap: ArgumentMap,
    assumptions: Mapping[str, Rating | str],
    base: Labelling | None = None,
    weights: Weights | None = None,
    link_strengths: Mapping[str, str] | None = None,
) -> WhatIf:
    """Labels if the assumed statements were accepted (forced IN) or rejected (forced
    OUT), and every label that changes. The map is never modified. Grounded, unless
    ``weights`` are given (or ``base`` is weighed): then weighed, and ``link_strengths``
    (link id -> strong / weak / none) assumes links rated otherwise."""
    fw = Framework.from_map(amap)
    if weights is None and base is not None:
        weights = base.weights
    if link_strengths:
        before = base if base is not None else (weighed(amap, weights) if weights is not None else grounded(amap))
        merged: dict[str, Strength | str] = dict(weights.overrides) if weights is not None else {}
        merged.update(link_strengths)
        new_weights = weigh(amap, link_strengths=merged, check=_check_from(weights))
        after = weighed(amap, new_weights)
        result = _what_if(defeat_framework(fw, new_weights), assumptions, after, new_weights)
        changes = tuple(
            LabelChange(n, before.labels[n], result.after.labels[n])
            for n in sorted(result.after.labels)
            if n in before.labels and before.labels[n] is not result.after.labels[n]
        )
        return WhatIf(before, result.after, changes)
    if weights is not None:
        fw = defeat_framework(fw, weights)
    return _what_if(fw, assumptions, base, weights)


def _check_from(weights: Weights | None) -> QuoteCheck | None:
    """A quotation check that reuses the results already found for ``weights``."""
    if weights is None:
        return None
    quotes = weights.quotes
    return lambda s: quotes.get(s.id, "unchecked")


def _what_if(
    fw: Framework, assumptions: Mapping[str, Rating | str], base: Labelling | None, weights: Weights | None = None
) -> WhatIf:
    semantics = "weighed" if weights is not None else "grounded"
    before = base if base is not None else Labelling(fw.grounded(), semantics, weights=weights)
    forced = forced_labels(fw, assumptions)
    kept = {k: Rating(v) for k, v in assumptions.items() if k in forced}
    if not forced:
        return WhatIf(before, before, ())
    # Only nodes that depend on an assumption can change.
    region = fw.influenced(forced)
    labels = dict(before.labels)
    labels.update(fw.grounded(region, fixed=before.labels, forced=forced))
    after = Labelling(labels, semantics, kept, weights=weights)
    changes = tuple(
        LabelChange(n, before.labels[n], labels[n])
        for n in sorted(region)
        if n in before.labels and before.labels[n] is not labels[n]
    )
    return WhatIf(before, after, changes)


class Labeller:
    """Grounded labels of a live map, refreshed lazily from its change records.

    It keeps the compiled framework and the last labels; an edit that changes no link
    (text, rating, position) costs nothing, and a structural edit recomputes only the
    nodes that depend on what changed. Call ``detach()`` when done.
    """

    def __init__(self, amap: ArgumentMap) -> None:
        self._map = amap
        self._fw = Framework.from_map(amap)
        self._labels: dict[str, Label] | None = None
        self._dirty: set[str] = set()
        self._listeners: list[Callable[[], None]] = []
        self._unsubscribe = amap.subscribe(self._on_change)

    @property
    def map(self) -> ArgumentMap:
        return self._map

    @property
    def framework(self) -> Framework:
        return self._fw

    def detach(self) -> None:
        self._unsubscribe()
        self._listeners.clear()

    def on_stale(self, fn: Callable[[], None]) -> Callable[[], None]:
        """Call ``fn`` (no arguments) whenever an edit may have changed the labels;
        returns a function that stops it. Labels are computed only when asked."""
        self._listeners.append(fn)

        def stop() -> None:
            if fn in self._listeners:
                self._listeners.remove(fn)

        return stop

    @property
    def stale(self) -> bool:
        return self._labels is None or bool(self._dirty)

    def labelling(self) -> Labelling:
        return Labelling(self.labels(), "grounded")

    def labels(self) -> dict[str, Label]:
        """The current grounded labels (a fresh dict the caller may keep)."""
        self.update()
        return dict(self.current())

    def current(self) -> Mapping[str, Label]:
        """A read-only view of the labels as of the last ``update`` (no copy)."""
        return MappingProxyType(self._labels if self._labels is not None else {})

    def update(self) -> set[str]:
        """Bring the labels up to date; return the ids whose label changed since the
        last update (every id on the first one). Costs nothing when nothing is due."""
        if self._labels is None:
            self._labels = self._fw.grounded()
            self._dirty.clear()
            return set(self._labels)
        if not self._dirty:
            return set()
        region = self._fw.influenced(self._dirty)
        new = self._fw.grounded(region, fixed=self._labels)
        old = self._labels
        changed = {n for n, lab in new.items() if old.get(n) is not lab}
        old.update(new)
        self._dirty.clear()
        return changed

    def what_if(self, assumptions: Mapping[str, Rating | str]) -> WhatIf:
        return _what_if(self._fw, assumptions, self.labelling())

    def _on_change(self, change: Change) -> None:
        fw = self._fw
        touched = True
        if isinstance(change, StatementAdded):
            fw.add_statement(change.statement.id)
            self._dirty.add(change.statement.id)
        elif isinstance(change, StatementRemoved):
            fw.remove_statement(change.statement.id)
            self._forget(change.statement.id)
        elif isinstance(change, LinkAdded):
            fw.add_model_link(change.link)
            self._dirty.add(change.link.id)
        elif isinstance(change, LinkRemoved):
            link = change.link
            fw.remove_link(link.id)
            self._forget(link.id)
            if link.kind is LinkKind.ATTACK:
                self._dirty.add(link.target)
        elif isinstance(change, LinkChanged):
            old, new = change.old, change.new
            if (old.kind, old.premises, old.target) == (new.kind, new.premises, new.target):
                touched = False
            else:
                fw.replace_link(new)
                self._dirty.update((new.id, old.target))
        elif isinstance(change, MapReset):
            self._fw = Framework.from_map(self._map)
            self._labels = None
            self._dirty.clear()
        else:
            touched = False  # text, ratings, positions, metadata: labels do not move
        if touched:
            for fn in list(self._listeners):
                fn()

    def _forget(self, id_: str) -> None:
        self._dirty.discard(id_)
        if self._labels is not None:
            self._labels.pop(id_, None)


__all__ = [
    "Label",
    "LabelChange",
    "Labeller",
    "Labelling",
    "SEMANTICS",
    "WhatIf",
    "evaluate",
    "forced_labels",
    "grounded",
    "preferred",
    "weighed",
    "weighed_preferred",
    "what_if",
]
