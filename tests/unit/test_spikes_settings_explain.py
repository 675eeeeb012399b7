"""Sensitivity presets, per-brand overrides and the explanation attached to an alert."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from listener.detection.spike_explain import MentionRecord, explain_incident, terms_of
from listener.detection.spike_settings import PRESETS, SpikeSettings, settings_from_mapping
from listener.detection.spikes import Incident
from listener.errors import ConfigError

T0 = datetime(2026, 3, 2, 14, 0, tzinfo=UTC)


def test_presets_are_ordered_by_sensitivity() -> None:
    """high accepts more alerts and smaller excesses than balanced, low fewer."""
    low, balanced, high = PRESETS["low"], PRESETS["balanced"], PRESETS["high"]
    assert low.false_alarms_per_week < balanced.false_alarms_per_week < high.false_alarms_per_week
    assert low.min_excess > balanced.min_excess > high.min_excess
    assert low.alpha < balanced.alpha < high.alpha


def test_mapping_picks_preset_and_applies_overrides() -> None:
    """A brand table may choose a preset and override any field."""
    s = settings_from_mapping({"sensitivity": "high", "bin_minutes": 5, "cooldown_hours": 12})
    assert s.false_alarms_per_week == PRESETS["high"].false_alarms_per_week
    assert s.bin_minutes == 5
    assert s.cooldown_hours == 12
    assert settings_from_mapping({}) == SpikeSettings()


@pytest.mark.parametrize(("table", "key"), [
    ({"sensitivity": "paranoid"}, "brands.acme.spikes.sensitivity"),
    ({"cooldown": 3}, "brands.acme.spikes.cooldown"),
    ({"min_excess": "five"}, "brands.acme.spikes.min_excess"),
    ({"season_weeks": 2.5}, "brands.acme.spikes.season_weeks"),
    ({"min_excess": -1}, "brands.acme.spikes.min_excess"),
])
def test_bad_settings_name_file_and_key(table: dict[str, object], key: str) -> None:
    """Config errors say which file and which dotted key is wrong."""
    with pytest.raises(ConfigError) as err:
        settings_from_mapping(table, path="vigie.toml", key="brands.acme.spikes")
    assert err.value.key == key
    assert str(err.value).startswith(f"vigie.toml: {key}:")


def test_bin_that_does_not_divide_an_hour_is_refused() -> None:
    """Hour-of-week seasonality needs bins that tile an hour."""
    with pytest.raises(ConfigError, match="divide an hour"):
        settings_from_mapping({"bin_minutes": 7}, path="vigie.toml")


def mention(i: int, text: str, *, source: str = "news", author: str = "a",
            compound: float = -0.3, reach: int | None = None) -> MentionRecord:
    return MentionRecord(id=str(i), text=text, published_at=T0 + timedelta(minutes=i),
                         source=source, author=author, compound=compound, reach=reach)


def incident() -> Incident:
    return Incident(id=1, brand="acme", since=T0, opened_at=T0 + timedelta(minutes=15),
                    severity=2, tests={"count"}, observed=40, expected=6.0, p_value=1e-5,
                    peak_at=T0, peak_observed=40, peak_expected=6.0, model_p_value=1e-9,
                    once_in_weeks=12.0, peak_test="count")


def test_terms_drop_stopwords_urls_and_handles() -> None:
    """Terms are content words and adjacent pairs, in English and French."""
    terms = terms_of("RT @bob: the Acme refund is a scam https://t.co/x et le remboursement")
    assert {"acme", "refund", "scam", "acme refund", "remboursement"} <= terms
    assert not {"the", "bob", "rt", "et", "https"} & terms
    # French elision and accented function words: "l'appel" is "appel".
    terms = terms_of("Même après l’appel, aucune réponse. C'est très long #l'horreur")
    assert {"appel", "réponse", "#horreur"} <= terms
    assert not {"même", "après", "aucune", "c'est", "très", "l'appel"} & terms


def test_explanation_names_new_terms_sources_and_samples() -> None:
    """The window's new phrase, busiest source and worst/widest mentions are reported."""
    window = [mention(i, f"Acme battery fire again, day {i}", source="forum",
                      author=f"user{i % 2}", compound=-0.1 * i, reach=10 * i)
              for i in range(1, 9)]
    window.append(mention(20, "Acme shipping is slow", source="news", compound=-0.2))
    baseline = [mention(100 + i, "Acme shipping is slow today", compound=0.0) for i in range(30)]
    baseline += [mention(200 + i, "I like my Acme phone", compound=0.5) for i in range(30)]
    exp = explain_incident(incident(), window, baseline, top=3, samples=2)
    terms = [t.term for t in exp.new_terms]
    assert terms[0] in {"battery fire", "battery", "fire", "fire again"}
    assert "shipping" not in terms and "acme" not in terms
    assert exp.top_sources[0] == ("forum", 8)
    assert [m.id for m in exp.most_negative] == ["8", "7"]
    assert [m.id for m in exp.highest_reach] == ["8", "7"]
    assert "40 negative mentions vs 6.0 expected" in exp.headline
    assert "once in 12 weeks" in exp.headline
    data = exp.to_dict()
    assert data["new_terms"][0]["window"] == 8
    assert data["since"] == T0.isoformat()


