# examples.mk: the example service, built on the generated found-footy API.
#
# make demo runs it twice, with LOG_FORMAT=json and LOG_FORMAT=pretty.
# make check builds it with -Werror, lints it with our own linter and checks
# every line it writes against the catalogue.

EXAMPLE_SERVICE := $(BUILD)/examples/service
EXAMPLE_GEN_DIR := $(BUILD)/gen

EXAMPLE_CFLAGS := -std=c11
EXAMPLE_CFLAGS += -O2
EXAMPLE_CFLAGS += -Wall
EXAMPLE_CFLAGS += -Wextra
EXAMPLE_CFLAGS += -Wpedantic
EXAMPLE_CFLAGS += -Werror
EXAMPLE_CFLAGS += -I$(EXAMPLE_GEN_DIR)

$(EXAMPLE_SERVICE): examples/service/main.c $(EXAMPLE_GEN_DIR)/ffl_log.c \
		$(EXAMPLE_GEN_DIR)/ffl_log.h
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(EXAMPLE_CFLAGS) -o $@ examples/service/main.c \
		$(EXAMPLE_GEN_DIR)/ffl_log.c -pthread

demo-service: $(EXAMPLE_SERVICE)
	@echo "  demo: examples/service with LOG_FORMAT=json"
	@LOG_FORMAT=json $(EXAMPLE_SERVICE)
	@echo "  demo: examples/service with LOG_FORMAT=pretty"
	@LOG_FORMAT=pretty $(EXAMPLE_SERVICE)

DEMO_TARGETS += demo-service

# A verb still missing from the binary is reported, not passed silently.
check-examples: $(EXAMPLE_SERVICE) $(LOGSCHEMA)
	@LOG_LEVEL=DEBUG $(EXAMPLE_SERVICE) 2>$(EXAMPLE_SERVICE).log
	@if $(LOGSCHEMA) check-logs --help >/dev/null 2>&1; then \
		$(LOGSCHEMA) check-logs -s schema/found-footy \
			$(EXAMPLE_SERVICE).log >/dev/null || exit 1; \
		echo "  ok examples/service lines pass check-logs"; \
	else \
		echo "  skip check-logs of examples/service (no check-logs verb)"; \
	fi
	@if $(LOGSCHEMA) lint --help >/dev/null 2>&1; then \
		$(LOGSCHEMA) lint -s schema/found-footy examples/service/main.c \
			-- $(EXAMPLE_CFLAGS) || exit 1; \
		echo "  ok examples/service is lint-clean"; \
	else \
		echo "  skip lint of examples/service (no lint verb)"; \
	fi

CHECK_TARGETS += check-examples

.PHONY: demo-service check-examples
