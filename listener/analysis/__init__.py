"""Text analysis: normalisation, brand matching, language and sentiment."""