def test_a_sources_boilerplate_is_no_new_term_when_the_spike_comes_from_it() -> None:
    """A review feed writes "Note : 1/5" and "avis sur Acme" in every review.

    When a spike comes from that feed, the baseline is compared source for
    source: its reviews said "avis" and "note" as often, so they are not new;
    what the reviews say ("remboursement", "jamais") is.
    """
    def review(i: int, body: str) -> MentionRecord:
        return mention(i, f"« Avis » — avis sur Acme. Note : 1/5\n{body}", source="reviews")

    window = [review(i, f"Commande jamais livrée, aucun remboursement ({i})") for i in range(12)]
    baseline = [review(100 + i, "Livraison correcte, rien à dire") for i in range(6)]
    baseline += [mention(200 + i, f"Acme lance une offre à Lyon, épisode {i}", source="news")
                 for i in range(30)]
    exp = explain_incident(incident(), window, baseline, top=4)
    terms = [t.term for t in exp.new_terms]
    assert "remboursement" in terms and "jamais" in " ".join(terms)
    assert not {"avis", "note", "note commande"} & set(terms)
    # The counts shown are the plain counts of mentions.
    shown = {t.term: (t.window_count, t.baseline_count) for t in exp.new_terms}
    assert shown["remboursement"] == (12, 0)


def test_phrases_do_not_span_punctuation_line_breaks_or_numbers() -> None:
    terms = terms_of("Note : 1/5\napplication lente. Service client, remboursement 3 jours")
    assert {"application lente", "service client"} <= terms
    assert not {"note application", "lente service", "client remboursement",
                "remboursement jours"} & terms


def test_the_brands_own_names_are_no_new_terms_even_as_hashtags() -> None:
    """"#AcmeTel" is in every mention of an AcmeTel outage: no news to the reader.
    The monitor passes the names of the brand's queries; by default the name's
    words and the name written as one word are left out (case and accents aside)."""
    window = [mention(i, f"#AcmeTel #Acme_Télécom Acme Tel outage day {i}, AcmeTel down")
              for i in range(8)]
    baseline = [mention(100 + i, "I like my Acme Tel phone") for i in range(20)]
    inc = replace(incident(), brand="Acme Tel")
    terms = [t.term for t in explain_incident(inc, window, baseline, top=10).new_terms]
    assert "outage" in terms
    assert not [t for t in terms if "acmetel" in t or "acme" in t.split(" ")]
    named = explain_incident(inc, window, baseline, top=10,
                             ignore_terms=["acme", "tel", "acmetel", "acme_telecom"])
    assert not [t for t in (x.term for x in named.new_terms) if "acme" in t]


def test_top_authors_leave_out_a_platforms_name_for_nobody() -> None:
    """Twelve "[deleted]" Reddit posts are not one person posting twelve times."""
    window = [mention(i, "Acme outage", author="[deleted]") for i in range(12)]
    window += [mention(20 + i, "Acme outage again", author="marc") for i in range(2)]
    exp = explain_incident(incident(), window, [], top=3)
    assert exp.top_authors == [("marc", 2)]


def test_authors_with_one_mention_each_are_no_top_authors() -> None:
    """Thirty reviews from thirty accounts: no "top authors", the number of authors."""
    window = [mention(i, "Acme commande jamais livrée", author=f"client{i}") for i in range(30)]
    window += [mention(100 + i, "Acme panne", author="marc") for i in range(3)]
    exp = explain_incident(incident(), window, [], top=3)
    assert exp.top_authors == [("marc", 3)] and exp.authors == 31
    assert exp.to_dict()["authors"] == 31


def test_explanation_of_an_empty_window_is_still_valid() -> None:
    """No stored mention (e.g. counts came from elsewhere): empty lists, headline kept."""
    exp = explain_incident(incident(), [], [])
    assert exp.new_terms == [] and exp.top_sources == [] and exp.most_negative == []
    assert exp.headline.startswith("acme: count spike (major)")


@pytest.mark.parametrize(("value", "words"), [
    (150.0, "150"), (6.04, "6.0"), (0.5, "0.5"), (0.034, "0.034"), (0.0004, "under 0.01")])
def test_expected_counts_read_as_numbers_people_can_use(value: float, words: str) -> None:
    """A quiet brand's expectation keeps its digits ("7 vs 0.034 expected", not "vs 0.0")."""
    from listener.detection.spike_explain import expected_words

    assert expected_words(value) == words
