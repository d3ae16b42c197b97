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

# Every line the service writes passes check-logs; its source lints clean.
check-examples: $(EXAMPLE_SERVICE) $(LOGSCHEMA)
	@LOG_LEVEL=DEBUG $(EXAMPLE_SERVICE) 2>$(EXAMPLE_SERVICE).log
	@$(LOGSCHEMA) check-logs -s schema/found-footy --werror -q \
		$(EXAMPLE_SERVICE).log
	@echo "  ok examples/service lines pass check-logs"
	@$(LOGSCHEMA) lint -s schema/found-footy examples/service/main.c \
		-- $(EXAMPLE_CFLAGS)
	@echo "  ok examples/service is lint-clean"

CHECK_TARGETS += check-examples

.PHONY: demo-service check-examples
