"""The interface language: the translator, stored messages, and the French catalogue.

The catalogue test reads the code (``listener/`` and ``tui/``) for every
message id it uses (``tr(...)``, ``tr.n(...)``, ``tr.ctx(...)``, ``msg(...)``,
``Message(...)``, the descriptions of Textual key bindings) and checks that
French has each one, with the same fields, and nothing stale.
"""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

from listener.errors import ConfigError
from listener.i18n import (
    ENGLISH,
    Message,
    Translator,
    localise,
    message_from_json,
    msg,
    resolve_language,
    translator,
)
from listener.i18n.fr import MESSAGES

ROOT = Path(__file__).resolve().parents[2]


def _is_tr(node: ast.expr) -> bool:
    return ((isinstance(node, ast.Name) and node.id == "tr")
            or (isinstance(node, ast.Attribute) and node.attr == "tr"))


def _constants(tree: ast.Module) -> dict[str, str]:
    """Module-level ``NAME = "text"`` assignments (ids passed by name, like CAUTION)."""
    out = {}
    for node in tree.body:
        if (isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name)
                and isinstance(node.value, ast.Constant) and isinstance(node.value.value, str)):
            out[node.targets[0].id] = node.value.value
    return out


def _text(node: ast.expr, names: dict[str, str], where: str) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and node.id in names:
        return names[node.id]
    raise AssertionError(f"{where}: a message id must be a literal string (or a module "
                         f"constant), not {ast.unparse(node)}")


def used_ids() -> dict[str, tuple[bool, str]]:
    """Every message id of the code → (needs a plural pair, where it is used)."""
    found: dict[str, tuple[bool, str]] = {}
    files = sorted([*(ROOT / "listener").rglob("*.py"), *(ROOT / "tui").rglob("*.py")])
    for path in files:
        # The translator itself; and tui/language.py looks up the descriptions of
        # key bindings, which are collected from the Binding(...) calls below.
        if path.parts[-2] == "i18n" or path.name == "language.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        names = _constants(tree)
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            where = f"{path.relative_to(ROOT)}:{node.lineno}"
            func = node.func
            if _is_tr(func):
                found[_text(node.args[0], names, where)] = (False, where)
            elif isinstance(func, ast.Attribute) and _is_tr(func.value) and func.attr == "n":
                found[_text(node.args[0], names, where)] = (True, where)
            elif isinstance(func, ast.Attribute) and _is_tr(func.value) and func.attr == "ctx":
                key = f"{_text(node.args[0], names, where)}\x04{_text(node.args[1], names, where)}"
                found[key] = (False, where)
            elif isinstance(func, ast.Name) and func.id == "msg":
                found[_text(node.args[0], names, where)] = (False, where)
            elif isinstance(func, ast.Name) and func.id == "Message":
                plural = any(k.arg == "plural" for k in node.keywords)
                found[_text(node.args[0], names, where)] = (plural, where)
            elif (isinstance(func, ast.Name) and func.id == "Binding" and len(node.args) >= 3
                  and path.parts[-3:-1] != ("listener",)):
                found[f"key\x04{_text(node.args[2], names, where)}"] = (False, where)
    return found


def _neutral(text: str) -> bool:
    """An id with no words outside its fields ("{n:.1f}") reads the same in every language."""
    return not any(ch.isalpha() for part in string.Formatter().parse(text) for ch in part[0])


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_of_the_code_has_its_french_with_the_same_fields() -> None:
    used = used_ids()
    assert len(used) > 150  # the scan found the TUI and the explanations
    missing = [f"{where}: {key!r}" for key, (_, where) in used.items()
               if key not in MESSAGES and not _neutral(key.split("\x04")[-1])]
    assert not missing, "no French for:\n" + "\n".join(missing)
    for key, (plural, where) in used.items():
        if key not in MESSAGES:
            continue
        french = MESSAGES[key]
        english = key.split("\x04")[-1]
        if plural:
            assert isinstance(french, tuple) and len(french) == 2, f"{where}: {key!r} is a plural"
            forms = list(french)
        else:
            assert isinstance(french, str), f"{where}: {key!r} is not a plural"
            forms = [french]
        for form in forms:
            # A plural's French may drop {n} in the singular ("un élément") but not add fields.
            assert _fields(form) <= _fields(english) | {"n"}, (where, key, form)
            if not plural:
                assert _fields(form) == _fields(english), (where, key, form)


def test_the_french_catalogue_holds_nothing_the_code_no_longer_uses() -> None:
    stale = sorted(set(MESSAGES) - set(used_ids()))
    assert not stale, f"unused French entries: {stale}"


def test_french_writes_numbers_its_way_and_counts_zero_and_one_as_singular() -> None:
    fr = translator("fr")
    assert fr("{n:.1f}", n=2.5) == "2,5"
    assert fr("{n:,}", n=12345) == "12\u202f345"
    assert ENGLISH("{n:,}", n=12345) == "12,345"
    assert fr.n("{n} item", "{n} items", 0) == MESSAGES["{n} item"][0].format(n=0)
    assert ENGLISH.n("{n} item", "{n} items", 0) == "0 items"
    assert fr.n("{n} item", "{n} items", 2) == MESSAGES["{n} item"][1].format(n=2)
    # An id missing from the catalogue is shown in English rather than failing.
    assert fr("not in the catalogue {x}", x=1) == "not in the catalogue 1"


