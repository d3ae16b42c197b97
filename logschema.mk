# logschema.mk: regenerate a typed C logging API from its catalogue, in Make.
#
# Set the catalogue and its prefix, include this file, and depend on the
# generated header and source like any others:
#
#	LOGSCHEMA_CATALOGUE := logging            # a YAML file or a directory
#	LOGSCHEMA_PREFIX := app                   # the catalogue's `prefix`
#	include path/to/logschema.mk
#
#	app: main.o $(LOGSCHEMA_OBJ)
#		$(CC) -o $@ $^ -pthread
#	main.o: $(LOGSCHEMA_HEADER)
#	CFLAGS += -I$(LOGSCHEMA_OUTPUT_DIR)
#
# Settings (all overridable):
#	LOGSCHEMA             the logschema program (default: logschema)
#	LOGSCHEMA_OUTPUT_DIR  where the files go (default: gen)
#	LOGSCHEMA_TARGET      the template set (default: c)
#	LOGSCHEMA_FLAGS       more options for `logschema generate`
#
# Provides LOGSCHEMA_HEADER, LOGSCHEMA_SOURCE and LOGSCHEMA_OBJ, and the
# phony target `logschema-generate`. The files are regenerated when a
# catalogue file or the logschema program changes; logschema rewrites a
# file only when its content changes, so an unchanged header rebuilds
# nothing. The generator's dependency file is kept beside the outputs.

LOGSCHEMA ?= logschema
LOGSCHEMA_OUTPUT_DIR ?= gen
LOGSCHEMA_TARGET ?= c
LOGSCHEMA_FLAGS ?=

ifndef LOGSCHEMA_CATALOGUE
$(error logschema.mk: set LOGSCHEMA_CATALOGUE to the catalogue file or directory)
endif
ifndef LOGSCHEMA_PREFIX
$(error logschema.mk: set LOGSCHEMA_PREFIX to the catalogue's prefix)
endif

LOGSCHEMA_HEADER := $(LOGSCHEMA_OUTPUT_DIR)/$(LOGSCHEMA_PREFIX)_log.h
LOGSCHEMA_SOURCE := $(LOGSCHEMA_OUTPUT_DIR)/$(LOGSCHEMA_PREFIX)_log.c
LOGSCHEMA_OBJ := $(LOGSCHEMA_OUTPUT_DIR)/$(LOGSCHEMA_PREFIX)_log.o
LOGSCHEMA_STAMP := $(LOGSCHEMA_OUTPUT_DIR)/$(LOGSCHEMA_PREFIX)_log.stamp
LOGSCHEMA_DEPFILE := $(LOGSCHEMA_OUTPUT_DIR)/$(LOGSCHEMA_PREFIX)_log.dep

# Every file of the catalogue, so that an added file regenerates too.
LOGSCHEMA_CATALOGUE_FILES := $(shell find $(LOGSCHEMA_CATALOGUE) \
	\( -name '*.yaml' -o -name '*.yml' \) 2>/dev/null)
LOGSCHEMA_PROGRAM := $(firstword $(wildcard $(LOGSCHEMA)) \
	$(shell command -v $(LOGSCHEMA) 2>/dev/null))

# The stamp records the last generation. The generator's dependency file
# is rewritten to name the stamp, with an empty rule per input so that a
# deleted catalogue file does not stop the build.
$(LOGSCHEMA_STAMP): $(LOGSCHEMA_CATALOGUE_FILES) $(LOGSCHEMA_PROGRAM)
	@mkdir -p $(LOGSCHEMA_OUTPUT_DIR)
	$(LOGSCHEMA) generate -s $(LOGSCHEMA_CATALOGUE) \
		--target $(LOGSCHEMA_TARGET) -o $(LOGSCHEMA_OUTPUT_DIR) \
		--depfile $(LOGSCHEMA_DEPFILE).tmp $(LOGSCHEMA_FLAGS)
	@awk 'NR == 1 { sub(/^[^:]*:/, "$@:") } { print } \
		{ for (i = 1; i <= NF; i++) if ($$i != "\\" && $$i !~ /:$$/) \
			deps[++n] = $$i } \
		END { for (i = 1; i <= n; i++) print "\n" deps[i] ":" }' \
		$(LOGSCHEMA_DEPFILE).tmp >$(LOGSCHEMA_DEPFILE)
	@rm -f $(LOGSCHEMA_DEPFILE).tmp
	@touch $@

$(LOGSCHEMA_HEADER) $(LOGSCHEMA_SOURCE): $(LOGSCHEMA_STAMP) ;

$(LOGSCHEMA_OBJ): $(LOGSCHEMA_SOURCE) $(LOGSCHEMA_HEADER)
	$(CC) $(CPPFLAGS) $(CFLAGS) -pthread -c -o $@ $(LOGSCHEMA_SOURCE)

logschema-generate: $(LOGSCHEMA_STAMP)

.PHONY: logschema-generate

-include $(LOGSCHEMA_DEPFILE)
