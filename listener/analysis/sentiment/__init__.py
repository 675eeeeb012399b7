"""Sentiment analysis: fast VADER for English, lexicon-and-rules for French."""
