# observability.mk: checks and demo of the observability targets.
#
# make check runs, against the real build/logschema:
#   the LogQL validator's own tests (Grafana's grammar plus Loki's rules),
#   the observability tests (every generated LogQL expression, dashboard,
#   rules, pipelines, ts layout against the generated C, reference coverage),
#   and the stream-cardinality unit test.

NPM ?= npm
NODE ?= node

LOGQL_DIR := $(BUILD)/logql
LOGQL_STAMP := $(LOGQL_DIR)/node_modules/.installed
OBS_OUT := $(BUILD)/observability
CARDINALITY_TEST := $(BUILD)/tests/test_cardinality

# Grafana's LogQL grammar, at the versions pinned in tests/logql.
$(LOGQL_STAMP): tests/logql/package.json tests/logql/package-lock.json
	@mkdir -p $(LOGQL_DIR)
	@cp tests/logql/package.json tests/logql/package-lock.json $(LOGQL_DIR)/
	$(QUIET_GEN)$(NPM) ci --prefix $(LOGQL_DIR) --no-audit --no-fund --loglevel=error
	@touch $@

$(CARDINALITY_TEST): tests/observability/test_cardinality.c $(LIBLOGSCHEMA)
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) -o $@ $< $(LIBLOGSCHEMA) $(LDFLAGS) $(LIBS) -lcmocka

check-observability: $(LOGSCHEMA) $(LOGQL_STAMP) $(CARDINALITY_TEST)
	@$(CARDINALITY_TEST) >$(CARDINALITY_TEST).log 2>&1 || \
		{ cat $(CARDINALITY_TEST).log; echo "FAIL: $(CARDINALITY_TEST)" >&2; exit 1; }
	@echo "  ok test_cardinality ($$(grep -c '^\[       OK \]' $(CARDINALITY_TEST).log) tests)"
	@LOGQL_MODULES=$(abspath $(LOGQL_DIR))/node_modules \
		LOGSCHEMA=$(abspath $(LOGSCHEMA)) OBS_OUT=$(abspath $(OBS_OUT)) \
		$(NODE) --test --test-reporter=spec \
		tests/logql/validate.test.mjs \
		tests/observability/observability.test.mjs

CHECK_TARGETS += check-observability

# Every observability target for found-footy, in build/demo/.
DEMO_DIR := $(BUILD)/demo
OBS_TARGETS := markdown alloy promtail grafana loki-rules

demo-observability: $(LOGSCHEMA) $(LOGQL_STAMP)
	@for t in $(OBS_TARGETS); do \
		mkdir -p $(DEMO_DIR)/$$t && \
		$(LOGSCHEMA) generate -s schema/found-footy --target $$t \
			-o $(DEMO_DIR)/$$t || exit 1; \
	done
	@echo "  demo: $(DEMO_DIR)/{$$(echo $(OBS_TARGETS) | tr ' ' ,)}"
	@LOGQL_MODULES=$(abspath $(LOGQL_DIR))/node_modules $(NODE) \
		tests/logql/validate.mjs $(DEMO_DIR)/grafana/dashboard.json \
		$(DEMO_DIR)/loki-rules/rules.yaml $(DEMO_DIR)/markdown/LOGGING.md

DEMO_TARGETS += demo-observability

.PHONY: check-observability demo-observability
