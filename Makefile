# Vigie: `make demo` and `make test` work on a fresh machine.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench eval setup clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Re-install only when pyproject.toml changed since the last install.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

demo: $(STAMP)
	$(BIN)/vigie demo

test: $(STAMP)
	$(BIN)/python -m ruff check listener tui tests bench
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/python -m ruff check listener tui tests bench

bench: $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python bench/ingest.py --feeds 200 --feeds 1000

# The headline evaluation figures of docs/evaluation.md, re-measured (about 2 min):
# English sentiment on the bundled held-out sets and on VADER's rated tweets and Amazon
# snippets (downloaded once from PyPI), the spike detector on NAB's
# realTweets (skipped when ../shared/datasets is absent) and the campaign
# detector on the newest fresh simulated seeds (phrase banks, then real sentences).
NAB_DIR ?= ../shared/datasets/nab-realtweets
CAMPAIGN_SEEDS ?= 3201-3210
# The same streams written with real review sentences (docs/evaluation-campaigns.md, "Stop 24").
SENT := tests/data/sentiment
CAMPAIGN_TEXTS ?= --texts $(SENT)/en_yelp_heldout.tsv --texts $(SENT)/en_imdb_heldout.tsv \
	--texts $(SENT)/en_amazon_cells_dev.tsv,$(SENT)/en_amazon_cells_dev2.tsv,$(SENT)/en_amazon_cells_heldout.tsv
eval: $(STAMP)
	$(BIN)/python bench/sentiment_eval.py tests/data/sentiment/en_yelp_heldout.tsv --baseline vader
	$(BIN)/python bench/sentiment_eval.py tests/data/sentiment/en_amazon_cells_heldout.tsv --baseline vader
	@$(BIN)/python bench/sentiment_vader_sets.py --sets tweets,amazon || \
		echo "skipped: VADER's rated sets (vaderSentiment sdist not downloadable; see docs/evaluation-sentiment.md)"
	@if [ -d "$(NAB_DIR)" ]; then $(BIN)/vigie eval spikes --nab "$(NAB_DIR)"; \
	else echo "skipped: $(NAB_DIR) not found (NAB realTweets; see docs/evaluation-spikes.md)"; fi
	$(BIN)/vigie eval campaigns --seeds $(CAMPAIGN_SEEDS)
	$(BIN)/vigie eval campaigns --seeds $(CAMPAIGN_SEEDS) $(CAMPAIGN_TEXTS)

clean:
	rm -rf $(VENV) build *.egg-info
