/* test_catalogue.c: the loader and checker, on good and bad catalogues. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <jansson.h>

#include "catalogue.h"
#include "diag.h"
#include "resolve.h"
#include "util.h"

#define BAD_DIR "tests/data/catalogue/bad"

static void load_and_check(const char *path, struct catalogue *cat,
			   struct diag_list *diags)
{
	if (!catalogue_load(cat, path, diags))
		catalogue_check(cat, diags);
	diag_list_sort(diags);
}

/* "L:C: severity: message [check]" for every diagnostic, one per line. */
static char *format_diags(const struct diag_list *diags)
{
	char *out = xstrdup(""), *t;
	size_t i;

	for (i = 0; i < diags->nr; i++) {
		const struct diag *d = &diags->items[i];

		t = xasprintf("%s%u:%u: %s: %s [%s]\n", out, d->line, d->column,
			      diag_severity_name(d->severity), d->message,
			      d->check ? d->check : "");
		free(out);
		out = t;
	}
	return out;
}

/* The `# expect: ...` lines of a fixture, sorted as diagnostics are. */
static char *expected_diags(const char *path)
{
	char *buf, *out = xstrdup(""), *line, *t;
	size_t len;

	assert_int_equal(read_file(path, &buf, &len, 1 << 20), 0);
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n")) {
		if (strncmp(line, "# expect: ", 10))
			continue;
		t = xasprintf("%s%s\n", out, line + 10);
		free(out);
		out = t;
	}
	free(buf);
	return out;
}

static void test_loader_accepts_a_good_catalogue(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalogue cat;
	const struct module *mod;
	const struct action *act;

	(void)state;
	load_and_check("tests/data/catalogue/good/minimal.yaml", &cat, &diags);
	assert_int_equal(diags.nr, 0);
	assert_string_equal(cat.name, "shop");
	assert_string_equal(cat.prefix, "shp");
	assert_int_equal(cat.nmodules, 1);
	mod = catalogue_find_module(&cat, "checkout");
	assert_non_null(mod);
	assert_int_equal(mod->severity, SEVERITY_CRITICAL);
	assert_ptr_equal(mod->service, &cat.services[0]);
	act = module_find_action(mod, "payment_failed");
	assert_non_null(act);
	assert_int_equal(act->level, LEVEL_ERROR);
	assert_string_equal(act->group, "Payment");
	/* An ID is required by default; `required: true` makes any field so. */
	assert_true(act->fields[0].required);
	assert_int_equal(act->fields[1].def->type, FIELD_LIST_INT);
	assert_true(act->fields[1].required);
	act = module_find_action(mod, "payment_started");
	assert_false(action_find_field(act, "amount")->required);
	assert_int_equal(act->pos.line, 16);
	assert_int_equal(act->pos.column, 7);
	catalogue_release(&cat);
	diag_list_release(&diags);
}

static void test_loader_reports_each_bad_fixture_exactly(void **state)
{
	DIR *d = opendir(BAD_DIR);
	struct dirent *de;
	int count = 0;

	(void)state;
	assert_non_null(d);
	while ((de = readdir(d))) {
		struct diag_list diags = DIAG_LIST_INIT;
		struct catalogue cat;
		char *path, *got, *want;

		if (!strstr(de->d_name, ".yaml"))
			continue;
		path = xasprintf("%s/%s", BAD_DIR, de->d_name);
		load_and_check(path, &cat, &diags);
		got = format_diags(&diags);
		want = expected_diags(path);
		if (strcmp(got, want))
			fail_msg("%s:\nexpected:\n%sgot:\n%s", path, want, got);
		assert_true(diags.errors > 0);
		free(got);
		free(want);
		free(path);
		catalogue_release(&cat);
		diag_list_release(&diags);
		count++;
	}
	closedir(d);
	assert_true(count >= 20);
}

static void test_loader_rejects_deep_nesting(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalogue cat;
	size_t depth = 10000, i;
	char *buf = xmalloc(depth * 2 + 1);

	(void)state;
	for (i = 0; i < depth; i++) {
		buf[i] = '[';
		buf[depth + i] = ']';
	}
	buf[depth * 2] = '\0';
	assert_int_equal(catalogue_load_buffer(&cat, "deep.yaml", buf,
					       depth * 2, &diags), -1);
	assert_int_equal(diags.errors, 1);
	assert_string_equal(diags.items[0].message,
			    "nesting deeper than 64 levels");
	assert_int_equal(diags.items[0].column, 65);
	free(buf);
	catalogue_release(&cat);
	diag_list_release(&diags);
}

