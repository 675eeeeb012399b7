"""``[alerts]`` parsing: rules, channels, ``${VAR}`` secrets and errors that name the key."""

from __future__ import annotations

import pytest

from listener.alerts.config import parse_alerts, resolve_channel
from listener.config import parse_config
from listener.errors import ConfigError

_CHANNELS = [
    {"name": "ops", "kind": "webhook", "url": "https://hooks.example.org/${HOOK_PATH}",
     "secret": "${HOOK_SECRET}"},
    {"name": "slack", "kind": "slack", "url": "${SLACK_URL}"},
    {"name": "teams", "kind": "teams", "url": "https://example.webhook.office.com/wf/1"},
    {"name": "mail", "kind": "command", "command": ["mail", "-s", "Vigie", "ops@example.org"]},
]


def _table(**rule: object) -> dict[str, object]:
    base = {"events": ["spike.opened"], "channels": ["mail"]}
    base.update(rule)
    return {"channels": _CHANNELS, "rules": [base]}


def test_rules_and_channels_parse() -> None:
    """A full table parses; wildcards and the campaign.suspected alias expand."""
    cfg = parse_alerts(_table(events=["spike.*", "campaign.suspected"], brands=["Bleuet"],
                              min_severity="major", cooldown="15m"), "v.toml", env={})
    rule = cfg.rules[0]
    assert rule.events == ("spike.opened", "spike.escalated", "spike.resolved",
                           "campaign.opened")
    assert rule.cooldown == 900 and rule.min_severity == "major"
    assert [c.kind for c in cfg.channels] == ["webhook", "slack", "teams", "command"]


def test_unset_variable_in_used_channel_names_key_and_variable() -> None:
    """A rule using a channel whose secret variable is unset fails at load."""
    with pytest.raises(ConfigError) as err:
        parse_alerts(_table(channels=["ops"]), "v.toml", env={"HOOK_PATH": "x"})
    assert "alerts.channels[0].secret" in str(err.value) and "HOOK_SECRET" in str(err.value)


def test_unused_channel_may_name_unset_variables() -> None:
    """An unused channel is not resolved at load; resolving it later names the variable."""
    cfg = parse_alerts(_table(), "v.toml", env={})
    assert not cfg.channels[1].resolved
    with pytest.raises(ConfigError, match="SLACK_URL"):
        resolve_channel(cfg.channels[1], index=1, path="v.toml", env={})


def test_secrets_are_resolved_and_hidden_from_repr() -> None:
    """Resolved secrets are used but never shown by repr (so never in a logged config)."""
    env = {"HOOK_PATH": "p/tok3n", "HOOK_SECRET": "s3cr3t"}
    cfg = parse_alerts(_table(channels=["ops"]), "v.toml", env=env)
    ops = cfg.channels[0]
    assert ops.url == "https://hooks.example.org/p/tok3n" and ops.secret == "s3cr3t"
    assert "s3cr3t" not in repr(cfg)


@pytest.mark.parametrize(("rule", "key", "words"), [
    ({"events": ["spike.exploded"]}, "alerts.rules[0].events", "unknown event kind"),
    ({"channels": ["nowhere"]}, "alerts.rules[0].channels", "no [[alerts.channels]]"),
    ({"min_severity": "huge"}, "alerts.rules[0].min_severity", "minor, major, critical"),
    ({"labels": ["angry"]}, "alerts.rules[0].labels", "negative"),
    ({"cooldown": "soon"}, "alerts.rules[0].cooldown", "duration"),
    ({"colour": "red"}, "alerts.rules[0].colour", "unknown key"),
])
def test_rule_errors_name_the_key(rule: dict[str, object], key: str, words: str) -> None:
    """Each invalid rule key is reported with its dotted key."""
    with pytest.raises(ConfigError) as err:
        parse_alerts(_table(**rule), "v.toml", env={})
    assert err.value.key == key and words in str(err.value)


