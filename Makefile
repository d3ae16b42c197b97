# Makefile for logschema.
#
#   make            build build/logschema
#   make check      build, then run every test (installs missing packages as root)
#   make demo       run logschema on the found-footy catalogue
#   make bench      side-by-side benchmarks, written to bench/RESULTS.md
#   V=1             show full commands; DEVELOPER=1 adds -Werror
#   SANITIZE=1      build and test with AddressSanitizer and UBSan

CC ?= cc
CFLAGS ?= -O2 -g
LDFLAGS ?=
PREFIX ?= /usr/local
LLVM_CONFIG ?= llvm-config-14
SPEC_DIR ?= ../shared/testdata/mustache-spec
FUZZ_SECONDS ?= 30

BUILD := build
ifeq ($(SANITIZE),1)
BUILD := build/sanitize
endif

LLVM_PREFIX := $(shell $(LLVM_CONFIG) --prefix 2>/dev/null || echo /usr/lib/llvm-14)

BASIC_CFLAGS := -std=c11
BASIC_CFLAGS += -D_GNU_SOURCE
BASIC_CFLAGS += -Wall
BASIC_CFLAGS += -Wextra
BASIC_CFLAGS += -Wno-unused-parameter
BASIC_CFLAGS += -Icore
BASIC_CFLAGS += -Igenerator
BASIC_CFLAGS += -Ilint
BASIC_CFLAGS += -Ilogs
BASIC_CFLAGS += -I$(LLVM_PREFIX)/include
BASIC_CFLAGS += -DLOGSCHEMA_LIBCLANG='"$(LLVM_PREFIX)/lib/libclang.so.1"'
BASIC_CFLAGS += -MMD -MP
ifeq ($(DEVELOPER),1)
BASIC_CFLAGS += -Werror
endif
ifeq ($(SANITIZE),1)
BASIC_CFLAGS += -fsanitize=address,undefined -fno-omit-frame-pointer
BASIC_CFLAGS += -fno-sanitize-recover=undefined
LDFLAGS += -fsanitize=address,undefined
endif

LIBS := -lyaml
LIBS += -ljansson
LIBS += -ldl
LIBS += -lpthread
LIBS += -lm

ALL_CFLAGS = $(BASIC_CFLAGS) $(CFLAGS)

ifneq ($(V),1)
QUIET_CC = @echo '   CC $@';
QUIET_LINK = @echo ' LINK $@';
QUIET_GEN = @echo '  GEN $@';
QUIET_AR = @echo '   AR $@';
endif

# Every directory below holds library code; cli/ holds the verbs.
LIB_SRCS := $(sort $(wildcard core/*.c generator/*.c lint/*.c logs/*.c))
CLI_SRCS := $(sort $(wildcard cli/*.c))
LIB_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(LIB_SRCS))
LIB_OBJS += $(BUILD)/obj/embedded.o
CLI_OBJS := $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRCS))

# Templates and the default catalogue are compiled into the binary.
EMBED_FILES := $(sort $(shell find templates schema/found-footy -type f \
	\( -name '*.mustache' -o -name '*.yaml' -o -name '*.yml' \) 2>/dev/null))

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRCS))

LOGSCHEMA := $(BUILD)/logschema
LIBLOGSCHEMA := $(BUILD)/liblogschema.a

# Extra checks and targets of each part; they add to CHECK_TARGETS.
CHECK_TARGETS :=
DEMO_TARGETS :=

all: $(LOGSCHEMA)

$(LOGSCHEMA): $(CLI_OBJS) $(LIBLOGSCHEMA)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) -o $@ $(CLI_OBJS) $(LIBLOGSCHEMA) $(LDFLAGS) $(LIBS)

$(LIBLOGSCHEMA): $(LIB_OBJS)
	$(QUIET_AR)rm -f $@ && ar rcs $@ $^

$(BUILD)/obj/%.o: %.c | deps-headers
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/embed: tools/embed.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -o $@ $<

$(BUILD)/embedded.c: $(BUILD)/embed $(EMBED_FILES) Makefile
	$(QUIET_GEN)$(BUILD)/embed $@.tmp $(EMBED_FILES) && mv $@.tmp $@

$(BUILD)/obj/embedded.o: $(BUILD)/embedded.c
	@mkdir -p $(dir $@)
	$(QUIET_CC)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(LIBLOGSCHEMA)
	@mkdir -p $(dir $@)
	$(QUIET_LINK)$(CC) $(ALL_CFLAGS) -Itests -o $@ $< $(LIBLOGSCHEMA) $(LDFLAGS) $(LIBS) -lcmocka

-include mk/*.mk

# Missing Debian packages: installed when we are root, named otherwise.
DEB_PACKAGES := libyaml-dev libjansson-dev libcmocka-dev libclang-14-dev
DEB_PACKAGES += clang-14 llvm-14 libclang-rt-14-dev
DEB_PACKAGES += python3 python3-yaml nodejs jq cmake

deps:
	@sh tools/deps.sh $(DEB_PACKAGES)

deps-headers:
	@test -f /usr/include/yaml.h -a -f /usr/include/jansson.h \
		-a -f /usr/include/cmocka.h \
		-a -f $(LLVM_PREFIX)/include/clang-c/Index.h \
		|| sh tools/deps.sh $(DEB_PACKAGES)

# Every plain `make check` also runs the unit tests and the malformed
# catalogue corpus under AddressSanitizer and UBSan.
ifneq ($(SANITIZE),1)
CHECK_SANITIZE := check-sanitize
endif

check: deps all check-unit $(CHECK_TARGETS) $(CHECK_SANITIZE)

check-unit: $(UNIT_BINS)
	@sh tests/run-unit.sh $(UNIT_BINS)

check-sanitize:
	@echo ' -- the same under AddressSanitizer and UndefinedBehaviorSanitizer'
	@$(MAKE) --no-print-directory SANITIZE=1 check-unit catalogue-corpus

# The catalogue first, then what each part shows with it.
demo: all
	@sh tools/demo.sh $(LOGSCHEMA)
	@$(MAKE) --no-print-directory $(DEMO_TARGETS)

install: all
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(LOGSCHEMA) $(DESTDIR)$(PREFIX)/bin/logschema

clean:
	rm -rf build

.PHONY: all check check-unit check-sanitize demo deps deps-headers install clean

-include $(shell find build -name '*.d' 2>/dev/null)
