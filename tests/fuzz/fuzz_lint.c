/*
 * fuzz_lint.c: libFuzzer target linting any bytes as a C file.
 *
 * The input is the text of one unsaved file, checked against the lint
 * fixtures' catalogue (tests/lint/catalogue.yaml, with its declared
 * logging functions) and with their headers on the include path, so that
 * typed calls, ffl_log() and footy_log() calls all resolve. Run from the
 * repository root, as tests/fuzz/run.sh does. Whatever the text, linting
 * must end with findings or a parse error, never a crash or a hang.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalogue.h"
#include "diag.h"
#include "lint.h"

#define CATALOGUE "tests/lint/catalogue.yaml"

static struct catalogue cat;
static int loaded;

static void load_catalogue(void)
{
	struct diag_list diags = DIAG_LIST_INIT;

	if (catalogue_load(&cat, CATALOGUE, &diags) || diags.errors)
		abort();
	diag_list_release(&diags);
	loaded = 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *bytes, size_t size)
{
	static const char *const includes[] = { "tests/lint/include" };
	struct diag_list diags = DIAG_LIST_INIT;
	struct lint_options opts;
	struct lint_file file;
	struct lint_files files;
	int i;

	if (!loaded)
		load_catalogue();
	file.path = "fuzz.c";
	file.len = size;
	file.text = malloc(size + 1);
	if (!file.text)
		abort();
	memcpy(file.text, bytes, size);
	file.text[size] = '\0';
	files.items = &file;
	files.nr = 1;
	files.alloc = 1;

	lint_options_init(&opts, &cat);
	for (i = 0; i < LINT_CHECK_COUNT; i++)
		opts.enabled[i] = 1;
	opts.include_dirs = includes;
	opts.ninclude_dirs = 1;
	opts.jobs = 1;
	lint_run(&opts, &files, &diags);

	diag_list_release(&diags);
	free(file.text);
	return 0;
}
