/* test_cardinality.c: the stream estimate and its warning. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "cardinality.h"
#include "catalogue.h"
#include "diag.h"

static char *worker_containers[] = { "app-worker-.*" };
static char *edge_containers[] = { "edge-1|edge-2", "edge-3" };

static struct service services[] = {
	{ .name = "worker", .containers = worker_containers, .ncontainers = 1,
	  .pos = { "cat.yaml", 3, 3 } },
	{ .name = "edge", .containers = edge_containers, .ncontainers = 2,
	  .pos = { "cat.yaml", 6, 3 } },
};

/* `n` actions logged at the levels of `levels`, in turn. */
static struct action *make_actions(size_t n, const enum level *levels,
				   size_t nlevels)
{
	static struct action pool[8192];
	static size_t used;
	struct action *a = &pool[used];
	size_t i;

	assert_true(used + n <= 8192);
	for (i = 0; i < n; i++)
		a[i] = (struct action){ .name = "a", .level = levels[i % nlevels] };
	used += n;
	return a;
}

static void make_catalogue(struct catalogue *cat, struct module *mods,
			   size_t worker_actions, bool action_label)
{
	static const enum level two[] = { LEVEL_INFO, LEVEL_ERROR };
	static const enum level all[] = { LEVEL_DEBUG, LEVEL_INFO,
					  LEVEL_WARNING, LEVEL_ERROR };

	memset(cat, 0, sizeof(*cat));
	cat->name = "demo";
	cat->action_label = action_label;
	cat->services = services;
	cat->nservices = 2;
	mods[0] = (struct module){ .name = "jobs", .service = &services[0],
		.actions = make_actions(worker_actions, all, 4),
		.nactions = worker_actions };
	mods[1] = (struct module){ .name = "proxy", .service = &services[1],
		.actions = make_actions(5, two, 2), .nactions = 5 };
	mods[2] = (struct module){ .name = "orphan", .service = NULL,
		.actions = make_actions(7, two, 2), .nactions = 7 };
	cat->modules = mods;
	cat->nmodules = 3;
}

static void test_cardinality_counts_containers_of_patterns(void **state)
{
	bool estimated;

	(void)state;
	assert_int_equal(cardinality_pattern_containers("app-scaler", &estimated), 1);
	assert_false(estimated);
	assert_int_equal(cardinality_pattern_containers("a|b|c", &estimated), 3);
	assert_false(estimated);
	assert_int_equal(cardinality_pattern_containers("app-worker-.*", &estimated),
			 CARDINALITY_REPLICAS);
	assert_true(estimated);
	assert_int_equal(cardinality_pattern_containers("x|y-[0-9]+", &estimated),
			 1 + CARDINALITY_REPLICAS);
}

static void test_cardinality_multiplies_containers_by_label_sets(void **state)
{
	struct catalogue cat;
	struct module mods[3];
	struct cardinality card;

	(void)state;
	make_catalogue(&cat, mods, 20, true);
	cardinality_estimate(&cat, &card);
	assert_int_equal(card.nservices, 2);
	assert_int_equal(card.labels, 4);
	assert_int_equal(card.services[0].containers, CARDINALITY_REPLICAS);
	assert_true(card.services[0].containers_estimated);
	assert_int_equal(card.services[0].label_sets, 20);
	assert_int_equal(card.services[1].containers, 3);
	assert_false(card.services[1].containers_estimated);
	assert_int_equal(card.services[1].streams, 3 * 5);
	assert_int_equal(card.streams, CARDINALITY_REPLICAS * 20 + 15);
	assert_int_equal(card.streams_as_label, card.streams);
	/* As metadata: 4 levels in jobs, 2 in proxy. */
	assert_int_equal(card.streams_as_metadata, CARDINALITY_REPLICAS * 4 + 3 * 2);
	cardinality_release(&card);

	make_catalogue(&cat, mods, 20, false);
	cardinality_estimate(&cat, &card);
	assert_int_equal(card.labels, 3);
	assert_int_equal(card.streams, card.streams_as_metadata);
	cardinality_release(&card);
}

static void test_cardinality_report_is_quiet_under_the_limit(void **state)
{
	struct catalogue cat;
	struct module mods[3];
	struct diag_list diags = DIAG_LIST_INIT;

	(void)state;
	make_catalogue(&cat, mods, 100, true);
	cardinality_report(&cat, &diags);
	assert_int_equal(diags.nr, 0);
	diag_list_release(&diags);
}

static void test_cardinality_report_warns_above_the_stream_limit(void **state)
{
	struct catalogue cat;
	struct module mods[3];
	struct diag_list diags = DIAG_LIST_INIT;

	(void)state;
	make_catalogue(&cat, mods, 600, true);
	cardinality_report(&cat, &diags);
	assert_int_equal(diags.nr, 1);
	assert_int_equal(diags.items[0].severity, DIAG_WARNING);
	assert_string_equal(diags.items[0].check, "stream-cardinality");
	assert_string_equal(diags.items[0].file, "cat.yaml");
	assert_int_equal(diags.items[0].line, 3);
	assert_non_null(strstr(diags.items[0].message, "about 6015 streams"));
	assert_non_null(strstr(diags.items[0].message, "action: metadata"));
	diag_list_release(&diags);

	/* The same catalogue with `action` as metadata stays under it. */
	make_catalogue(&cat, mods, 600, false);
	cardinality_report(&cat, &diags);
	assert_int_equal(diags.nr, 0);
	diag_list_release(&diags);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cardinality_counts_containers_of_patterns),
		cmocka_unit_test(test_cardinality_multiplies_containers_by_label_sets),
		cmocka_unit_test(test_cardinality_report_is_quiet_under_the_limit),
		cmocka_unit_test(test_cardinality_report_warns_above_the_stream_limit),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