def test_channel_errors_name_the_key() -> None:
    """Channel kinds, missing URL/command and duplicates are errors on their key."""
    cases = [
        ({"name": "x", "kind": "pigeon", "url": "https://a"}, "alerts.channels[0].kind"),
        ({"name": "x", "kind": "webhook"}, "alerts.channels[0].url"),
        ({"name": "x", "kind": "command"}, "alerts.channels[0].command"),
        ({"name": "x", "kind": "slack", "url": "ftp://a"}, "alerts.channels[0].url"),
        ({"name": "x", "kind": "slack", "url": "https://a", "secret": "s"},
         "alerts.channels[0].secret"),
        ({"name": "x", "kind": "teams"}, "alerts.channels[0].url"),
        ({"name": "x", "kind": "email", "from": "v@ex.org", "to": ["a@ex.org"]},
         "alerts.channels[0].url"),
        ({"name": "x", "kind": "email", "url": "https://ex.org", "from": "v@ex.org",
          "to": ["a@ex.org"]}, "alerts.channels[0].url"),
        ({"name": "x", "kind": "email", "url": "smtp://u:p@ex.org", "from": "v@ex.org",
          "to": ["a@ex.org"]}, "alerts.channels[0].url"),
        ({"name": "x", "kind": "email", "url": "smtp://ex.org", "to": ["a@ex.org"]},
         "alerts.channels[0].from"),
        ({"name": "x", "kind": "email", "url": "smtp://ex.org", "from": "v@ex.org"},
         "alerts.channels[0].to"),
        ({"name": "x", "kind": "email", "url": "smtp://ex.org", "from": "v@ex.org",
          "to": ["not an address"]}, "alerts.channels[0].to"),
        ({"name": "x", "kind": "email", "url": "smtp://ex.org", "from": "v@ex.org",
          "to": ["a@ex.org"], "username": "v"}, "alerts.channels[0].password"),
        ({"name": "x", "kind": "email", "url": "smtp://ex.org", "from": "v@ex.org",
          "to": ["a@ex.org"], "secret": "s"}, "alerts.channels[0].secret"),
        ({"name": "x", "kind": "slack", "url": "https://a", "to": ["a@ex.org"]},
         "alerts.channels[0].to"),
        ({"name": "x", "kind": "teams", "url": "https://a", "secret": "s"},
         "alerts.channels[0].secret"),
    ]
    for channel, key in cases:
        with pytest.raises(ConfigError) as err:
            parse_alerts({"channels": [channel]}, "v.toml", env={})
        assert err.value.key == key, channel
    dup = {"name": "x", "kind": "command", "command": ["true"]}
    with pytest.raises(ConfigError) as err:
        parse_alerts({"channels": [dup, dup]}, "v.toml", env={})
    assert err.value.key == "alerts.channels[1].name"


def test_alerts_table_in_a_config_file() -> None:
    """The [alerts] table of vigie.toml reaches Config.alerts."""
    cfg = parse_config('[alerts]\nmax_attempts = 3\nbackoff_base = "1s"\n'
                       '[[alerts.channels]]\nname = "log"\nkind = "command"\ncommand = ["cat"]\n'
                       '[[alerts.rules]]\nevents = ["mention"]\nchannels = ["log"]\n'
                       'keywords = ["arnaque"]\n')
    assert cfg.alerts.max_attempts == 3 and cfg.alerts.backoff_base == 1.0
    assert cfg.alerts.rules[0].keywords == ("arnaque",)


def test_an_email_channel_parses_and_resolves_its_login() -> None:
    """smtp(s) URL, from, to, and a login from the environment, kept out of repr."""
    table = {"channels": [{"name": "mail", "kind": "email", "url": "smtps://smtp.ex.org",
                           "from": "Vigie <vigie@ex.org>", "to": ["cm@ex.org"],
                           "username": "vigie@ex.org", "password": "${SMTP_PASSWORD}"}],
             "rules": [{"events": ["mention"], "channels": ["mail"]}]}
    (channel,) = parse_alerts(table, "v.toml", env={"SMTP_PASSWORD": "pw-123"}).channels
    assert (channel.sender, channel.recipients, channel.password) == (
        "Vigie <vigie@ex.org>", ("cm@ex.org",), "pw-123")
    assert "pw-123" not in repr(channel)
    with pytest.raises(ConfigError) as err:
        parse_alerts(table, "v.toml", env={})
    assert err.value.key == "alerts.channels[0].password" and "SMTP_PASSWORD" in str(err.value)
