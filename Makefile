# Homeward: `make run` to try it, `make test` to check it.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEV_STAMP := $(VENV)/.installed-dev
export FLASK_APP := app

.PHONY: run test test-unit test-browser lint install install-dev chromium clean bench translations

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	touch $@

$(DEV_STAMP): pyproject.toml $(STAMP)
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

install: $(STAMP)
install-dev: $(DEV_STAMP)

## run: migrate, load the demo into an empty database, serve web + reminder worker on :5000
run: $(STAMP)
	$(BIN)/flask migrate
	$(BIN)/flask demo --if-empty
	$(BIN)/flask push ensure-keys
	PORT=5000 HOST=127.0.0.1 PATH="$(CURDIR)/$(BIN):$$PATH" $(BIN)/honcho start -f Procfile web worker

## chromium: Debian's Chromium for the browser tests (installed once, as root)
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi; }

## lint: ruff and bandit
lint: $(DEV_STAMP)
	$(BIN)/ruff check app tests bench
	$(BIN)/bandit -q -r app -lll

## test: the whole suite (unit, integration and browser tests)
test: $(DEV_STAMP) chromium lint
	$(BIN)/python -m pytest

test-unit: $(DEV_STAMP)
	$(BIN)/python -m pytest --ignore=tests/browser

## bench: the benchmark suite on SQLite and PostgreSQL (about 7-10 minutes); writes docs/benchmarks.md
bench: $(DEV_STAMP) chromium
	$(BIN)/python -m bench.run_all

## translations: extract the interface text, update each language's .po, compile the .mo files
## (docs/translations.md; the compiled .mo files are committed so a fresh clone needs no build step)
I18N := app/translations
I18N_KEYWORDS := -k _l -k lazy_gettext -k lazy_ngettext:1,2
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg $(I18N_KEYWORDS) -c TRANSLATORS: --project=Homeward \
	  --add-location=file --sort-by-file --no-wrap -o $(I18N)/messages.pot .
	$(BIN)/pybabel update -i $(I18N)/messages.pot -d $(I18N) --no-wrap --ignore-obsolete --no-fuzzy-matching
	$(BIN)/pybabel compile -d $(I18N) --statistics

clean:
	rm -rf $(VENV) .pytest_cache
