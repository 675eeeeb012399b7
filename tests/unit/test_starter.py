"""``vigie init``: a starter configuration the daemon accepts, never written over a file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from listener.analysis.query import compile_query
from listener.cli import main
from listener.config import load_config, parse_config
from listener.errors import ConfigError
from listener.starter import StarterOptions, handle, starter_config


def _config(**kw: object):
    options = StarterOptions(today=date(2026, 12, 7), **kw)  # type: ignore[arg-type]
    return parse_config(starter_config(options), path=Path("vigie.toml"))


def test_each_brand_gets_its_phrase_and_handle_and_public_search_feeds() -> None:
    cfg = _config(brands=["Bleuet Mobile", "Colibri Livraison"], country="CA")
    assert [b.name for b in cfg.brands] == ["Bleuet Mobile", "Colibri Livraison"]
    query = compile_query(cfg.brands[0].queries[0])
    assert query.matches("Panne chez BLEUET MOBILE ce matin")
    assert query.matches("encore en panne #bleuetmobile")
    assert not query.matches("un bleuet sur mon mobile")
    assert cfg.brands[0].languages == ("fr", "en")
    mine = [s for s in cfg.sources if s.brands == ("Bleuet Mobile",)]
    hosts = sorted(urlsplit(s.url).hostname or "" for s in mine)
    assert hosts == ["mastodon.social", "news.google.com", "news.google.com", "www.reddit.com"]
    news = [parse_qs(urlsplit(s.url).query) for s in mine if "news.google" in s.url]
    assert [(q["q"], q["hl"], q["ceid"]) for q in news] == [
        (['"Bleuet Mobile"'], ["fr-CA"], ["CA:fr"]), (['"Bleuet Mobile"'], ["en-CA"], ["CA:en"])]
    assert any(s.url == "https://mastodon.social/tags/bleuetmobile.rss" for s in mine)
    assert all(s.kind == "feed" for s in mine)


def test_editions_by_language_and_the_optional_sources() -> None:
    cfg = _config(brands=["Acme"], languages=("fr",), mastodon=None, reddit=False,
                  hackernews=True, lemmy="jlai.lu")
    kinds = sorted((s.kind, urlsplit(s.url).hostname) for s in cfg.sources)
    assert kinds == [("feed", "news.google.com"), ("hackernews", "hn.algolia.com"),
                     ("lemmy", "jlai.lu")]
    assert cfg.sources[-1].url == "https://jlai.lu/api/v3/search?q=Acme"
    news = parse_qs(urlsplit(cfg.sources[0].url).query)
    assert (news["hl"], news["gl"], news["ceid"]) == (["fr"], ["FR"], ["FR:fr"])
    assert cfg.brands[0].queries == ('"Acme"',)  # a one-word name is its own handle


@pytest.mark.parametrize("name", ["L'Oréal", "Ben & Jerry's", 'The "Best" Co', "AND", "3M",
                                  "Société Générale", "(Acme"])
def test_awkward_names_still_give_a_valid_file(name: str) -> None:
    cfg = _config(brands=[name])
    assert cfg.brands[0].name == " ".join(name.split())
    assert cfg.sources


def test_handle_drops_accents_spaces_and_punctuation() -> None:
    assert handle("Société Générale") == "societegenerale"
    assert handle("L'Oréal") == "loreal"
    assert handle("!!!") == ""
    # folded as the query matcher folds: ligatures and ß spelled out, not dropped
    assert handle("Cœur de Lion") == "coeurdelion"
    assert handle("Straße") == "strasse"
    assert compile_query('"Cœur de Lion" OR coeurdelion').matches("vu chez #CoeurDeLion")


@pytest.mark.parametrize(("kw", "says"), [
    ({"brands": []}, "at least one brand"),
    ({"brands": ["!!!"]}, "no letters or digits"),
    ({"brands": ["Acme", "ACME"]}, "given twice"),
    ({"brands": ["Acme"], "languages": ("french",)}, "ISO 639-1"),
    ({"brands": ["Acme"], "country": "FRA"}, "two-letter country"),
    ({"brands": ["Acme"], "mastodon": "https://mastodon.social/"}, "host name"),
    ({"brands": ["Acme"], "lemmy": "jlai.lu/c/france"}, "--lemmy 'jlai.lu/c/france'"),
])
def test_bad_options_are_named(kw: dict[str, object], says: str) -> None:
    with pytest.raises(ConfigError, match=says):
        starter_config(StarterOptions(**kw))  # type: ignore[arg-type]


def test_cli_writes_the_file_once_and_never_replaces_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("VIGIE_CONFIG", raising=False)
    assert main(["status"]) == 2
    assert "vigie init --brand NAME" in capsys.readouterr().err

    assert main(["init", "--brand", "Bleuet Mobile", "--lang", "FR", "--country", "ca"]) == 0
    out = capsys.readouterr().out
    assert "wrote vigie.toml: 1 brand(s), 3 source(s)" in out and "vigie check-config" in out
    cfg = load_config()
    assert cfg.storage.path.resolve() == (tmp_path / "vigie.db").resolve()
    assert cfg.brands[0].languages == ("fr",)
    before = (tmp_path / "vigie.toml").read_bytes()

    assert main(["init", "--brand", "Other"]) == 2
    err = capsys.readouterr().err
    assert "vigie.toml: already exists" in err and "--config NEW.toml" in err
    assert (tmp_path / "vigie.toml").read_bytes() == before

    other = tmp_path / "conf" / "other.toml"
    assert main(["init", "--brand", "Other", "--config", str(other)]) == 0
    assert f"--config {other}" in capsys.readouterr().out
    assert load_config(other).brands[0].name == "Other"


def test_cli_stdout_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["init", "--brand", "Acme", "--stdout", "--no-mastodon", "--no-reddit"]) == 0
    text = capsys.readouterr().out
    assert parse_config(text).brands[0].name == "Acme"
    assert not (tmp_path / "vigie.toml").exists()
    assert main(["init"]) == 2
    assert "give at least one brand" in capsys.readouterr().err
