/* test_diff.c: every class of catalogue change, and how diff reports it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "catalogue.h"
#include "diag.h"
#include "diff.h"
#include "util.h"

static const char base[] =
	"logschema: 1\n"
	"name: shop\n"
	"prefix: shp\n"
	"timestamp: utc\n"
	"services:\n"
	"  web: {doc: Web front end, containers: [shop-web-.*]}\n"
	"fields:\n"
	"  order_id: {type: string, id: true, doc: The order}\n"
	"  count: {type: int, doc: Number of items}\n"
	"  error: {type: string, doc: Error message}\n"
	"modules:\n"
	"  cart:\n"
	"    service: web\n"
	"    severity: noise\n"
	"    doc: Shopping cart\n"
	"    fields:\n"
	"      coupon: {type: string, doc: Coupon code}\n"
	"    actions:\n"
	"      item_added:\n"
	"        level: INFO\n"
	"        group: Cart\n"
	"        msg: Item added to the cart\n"
	"        fields: [count, coupon]\n"
	"      checkout_failed:\n"
	"        level: ERROR\n"
	"        group: Checkout\n"
	"        msg: Checkout failed\n"
	"        fields: [order_id, error]\n"
	"  payment:\n"
	"    service: web\n"
	"    severity: critical\n"
	"    doc: Card payments\n"
	"    actions:\n"
	"      charged:\n"
	"        level: INFO\n"
	"        msg: Card charged\n"
	"        fields: [order_id]\n"
	"      declined:\n"
	"        level: WARNING\n"
	"        msg: Card declined\n"
	"        fields: [order_id, error]\n";

static void load(struct catalogue *cat, const char *name, const char *yaml)
{
	struct diag_list diags = DIAG_LIST_INIT;

	assert_int_equal(catalogue_load_buffer(cat, name, yaml, strlen(yaml),
					       &diags), 0);
	if (diags.errors)
		diag_print_text(stderr, &diags, 0);
	assert_int_equal(diags.errors, 0);
	diag_list_release(&diags);
}

/* `base` with each `from` replaced by the `to` that follows it. */
static char *edit(const char *yaml, ...)
{
	char *out = xstrdup(yaml);
	const char *from;
	va_list ap;

	va_start(ap, yaml);
	while ((from = va_arg(ap, const char *))) {
		const char *to = va_arg(ap, const char *);
		char *at = strstr(out, from), *next;

		assert_non_null(at);
		next = xasprintf("%.*s%s%s", (int)(at - out), out, to,
				 at + strlen(from));
		free(out);
		out = next;
	}
	va_end(ap);
	return out;
}

/* The text report of the changes from `old` to `new`. */
static char *diff_text(const char *old, const char *new, unsigned *breaking)
{
	struct catalogue a, b;
	struct diff_list changes = DIFF_LIST_INIT;
	char *text = NULL;
	size_t len;
	FILE *out = open_memstream(&text, &len);

	load(&a, "old.yaml", old);
	load(&b, "new.yaml", new);
	diff_catalogues(&a, &b, &changes);
	diff_print_text(out, &changes);
	fclose(out);
	if (breaking)
		*breaking = changes.breaking;
	diff_list_release(&changes);
	catalogue_release(&a);
	catalogue_release(&b);
	return text;
}

/* Compare `base` with its edit; check the report and breaking count. */
static void expect(char *new, unsigned breaking, const char *report)
{
	unsigned n;
	char *text = diff_text(base, new, &n);

	assert_string_equal(text, report);
	assert_int_equal(n, breaking);
	free(text);
	free(new);
}

static void test_diff_finds_nothing_between_equal_catalogues(void **state)
{
	expect(xstrdup(base), 0, "");
}

static void test_diff_classes_module_changes(void **state)
{
	expect(edit(base, "  payment:\n", "  billing:\n", NULL), 1,
	       "breaking: module 'payment' renamed to 'billing'\n");
	expect(edit(base, "      charged:\n", "      refunded:\n",
		    "  payment:\n", "  billing:\n", NULL), 1,
	       "breaking: module 'payment' removed\n"
	       "compatible: module 'billing' added\n");
	expect(edit(base, "modules:\n",
		    "modules:\n  search:\n    service: web\n    doc: Search\n"
		    "    actions:\n      queried: {level: DEBUG, msg: Query run}\n",
		    NULL), 0,
	       "compatible: module 'search' added\n");
	expect(edit(base, "    service: web\n    severity: noise\n",
		    "    service: api\n    severity: noise\n",
		    "services:\n", "services:\n  api: {doc: API, containers: [api]}\n",
		    NULL), 0,
	       "compatible: service 'api' added\n"
	       "compatible: module 'cart' moved from service 'web' to 'api'\n");
}

