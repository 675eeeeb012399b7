"""Alerts: rules, the durable outbox and webhook delivery (generic, Slack, Discord, Teams, email, command)."""