def test_a_stored_message_renders_in_either_language_after_a_round_trip() -> None:
    inner = Message("{copies} near-duplicates of {n} text across different accounts",
                    {"copies": 4}, plural="{copies} near-duplicates of {n} texts across "
                    "different accounts", count=2)
    tree = msg("{brand}: {tests} ({severity})", brand="Acme",
               tests=[msg("count spike"), msg("slow build-up")], severity=inner)
    tree = Message(tree.id, tree.fields, joiner=" + ")
    stored = json.loads(json.dumps(tree.to_json()))
    back = message_from_json(stored)
    assert back == Message(tree.id, {**tree.fields, "tests": list(tree.fields["tests"])},
                           joiner=" + ")
    assert ENGLISH.render(back) == ("Acme: count spike + slow build-up (4 near-duplicates of 2 "
                                    "texts across different accounts)")
    french = translator("fr").render(back)
    assert french.startswith("Acme: " + MESSAGES["count spike"] + " + ")


@pytest.mark.parametrize("data", [None, "text", {"m": 3}, {"m": "x", "f": {"a": [1]}},
                                  {"m": "x", "f": {"a": {"m": 5}}}, {"m": "x", "p": "y"}])
def test_a_damaged_stored_message_gives_none_so_the_english_text_is_shown(data: object) -> None:
    assert message_from_json(data) is None


@pytest.mark.parametrize(("env", "lang"), [
    ({"LANG": "fr_CA.UTF-8"}, "fr"),
    ({"LANG": "en_US.UTF-8", "LC_ALL": "fr_FR.UTF-8"}, "fr"),
    ({"LANG": "fr_FR.UTF-8", "LC_MESSAGES": "en_GB"}, "en"),
    ({"LANGUAGE": "de:fr", "LANG": "en_US.UTF-8"}, "fr"),
    ({"LANGUAGE": "fr", "LC_ALL": "C"}, "en"),
    ({"LANG": "de_DE.UTF-8"}, "en"),
    ({}, "en"),
])
def test_auto_follows_the_locale_like_gnu_programs(env: dict[str, str], lang: str) -> None:
    assert resolve_language("auto", env) == lang


def test_an_unknown_language_setting_names_the_key_and_the_choices() -> None:
    with pytest.raises(ConfigError, match=r"language: expected one of auto, en, fr, got 'de'"):
        resolve_language("de", {})
    assert resolve_language("fr", {"LANG": "en_US"}) == "fr"
    with pytest.raises(ValueError):
        Translator("de")


def test_a_plural_counted_by_one_field_keeps_its_own_n_field() -> None:
    """"1 of 37 members carries..." counts the weak members, while ``{n}`` is the total."""
    from listener.detection.campaign_reasons import campaign_summary

    weak = Message("{weak} of {n} members carry little evidence of their own (likelihood "
                   "ratio under {limit:.0f} each): they are flagged for arriving with the "
                   "others; check them before acting", {"weak": 1, "n": 37, "limit": 3.0},
                   plural="unused", count=1)
    french = translator("fr").render(weak)
    assert french.startswith("1 des 37 membres n’apporte guère")
    record = {"target": "Colibri", "reasons": ["a", "b", "c"],
              "reason_messages": [msg("count spike").to_json(), msg("slow build-up").to_json(),
                                  weak.to_json()],
              "figures": {"weak_members": 1, "members": 37}}
    assert campaign_summary(record) == "a; b; 1 of 37 members on weak evidence"
    assert campaign_summary(record, translator("fr")) == (
        f"{MESSAGES['count spike']}\u00a0; {MESSAGES['slow build-up']}\u00a0; "
        "1 des 37 membres sur des indices faibles")


@pytest.mark.parametrize("stored", [
    {"m": "{brand.__class__.__mro__}", "f": {"brand": "Acme"}},
    {"m": "{missing} field", "f": {"brand": "Acme"}},
    {"m": "{n:.1f}", "f": {"n": "not a number"}},
    {"m": "{0}", "f": {"n": 1}},
])
def test_a_stored_message_that_does_not_fit_shows_the_stored_english_text(stored: dict) -> None:
    """A row is data: a message id from the store never reaches into the objects of its
    fields, and a message that does not render falls back to the English text."""
    assert localise("the English text", stored, translator("fr")) == "the English text"
    assert localise("the English text", json.dumps(stored), translator("fr")) == "the English text"
    assert localise("the English text", "{not json", translator("fr")) == "the English text"


def test_percentages_in_either_language() -> None:
    assert ENGLISH.percent(0.125) == "12%" and ENGLISH.percent(3.0, "+.0%") == "+300%"
    assert translator("fr").percent(0.125) == "12\u00a0%"
    assert translator("fr").percent(12.0, "+,.0%") == "+1\u202f200\u00a0%"
