"""Fetching and parsing sources: the polite HTTP fetcher and the feed parsers."""
