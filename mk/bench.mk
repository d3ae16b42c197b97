# bench.mk: the side-by-side benchmarks; not part of `make check`.
#
#   make bench          install what is missing (as root), build, run them
#                       all and write bench/RESULTS.md
#   make bench-build    build build/bench/logbench only
#   make bench-deps     the Debian packages of the contenders and tools
#
#   BENCH_ROUNDS, BENCH_BATCHES, BENCH_RUNS, BENCH_LOG_LINES and
#   BENCH_CORPUS_FILES size the run; see bench/run.sh. After a change of
#   bench/why.md or bench/contenders.md alone, `BENCH_DIR=build/bench sh
#   bench/run.sh bench/RESULTS.md --assemble` rewrites the file from the
#   last run.

BENCH_CFLAGS ?= -O2 -g
BENCH_CXXFLAGS ?= -O2 -g
BENCH_ROUNDS ?= 7
BENCH_BATCHES ?= 10
BENCH_RUNS ?= 5
BENCH_LOG_LINES ?= 1000000
BENCH_CORPUS_FILES ?= 320

BENCH_DIR := $(BUILD)/bench
BENCH_GEN := $(BENCH_DIR)/gen
BENCH_SCHEMA := $(BENCH_DIR)/schema
LOGBENCH := $(BENCH_DIR)/logbench

BENCH_DEB_PACKAGES := libspdlog-dev
BENCH_DEB_PACKAGES += libfmt-dev
BENCH_DEB_PACKAGES += libcjson-dev
BENCH_DEB_PACKAGES += liblog4c-dev
BENCH_DEB_PACKAGES += libjansson-dev
BENCH_DEB_PACKAGES += hyperfine
BENCH_DEB_PACKAGES += strace
BENCH_DEB_PACKAGES += valgrind
BENCH_DEB_PACKAGES += jq
BENCH_DEB_PACKAGES += python3
BENCH_DEB_PACKAGES += clang-14
BENCH_DEB_PACKAGES += clang-tidy-14

BENCH_BASIC_CFLAGS := -std=c11
BENCH_BASIC_CFLAGS += -D_GNU_SOURCE
BENCH_BASIC_CFLAGS += -Wall
BENCH_BASIC_CFLAGS += -Wextra
BENCH_BASIC_CFLAGS += -Wno-unused-parameter
BENCH_BASIC_CFLAGS += -pthread
BENCH_BASIC_CFLAGS += -Ibench
BENCH_BASIC_CFLAGS += -I$(BENCH_GEN)
BENCH_BASIC_CFLAGS += -I/usr/include/cjson
BENCH_BASIC_CFLAGS += -MMD -MP
ifeq ($(DEVELOPER),1)
BENCH_BASIC_CFLAGS += -Werror
endif

BENCH_BASIC_CXXFLAGS := -std=c++17
BENCH_BASIC_CXXFLAGS += -Wall
BENCH_BASIC_CXXFLAGS += -Wextra
BENCH_BASIC_CXXFLAGS += -pthread
BENCH_BASIC_CXXFLAGS += -DSPDLOG_SHARED_LIB
BENCH_BASIC_CXXFLAGS += -DSPDLOG_COMPILED_LIB
BENCH_BASIC_CXXFLAGS += -DSPDLOG_FMT_EXTERNAL
BENCH_BASIC_CXXFLAGS += -Ibench
BENCH_BASIC_CXXFLAGS += -MMD -MP

BENCH_LIBS := -lspdlog
BENCH_LIBS += -lfmt
BENCH_LIBS += -lcjson
BENCH_LIBS += -ljansson
BENCH_LIBS += -llog4c
BENCH_LIBS += -pthread
BENCH_LIBS += -lm

BENCH_SRCS := $(sort $(wildcard bench/*.c))
BENCH_OBJS := $(patsubst bench/%.c,$(BENCH_DIR)/obj/%.o,$(BENCH_SRCS))
BENCH_OBJS += $(BENCH_DIR)/obj/spdlog_shim.o
BENCH_OBJS += $(BENCH_DIR)/obj/ffl_log.o

ifneq ($(V),1)
QUIET_CXX = @echo '  CXX $@';
endif

# found-footy plus the benchmark's ten-field module, generated with the
# same generator and templates as any user's catalogue.
BENCH_SCHEMA_FILES := $(sort $(shell find schema/found-footy -name '*.yaml'))

$(BENCH_SCHEMA)/.stamp: $(BENCH_SCHEMA_FILES) bench/schema/bench.yaml
	@rm -rf $(BENCH_SCHEMA) && mkdir -p $(BENCH_SCHEMA)
	@cp -R schema/found-footy/. $(BENCH_SCHEMA)/
	@cp bench/schema/bench.yaml $(BENCH_SCHEMA)/modules/bench.yaml
	@touch $@

$(BENCH_GEN)/.stamp: $(BENCH_SCHEMA)/.stamp $(LOGSCHEMA)
	$(QUIET_GEN)$(LOGSCHEMA) generate --target c -s $(BENCH_SCHEMA) \
		-o $(BENCH_GEN) && touch $@

$(BENCH_DIR)/obj/ffl_log.o: $(BENCH_GEN)/.stamp
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(BENCH_BASIC_CFLAGS) $(BENCH_CFLAGS) -c -o $@ \
		$(BENCH_GEN)/ffl_log.c

$(BENCH_DIR)/obj/%.o: bench/%.c $(BENCH_GEN)/.stamp | bench-deps
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(BENCH_BASIC_CFLAGS) $(BENCH_CFLAGS) -c -o $@ $<

$(BENCH_DIR)/obj/spdlog_shim.o: bench/spdlog_shim.cpp | bench-deps
	@mkdir -p $(dir $@)
	$(QUIET_CXX)$(CXX) $(BENCH_BASIC_CXXFLAGS) $(BENCH_CXXFLAGS) -c -o $@ $<

$(LOGBENCH): $(BENCH_OBJS)
	$(QUIET_LINK)$(CXX) $(BENCH_CXXFLAGS) -o $@ $(BENCH_OBJS) $(BENCH_LIBS)

bench-deps:
	@sh tools/deps.sh $(BENCH_DEB_PACKAGES)

bench-build: $(LOGBENCH)

bench: bench-deps $(LOGBENCH) $(LOGSCHEMA)
	@LOGBENCH=$(LOGBENCH) LOGSCHEMA=$(LOGSCHEMA) BENCH_DIR=$(BENCH_DIR) \
	BENCH_GEN=$(BENCH_GEN) BENCH_SCHEMA=$(BENCH_SCHEMA) \
	BENCH_CC='$(CC)' BENCH_CFLAGS='$(BENCH_CFLAGS)' \
	BENCH_CXX='$(CXX)' BENCH_CXXFLAGS='$(BENCH_CXXFLAGS)' \
	BENCH_ROUNDS=$(BENCH_ROUNDS) BENCH_BATCHES=$(BENCH_BATCHES) \
	BENCH_RUNS=$(BENCH_RUNS) BENCH_LOG_LINES=$(BENCH_LOG_LINES) \
	BENCH_CORPUS_FILES=$(BENCH_CORPUS_FILES) \
		sh bench/run.sh bench/RESULTS.md

.PHONY: bench bench-build bench-deps
