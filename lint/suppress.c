/* suppress.c: inline suppressions, and reports of those that do nothing. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util.h"

#define MARK "logschema-ignore"

struct suppression {
	unsigned line;		/* the line whose findings it suppresses */
	unsigned offset;	/* of the check name, for reports */
	int check;		/* -1: not a check name */
	const char *name;	/* as written, not NUL-terminated */
	size_t len;
	bool next_line;
	bool used;
};

struct suppressions {
	struct suppression *items;
	size_t nr, alloc;
};

static bool is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
	       (c >= 'A' && c <= 'Z') || c == '_';
}

/* Parse "check[, check...]" after the colon of one comment. */
static void parse_names(struct lint_unit *u, struct suppressions *list,
			const char *p, const char *end, unsigned line,
			bool next_line)
{
	for (;;) {
		struct suppression *s;
		const char *name;
		char buf[64];
		size_t len;

		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		name = p;
		while (p < end && is_name_char(*p))
			p++;
		len = p - name;
		if (!len || (len == 2 && !memcmp(name, "--", 2)))
			return;
		ALLOC_GROW(list->items, list->nr + 1, list->alloc);
		s = &list->items[list->nr++];
		memset(s, 0, sizeof(*s));
		s->line = line;
		s->offset = name - u->scan.buf;
		s->name = name;
		s->len = len;
		s->next_line = next_line;
		s->check = -1;
		if (len < sizeof(buf)) {
			memcpy(buf, name, len);
			buf[len] = '\0';
			s->check = lint_check_lookup(buf);
		}
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (p >= end || *p != ',')
			return;
		p++;
	}
}

static void read_comment(struct lint_unit *u, struct suppressions *list,
			 const struct comment *c)
{
	const char *text = u->scan.buf + c->start;
	const char *end = u->scan.buf + c->end;
	const char *p = memmem(text, end - text, MARK, strlen(MARK));
	unsigned line, column;
	bool next = false;

	if (!p)
		return;
	p += strlen(MARK);
	if (end - p >= 10 && !memcmp(p, "-next-line", 10)) {
		next = true;
		p += 10;
	}
	if (p >= end || *p != ':')
		return;
	if (next)
		scan_position(&u->scan, c->end ? c->end - 1 : 0, &line, &column);
	else
		scan_position(&u->scan, c->start, &line, &column);
	parse_names(u, list, p + 1, end, next ? line + 1 : line, next);
}

static void drop_diag(struct diag_list *list, size_t i)
{
	struct diag *d = &list->items[i];

	if (d->severity == DIAG_ERROR)
		list->errors--;
	else if (d->severity == DIAG_WARNING)
		list->warnings--;
	free(d->file);
	free(d->check);
	free(d->message);
	memmove(d, d + 1, (list->nr - i - 1) * sizeof(*d));
	list->nr--;
}

static bool suppressed(struct suppressions *list, const struct diag *d)
{
	size_t i;
	bool found = false;

	for (i = 0; i < list->nr; i++) {
		struct suppression *s = &list->items[i];

		if (s->line == d->line && s->check >= 0 &&
		    !strcmp(lint_check_name(s->check), d->check)) {
			s->used = true;
			found = true;
		}
	}
	return found;
}

static void report_unused(struct lint_unit *u, struct suppressions *list)
{
	size_t i;

	for (i = 0; i < list->nr; i++) {
		const struct suppression *s = &list->items[i];

		if (s->check < 0)
			unit_report(u, LINT_UNUSED_SUPPRESSION, s->offset,
				    "suppression names '%.*s', which is not a check",
				    (int)s->len, s->name);
		else if (!s->used && u->opts->enabled[s->check] &&
			 s->check != LINT_PARSE_ERROR &&
			 s->check != LINT_UNUSED_ACTION)
			unit_report(u, LINT_UNUSED_SUPPRESSION, s->offset,
				    "suppression of '%s' matches nothing on %s",
				    lint_check_name(s->check),
				    s->next_line ? "the next line" :
						   "this line");
	}
}

void suppress_apply(struct lint_unit *u, bool complete)
{
	struct suppressions list = { NULL, 0, 0 };
	size_t i;

	for (i = 0; i < u->scan.ncomments; i++)
		read_comment(u, &list, &u->scan.comments[i]);
	if (!list.nr)
		return;
	for (i = 0; i < u->diags.nr;) {
		const struct diag *d = &u->diags.items[i];

		if (d->check && strcmp(d->check,
				       lint_check_name(LINT_PARSE_ERROR)) &&
		    suppressed(&list, d))
			drop_diag(&u->diags, i);
		else
			i++;
	}
	if (complete)
		report_unused(u, &list);
	free(list.items);
}
