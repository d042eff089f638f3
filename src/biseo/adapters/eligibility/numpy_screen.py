"""Screen one profile against a whole catalog at once (numpy), with the same semantics as the domain evaluator.

Rules are compiled once into flat arrays: leaves (conditions) and groups (all/any) with their parents. Age,
region and free-text leaves — nine in ten — are evaluated as vectors; the rare kinds go through the domain's
own ``evaluate_condition``. Groups are then folded bottom-up with ``minimum.at``/``maximum.at``
(all = min, any = max over NOT_MET < UNKNOWN < MANUAL < MET). A test checks equality with the domain.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import cast

import numpy as np

from biseo.domain.benefits.conditions import AgeRange, Condition, Manual, Region, Truth
from biseo.domain.benefits.evaluation import applies, evaluate_condition
from biseo.domain.benefits.profile import Profile
from biseo.domain.benefits.regions import normalize_district
from biseo.domain.benefits.rules import Group, Node, ServiceRule

_MET, _UNKNOWN, _MANUAL, _NOT_MET = int(Truth.MET), int(Truth.UNKNOWN), int(Truth.MANUAL), int(Truth.NOT_MET)


class CompiledCatalog:
    def __init__(self, rules: Sequence[ServiceRule]) -> None:
        self.service_ids = [r.service_id for r in rules]
        group_mode: list[bool] = []  # True: all
        group_parent: list[int] = []
        group_depth: list[int] = []
        leaves: list[Condition] = []
        leaf_parent: list[int] = []

        def add(node: Node, parent: int, depth: int) -> None:
            if isinstance(node, Group):
                index = len(group_mode)
                group_mode.append(node.mode == "all")
                group_parent.append(parent)
                group_depth.append(depth)
                for item in node.items:
                    add(item, index, depth + 1)
            else:
                leaves.append(node)
                leaf_parent.append(parent)

        self.roots = np.empty(len(rules), dtype=np.int64)
        for i, rule in enumerate(rules):
            self.roots[i] = len(group_mode)
            add(rule.root, -1, 0)
        self.leaves = leaves
        self.group_all = np.array(group_mode, dtype=bool)
        self.group_parent = np.array(group_parent, dtype=np.int64)
        self.group_depth = np.array(group_depth, dtype=np.int64)
        self.leaf_parent = np.array(leaf_parent, dtype=np.int64)
        self.group_has_children = np.zeros(len(group_mode), dtype=bool)
        self.group_has_children[self.leaf_parent] = True
        self.group_has_children[self.group_parent[self.group_parent >= 0]] = True
        self._compile_leaves()

    def _compile_leaves(self) -> None:
        kinds = [type(c) for c in self.leaves]
        self.age_idx = np.array([i for i, k in enumerate(kinds) if k is AgeRange], dtype=np.int64)
        ages = [self.leaves[i] for i in self.age_idx]
        self.age_min = np.array([a.minimum if a.minimum is not None else -1 for a in ages], dtype=np.int64)
        self.age_max = np.array([a.maximum if a.maximum is not None else 10**6 for a in ages], dtype=np.int64)
        self.manual_idx = np.array([i for i, k in enumerate(kinds) if k is Manual], dtype=np.int64)
        region_leaf, region_sido, region_whole, region_name, region_code = [], [], [], [], []
        self.region_idx = np.array([i for i, k in enumerate(kinds) if k is Region], dtype=np.int64)
        for i in self.region_idx:
            region = self.leaves[i]
            assert isinstance(region, Region)
            for area in region.areas:
                region_leaf.append(i)
                region_sido.append(area.sido)
                region_whole.append(area.sigungu is None and area.code is None)
                region_name.append(normalize_district(area.sigungu) if area.sigungu else "")
                region_code.append(area.code or "")
        self.area_leaf = np.array(region_leaf, dtype=np.int64)
        self.area_sido = np.array(region_sido, dtype=object)
        self.area_whole = np.array(region_whole, dtype=bool)
        self.area_name = np.array(region_name, dtype=object)
        self.area_code = np.array(region_code, dtype=object)
        special = set(self.age_idx.tolist()) | set(self.manual_idx.tolist()) | set(self.region_idx.tolist())
        self.other_idx = [i for i in range(len(self.leaves)) if i not in special]
        dated = [i for i, c in enumerate(self.leaves) if c.valid_from is not None]
        self.dated_idx = np.array(dated, dtype=np.int64)
        self.dated_from = [self.leaves[i].valid_from for i in dated]

    def truths(self, profile: Profile, day: date) -> Sequence[int]:
        """One truth value (``Truth`` as int) per service, in catalog order: an int8 array."""
        values = np.full(len(self.leaves), _UNKNOWN, dtype=np.int8)
        values[self.manual_idx] = _MANUAL
        age = profile.age_on(day)
        if age is not None and len(self.age_idx):
            inside = (self.age_min <= age) & (age <= self.age_max)
            values[self.age_idx] = np.where(inside, _MET, _NOT_MET)
        if len(self.region_idx):
            values[self.region_idx] = self._regions(profile)
        for i in self.other_idx:
            values[i] = int(evaluate_condition(self.leaves[i], profile, day).truth)
        for i, valid_from in zip(self.dated_idx.tolist(), self.dated_from, strict=True):
            if valid_from is not None and not applies(self.leaves[i], day):
                values[i] = _MET
        return cast("Sequence[int]", self._fold(values))

    def _regions(self, profile: Profile) -> np.ndarray:
        n = len(self.leaves)
        result = np.full(n, _UNKNOWN, dtype=np.int8)
        if profile.sido is None:
            return result[self.region_idx]
        same = self.area_sido == profile.sido
        # verdict per area: 2 match, 1 undecidable, 0 no match, -1 other 시도
        verdict = np.full(len(self.area_leaf), -1, dtype=np.int8)
        verdict[same & self.area_whole] = 2
        specific = same & ~self.area_whole
        if profile.sigungu_code:
            coded = specific & (self.area_code != "")
            verdict[coded] = np.where(self.area_code[coded] == profile.sigungu_code, 2, 0)
            specific = specific & ~coded
        if profile.sigungu:
            named = specific & (self.area_name != "")
            verdict[named] = np.where(self.area_name[named] == normalize_district(profile.sigungu), 2, 0)
            specific = specific & ~named
        verdict[specific] = 1
        best = np.full(n, -1, dtype=np.int8)
        np.maximum.at(best, self.area_leaf, verdict)
        undecided = np.zeros(n, dtype=bool)
        undecided[self.area_leaf[verdict == 1]] = True
        out = np.where(
            best == 2, _MET, np.where(best == -1, _NOT_MET, np.where(undecided, _UNKNOWN, _NOT_MET))
        )
        return out[self.region_idx].astype(np.int8)

    def _fold(self, leaf_values: np.ndarray) -> np.ndarray:
        groups = np.where(self.group_all, _MET, _NOT_MET).astype(np.int8)
        self._push(groups, self.leaf_parent, leaf_values)
        for depth in range(int(self.group_depth.max(initial=0)), 0, -1):
            at = np.nonzero(self.group_depth == depth)[0]
            empty = ~self.group_has_children[at]
            values = np.where(empty, _MET, groups[at]).astype(np.int8)
            self._push(groups, self.group_parent[at], values)
        root_values = groups[self.roots]
        return np.where(self.group_has_children[self.roots], root_values, _MET).astype(np.int8)

    def _push(self, groups: np.ndarray, parents: np.ndarray, values: np.ndarray) -> None:
        into_all = self.group_all[parents]
        np.minimum.at(groups, parents[into_all], values[into_all])
        np.maximum.at(groups, parents[~into_all], values[~into_all])
