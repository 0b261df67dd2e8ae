"""dumps_indented writes what json.dumps(obj, ensure_ascii=False, indent=2, default=str) writes."""
from __future__ import annotations

import datetime as dt
import enum
import json
import math
import random
from pathlib import Path

import pytest

from pipeline.export.json_text import dumps_indented


class Colour(enum.Enum):
    RED = "红"


class Status(str, enum.Enum):
    OK = "ok"


class Level(enum.IntEnum):
    HIGH = 3


class Text(str):
    pass


class Number(float):
    pass


_SCALARS = ["", "督查", 'quote " back \\ slash', "\x00\x1f\x7f\u2028\ud800", "\U0001F600", "=HYPERLINK(\"x\")",
            None, True, False, 0, -1, 2 ** 70, 0.0, -0.0, 0.1, 1e300, 5e-324, math.nan, math.inf, -math.inf,
            Colour.RED, Status.OK, Level.HIGH, Text("子类"), Number(2.5), dt.date(2024, 1, 2), Path("a/b"),
            b"bytes", 1 + 2j, frozenset({1})]
_KEYS = ["", "unit", "引号\"", "\x00", 1, -2, 1.5, math.nan, True, False, None, Text("unit"), Status.OK, Level.HIGH]


def _tree(rng: random.Random, depth: int = 0):
    pick = rng.random()
    if depth > 4 or pick < 0.5:
        return rng.choice(_SCALARS)
    if pick < 0.75:
        return [_tree(rng, depth + 1) for _ in range(rng.choice([0, 1, 3]))] if rng.random() < 0.8 else tuple(
            _tree(rng, depth + 1) for _ in range(rng.choice([0, 2])))
    return {rng.choice(_KEYS): _tree(rng, depth + 1) for _ in range(rng.choice([0, 1, 4]))}


@pytest.mark.parametrize("seed", range(60))
def test_json_text_equals_json_dumps_on_random_trees(seed):
    tree = _tree(random.Random(seed))
    assert dumps_indented(tree) == json.dumps(tree, ensure_ascii=False, indent=2, default=str)


@pytest.mark.parametrize("value", _SCALARS + [[], {}, (), [[]], {"a": {}}, {1: "a", True: "b", 1.0: "c"},
                                              {"1": 1, 1: "1"}, [{1: "a"}, {True: "b"}, {1.0: "c"}, {None: 0}],
                                              [Text("a"), {Text("k"): Text("v")}]])
def test_json_text_equals_json_dumps_on_each_value(value):
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2, default=str)


def test_json_text_refuses_keys_json_refuses():
    with pytest.raises(TypeError):
        json.dumps({(1, 2): 0}, indent=2)
    with pytest.raises(TypeError):
        dumps_indented({(1, 2): 0})