static void test_diff_classes_action_changes(void **state)
{
	expect(edit(base, "      declined:\n", "      card_declined:\n", NULL), 1,
	       "breaking: action 'payment.declined' renamed to 'payment.card_declined'\n");
	expect(edit(base, "      declined:\n        level: WARNING\n        msg: Card declined\n",
		    "      card_declined:\n        level: WARNING\n        msg: Declined\n",
		    NULL), 1,
	       "breaking: action 'payment.declined' removed\n"
	       "compatible: action 'payment.card_declined' added\n");
	expect(edit(base, "      declined:\n",
		    "      refunded: {level: INFO, msg: Refund}\n      declined:\n",
		    NULL), 0,
	       "compatible: action 'payment.refunded' added\n");
	expect(edit(base, "        msg: Card charged\n", "        msg: Charged\n",
		    "        group: Cart\n", "        group: Basket\n", NULL), 0,
	       "compatible: action 'cart.item_added' group changed from 'Cart' to 'Basket'\n"
	       "compatible: action 'payment.charged' message changed from 'Card charged' to 'Charged'\n");
}

/* Dashboards and alerts split events at ERROR: only that line breaks. */
static void test_diff_breaks_on_levels_crossing_error(void **state)
{
	expect(edit(base, "level: INFO\n        group: Cart",
		    "level: WARNING\n        group: Cart", NULL), 0,
	       "compatible: action 'cart.item_added' level changed from 'INFO' to 'WARNING'\n");
	expect(edit(base, "level: WARNING\n        msg: Card declined",
		    "level: ERROR\n        msg: Card declined", NULL), 1,
	       "breaking: action 'payment.declined' level changed from 'WARNING' to 'ERROR'\n");
	expect(edit(base, "level: ERROR\n        group: Checkout",
		    "level: WARNING\n        group: Checkout", NULL), 1,
	       "breaking: action 'cart.checkout_failed' level changed from 'ERROR' to 'WARNING'\n");
}

static void test_diff_classes_field_changes(void **state)
{
	expect(edit(base, "count: {type: int,", "count: {type: float,", NULL), 1,
	       "breaking: field 'count' type changed from 'int' to 'float'\n");
	expect(edit(base, "coupon: {type: string,", "coupon: {type: list<string>,",
		    NULL), 1,
	       "breaking: field 'coupon' of module 'cart' type changed from 'string' to 'list<string>'\n");
	expect(edit(base, "      coupon: {type: string, doc: Coupon code}\n",
		    "      coupon: {type: string, doc: Coupon code}\n"
		    "      count: {type: string, doc: Items as text}\n", NULL), 1,
	       "compatible: field 'count' of module 'cart' added\n"
	       "breaking: field 'count' of action 'cart.item_added' type changed from 'int' to 'string'\n");
}

static void test_diff_classes_action_field_changes(void **state)
{
	expect(edit(base, "fields: [count, coupon]", "fields: [count]", NULL), 1,
	       "breaking: field 'coupon' of action 'cart.item_added' removed\n");
	expect(edit(base, "fields: [count, coupon]", "fields: [count, coupon, error]",
		    NULL), 0,
	       "compatible: field 'error' of action 'cart.item_added' added\n");
	expect(edit(base, "fields: [count, coupon]", "fields: [count, coupon, order_id]",
		    NULL), 1,
	       "breaking: field 'order_id' of action 'cart.item_added' added, required\n");
	expect(edit(base, "fields: [order_id]\n",
		    "fields: [{name: order_id, required: false}]\n", NULL), 0,
	       "compatible: field 'order_id' of action 'payment.charged' is no longer required\n");
	expect(edit(base, "fields: [count, coupon]",
		    "fields: [{name: count, required: true}, coupon]", NULL), 1,
	       "breaking: field 'count' of action 'cart.item_added' is now required\n");
}

/* An ID listed on an action is required there: marking one adds that. */
static void test_diff_reports_id_marks_and_their_effect(void **state)
{
	expect(edit(base, "error: {type: string,", "error: {type: string, id: true,",
		    NULL), 2,
	       "compatible: field 'error' is now an id\n"
	       "breaking: field 'error' of action 'cart.checkout_failed' is now required\n"
	       "breaking: field 'error' of action 'payment.declined' is now required\n");
	expect(edit(base, "order_id: {type: string, id: true,",
		    "order_id: {type: string,", NULL), 0,
	       "compatible: field 'order_id' is no longer an id\n"
	       "compatible: field 'order_id' of action 'cart.checkout_failed' is no longer required\n"
	       "compatible: field 'order_id' of action 'payment.charged' is no longer required\n"
	       "compatible: field 'order_id' of action 'payment.declined' is no longer required\n");
}

