/* index.c: hash tables from names in C sources to catalogue entries. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util.h"

static size_t hash_name(const char *key, size_t len)
{
	return (size_t)fnv1a64(FNV1A64_INIT, key, len);
}

static void table_grow(struct name_table *t);

static void table_put(struct name_table *t, const char *key, size_t len,
		      enum name_kind kind, int value)
{
	size_t i;

	if (!t->slots || (t->nr + 1) * 2 > t->mask + 1)
		table_grow(t);
	for (i = hash_name(key, len) & t->mask; t->slots[i].key;
	     i = (i + 1) & t->mask)
		if (t->slots[i].len == len && !memcmp(t->slots[i].key, key, len))
			return;	/* the first definition wins */
	t->slots[i].key = key;
	t->slots[i].len = len;
	t->slots[i].kind = kind;
	t->slots[i].value = value;
	t->nr++;
}

static void table_grow(struct name_table *t)
{
	struct name_table old = *t;
	size_t size = t->slots ? (t->mask + 1) * 2 : 64;
	size_t i;

	t->slots = xcalloc(size, sizeof(*t->slots));
	t->mask = size - 1;
	t->nr = 0;
	for (i = 0; old.slots && i <= old.mask; i++)
		if (old.slots[i].key)
			table_put(t, old.slots[i].key, old.slots[i].len,
				  old.slots[i].kind, old.slots[i].value);
	free(old.slots);
}

const struct name_slot *name_table_find(const struct name_table *t,
					const char *key, size_t len)
{
	size_t i;

	if (!t->slots)
		return NULL;
	for (i = hash_name(key, len) & t->mask; t->slots[i].key;
	     i = (i + 1) & t->mask)
		if (t->slots[i].len == len && !memcmp(t->slots[i].key, key, len))
			return &t->slots[i];
	return NULL;
}

/* Keep `key` alive as long as the index. */
static const char *own(struct lint_index *ix, char *key)
{
	ALLOC_GROW(ix->keys, ix->nkeys + 1, ix->akeys);
	ix->keys[ix->nkeys++] = key;
	return key;
}

static void put_owned(struct lint_index *ix, struct name_table *t, char *key,
		      enum name_kind kind, int value)
{
	own(ix, key);
	table_put(t, key, strlen(key), kind, value);
}

static char *upper_case(const char *s)
{
	char *u = xstrdup(s);
	char *p;

	for (p = u; *p; p++)
		*p = toupper((unsigned char)*p);
	return u;
}

static void index_helpers(struct lint_index *ix)
{
	static const struct {
		const char *suffix;
		enum field_type type;
	} helpers[] = {
		{ "STR", FIELD_STRING },
		{ "INT", FIELD_INT },
		{ "FLOAT", FIELD_FLOAT },
		{ "BOOL", FIELD_BOOL },
		{ "STR_LIST", FIELD_LIST_STRING },
		{ "INT_LIST", FIELD_LIST_INT },
	};
	size_t i;

	for (i = 0; i < sizeof(helpers) / sizeof(helpers[0]); i++)
		put_owned(ix, &ix->helpers,
			  xasprintf("%s%s", ix->upper, helpers[i].suffix),
			  NAME_HELPER, helpers[i].type);
}

static void index_api(struct lint_index *ix)
{
	static const struct {
		const char *suffix;
		enum name_kind kind;
	} api[] = {
		{ "log", NAME_LOG },
		{ "format_event", NAME_FORMAT_EVENT },
		{ "format_log", NAME_FORMAT_LOG },
		{ "logger_new", NAME_LOGGER_NEW },
	};
	size_t i;

	for (i = 0; i < sizeof(api) / sizeof(api[0]); i++)
		put_owned(ix, &ix->calls,
			  xasprintf("%s%s", ix->prefix, api[i].suffix),
			  api[i].kind, 0);
}

static void index_catalogue(struct lint_index *ix)
{
	const struct catalogue *cat = ix->cat;
	size_t m, a, n = 0;

	ix->nactions = catalogue_count_actions(cat);
	ix->actions = xcalloc(ix->nactions ? ix->nactions : 1,
			      sizeof(*ix->actions));
	ix->cnames = xcalloc(ix->nactions ? ix->nactions : 1,
			     sizeof(*ix->cnames));
	for (m = 0; m < cat->nmodules; m++) {
		const struct module *mod = &cat->modules[m];

		put_owned(ix, &ix->names, xstrdup(mod->name), NAME_MODULE, m);
		for (a = 0; a < mod->nactions && n < ix->nactions; a++, n++) {
			const struct action *act = &mod->actions[a];

			ix->actions[n] = act;
			ix->cnames[n] = xasprintf("%s%s_%s", ix->prefix,
						  mod->name, act->name);
			table_put(&ix->calls, ix->cnames[n],
				  strlen(ix->cnames[n]), NAME_ACTION, n);
			put_owned(ix, &ix->names,
				  xasprintf("%s.%s", mod->name, act->name),
				  NAME_QUALIFIED, n);
		}
	}
}

void lint_index_init(struct lint_index *ix, const struct catalogue *cat)
{
	size_t i;

	memset(ix, 0, sizeof(*ix));
	ix->cat = cat;
	ix->prefix = xasprintf("%s_", cat->prefix ? cat->prefix : "");
	ix->upper = upper_case(ix->prefix);
	ix->strs_type = xasprintf("%sstrs", ix->prefix);
	ix->ints_type = xasprintf("%sints", ix->prefix);
	index_catalogue(ix);
	index_api(ix);
	index_helpers(ix);
	for (i = 0; i < cat->nfunctions; i++)
		table_put(&ix->calls, cat->functions[i].name,
			  strlen(cat->functions[i].name), NAME_FUNCTION, i);
}

void lint_index_release(struct lint_index *ix)
{
	size_t i;

	for (i = 0; i < ix->nactions; i++)
		free(ix->cnames[i]);
	for (i = 0; i < ix->nkeys; i++)
		free(ix->keys[i]);
	free(ix->keys);
	free(ix->cnames);
	free(ix->actions);
	free(ix->calls.slots);
	free(ix->helpers.slots);
	free(ix->names.slots);
	free(ix->prefix);
	free(ix->upper);
	free(ix->strs_type);
	free(ix->ints_type);
	memset(ix, 0, sizeof(*ix));
}

const struct module *index_find_module(const struct lint_index *ix,
				       const char *name, size_t len)
{
	const struct name_slot *slot = name_table_find(&ix->names, name, len);

	if (!slot || slot->kind != NAME_MODULE)
		return NULL;
	return &ix->cat->modules[slot->value];
}

int index_find_action(const struct lint_index *ix, const struct module *mod,
		      const char *name, size_t len)
{
	char key[256];
	size_t mlen = strlen(mod->name);
	const struct name_slot *slot;

	if (mlen + 1 + len > sizeof(key))
		return -1;
	memcpy(key, mod->name, mlen);
	key[mlen] = '.';
	memcpy(key + mlen + 1, name, len);
	slot = name_table_find(&ix->names, key, mlen + 1 + len);
	if (!slot || slot->kind != NAME_QUALIFIED)
		return -1;
	return slot->value;
}