static void test_loader_rejects_files_over_the_size_limit(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalogue cat;
	size_t len = ((size_t)64 << 20) + 1;
	char *buf = xmalloc(len);

	(void)state;
	memset(buf, '#', len);
	assert_int_equal(catalogue_load_buffer(&cat, "big.yaml", buf, len,
					       &diags), -1);
	assert_string_equal(diags.items[0].check, "file-size");
	free(buf);
	catalogue_release(&cat);
	diag_list_release(&diags);
}

static void test_loader_merges_a_directory_and_names_both_places(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalogue cat;

	(void)state;
	load_and_check("tests/data/catalogue/multi", &cat, &diags);
	assert_int_equal(cat.nfiles, 2);
	assert_int_equal(cat.nmodules, 2);
	/* shipping, in the second file, uses a field of the first. */
	assert_non_null(catalogue_find_module(&cat, "shipping")
			->actions[0].fields[0].def);
	assert_int_equal(diags.errors, 1);
	assert_string_equal(diags.items[0].file,
			    "tests/data/catalogue/multi/modules/checkout.yaml");
	assert_string_equal(diags.items[0].message,
			    "module 'checkout' is already defined at "
			    "tests/data/catalogue/multi/main.yaml:7:3");
	catalogue_release(&cat);
	diag_list_release(&diags);
}

static void test_checker_warns_about_conventions(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalogue cat;

	(void)state;
	load_and_check("tests/data/catalogue/conventions.yaml", &cat, &diags);
	assert_int_equal(diags.errors, 0);
	assert_int_equal(diags.warnings, 3);
	assert_string_equal(diags.items[0].check, "action-suffix");
	assert_string_equal(diags.items[1].check, "level-convention");
	assert_int_equal(diags.items[1].line, 9);
	assert_string_equal(diags.items[2].check, "missing-doc");
	catalogue_release(&cat);
	diag_list_release(&diags);
}

static void test_resolve_gives_the_documented_shape(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalogue cat;
	json_t *root, *act, *field;

	(void)state;
	load_and_check("tests/data/catalogue/good/minimal.yaml", &cat, &diags);
	root = catalogue_resolve(&cat);
	assert_string_equal(json_string_value(json_object_get(root, "prefix")),
			    "shp");
	act = json_array_get(json_object_get(json_array_get(
		json_object_get(root, "modules"), 0), "actions"), 0);
	assert_string_equal(json_string_value(json_object_get(act, "c_name")),
			    "shp_checkout_payment_started");
	assert_string_equal(json_string_value(json_object_get(act, "level")),
			    "INFO");
	field = json_array_get(json_object_get(act, "fields"), 1);
	assert_string_equal(json_string_value(json_object_get(field, "name")),
			    "amount");
	assert_string_equal(json_string_value(json_object_get(field, "type")),
			    "float");
	assert_true(json_is_false(json_object_get(field, "id")));
	assert_true(json_is_false(json_object_get(field, "required")));
	assert_true(json_is_true(json_object_get(field, "is_float")));
	assert_true(json_is_true(json_object_get(field, "last")));
	json_decref(root);
	catalogue_release(&cat);
	diag_list_release(&diags);
}

static void test_found_footy_catalogue_is_complete_and_clean(void **state)
{
	struct diag_list diags = DIAG_LIST_INIT;
	struct catalogue cat;
	size_t m, a, f;

	(void)state;
	load_and_check("schema/found-footy", &cat, &diags);
	assert_int_equal(diags.errors, 0);
	assert_int_equal(cat.nmodules, 22);
	assert_true(catalogue_count_actions(&cat) >= 371);
	for (m = 0; m < cat.nmodules; m++)
		for (a = 0; a < cat.modules[m].nactions; a++) {
			const struct action *act = &cat.modules[m].actions[a];

			assert_non_null(act->msg);
			for (f = 0; f < act->nfields; f++)
				assert_non_null(act->fields[f].def);
		}
	assert_true(catalogue_find_field(&cat, "fixture_id")->id);
	assert_true(catalogue_find_field(&cat, "event_id")->id);
	assert_true(catalogue_find_field(&cat, "workflow_id")->id);
	catalogue_release(&cat);
	diag_list_release(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_loader_accepts_a_good_catalogue),
		cmocka_unit_test(test_loader_reports_each_bad_fixture_exactly),
		cmocka_unit_test(test_loader_rejects_deep_nesting),
		cmocka_unit_test(test_loader_rejects_files_over_the_size_limit),
		cmocka_unit_test(test_loader_merges_a_directory_and_names_both_places),
		cmocka_unit_test(test_checker_warns_about_conventions),
		cmocka_unit_test(test_resolve_gives_the_documented_shape),
		cmocka_unit_test(test_found_footy_catalogue_is_complete_and_clean),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