static void test_diff_breaks_on_severity(void **state)
{
	expect(edit(base, "severity: critical", "severity: noise", NULL), 1,
	       "breaking: module 'payment' severity changed from 'critical' to 'noise'\n");
	expect(edit(base, "        msg: Card declined\n",
		    "        msg: Card declined\n        severity: noise\n", NULL), 1,
	       "breaking: action 'payment.declined' severity changed from 'critical' to 'noise'\n");
	expect(edit(base, "        msg: Card declined\n",
		    "        msg: Card declined\n        severity: critical\n", NULL), 0,
	       "");
}

static void test_diff_breaks_on_catalogue_settings(void **state)
{
	expect(edit(base, "prefix: shp", "prefix: shq", "timestamp: utc",
		    "timestamp: naive", "name: shop", "name: store", NULL), 2,
	       "compatible: catalogue 'store' renamed from 'shop'\n"
	       "breaking: catalogue 'store' C prefix changed from 'shp' to 'shq'\n"
	       "breaking: catalogue 'store' timestamp format changed from 'utc' to 'naive'\n");
	expect(edit(base, "timestamp: utc\n", "timestamp: utc\nloki: {action: metadata}\n",
		    NULL), 1,
	       "breaking: catalogue 'shop' now sends 'action' to Loki as structured metadata\n");
	expect(edit(base, "containers: [shop-web-.*]", "containers: [shop-.*]", NULL), 0,
	       "compatible: service 'web' container patterns changed\n");
}

static void test_diff_prints_json(void **state)
{
	struct catalogue a, b;
	struct diff_list changes = DIFF_LIST_INIT;
	char *new = edit(base, "      declined:\n", "      card_declined:\n",
			 "Card charged", "Card \"charged\"", NULL);
	char *text = NULL;
	size_t len;
	FILE *out = open_memstream(&text, &len);

	load(&a, "old.yaml", base);
	load(&b, "new.yaml", new);
	diff_catalogues(&a, &b, &changes);
	diff_print_json(out, &changes);
	fclose(out);
	assert_string_equal(text,
		"{\"changes\":["
		"{\"kind\":\"msg-changed\",\"subject\":\"payment.charged\","
		"\"detail\":\"message changed from 'Card charged' to 'Card \\\"charged\\\"'\",\"breaking\":false},"
		"{\"kind\":\"action-renamed\",\"subject\":\"payment.declined\","
		"\"detail\":\"renamed to 'payment.card_declined'\",\"breaking\":true}],"
		"\"breaking\":1,\"compatible\":1}\n");
	free(text);
	free(new);
	diff_list_release(&changes);
	catalogue_release(&a);
	catalogue_release(&b);
}

/*
 * The fixture pair: diff-new.yaml ends with the expected report in a
 * comment, one "# " line per change.
 */
static void test_diff_reports_the_fixture_pair(void **state)
{
	struct catalogue a, b;
	struct diag_list diags = DIAG_LIST_INIT;
	struct diff_list changes = DIFF_LIST_INIT;
	char *text = NULL, *fixture, *expected, *p;
	size_t len, flen;
	FILE *out = open_memstream(&text, &len);

	assert_int_equal(catalogue_load(&a, "tests/data/logs/diff-old.yaml",
					&diags), 0);
	assert_int_equal(catalogue_load(&b, "tests/data/logs/diff-new.yaml",
					&diags), 0);
	assert_int_equal(diags.errors, 0);
	diff_catalogues(&a, &b, &changes);
	diff_print_text(out, &changes);
	fclose(out);

	assert_int_equal(read_file("tests/data/logs/diff-new.yaml", &fixture,
				   &flen, 1 << 20), 0);
	p = strstr(fixture, "# expected:\n");
	assert_non_null(p);
	expected = xstrdup("");
	for (p = strchr(p, '\n') + 1; *p == '#'; p = strchr(p, '\n') + 1) {
		char *next = xasprintf("%s%.*s\n", expected,
				       (int)(strchr(p, '\n') - p - 2), p + 2);

		free(expected);
		expected = next;
	}
	assert_string_equal(text, expected);
	assert_int_equal(changes.breaking, 9);
	free(expected);
	free(fixture);
	free(text);
	diff_list_release(&changes);
	diag_list_release(&diags);
	catalogue_release(&a);
	catalogue_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_diff_finds_nothing_between_equal_catalogues),
		cmocka_unit_test(test_diff_classes_module_changes),
		cmocka_unit_test(test_diff_classes_action_changes),
		cmocka_unit_test(test_diff_breaks_on_levels_crossing_error),
		cmocka_unit_test(test_diff_classes_field_changes),
		cmocka_unit_test(test_diff_classes_action_field_changes),
		cmocka_unit_test(test_diff_reports_id_marks_and_their_effect),
		cmocka_unit_test(test_diff_breaks_on_severity),
		cmocka_unit_test(test_diff_breaks_on_catalogue_settings),
		cmocka_unit_test(test_diff_prints_json),
		cmocka_unit_test(test_diff_reports_the_fixture_pair),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
