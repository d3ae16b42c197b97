/* diag.c: collect diagnostics and print them as text or JSON. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>

#include "diag.h"
#include "catalogue.h"
#include "util.h"

const char *diag_severity_name(enum diag_severity severity)
{
	switch (severity) {
	case DIAG_ERROR:
		return "error";
	case DIAG_WARNING:
		return "warning";
	default:
		return "note";
	}
}

void diag_vadd(struct diag_list *list, enum diag_severity severity,
	       const char *file, unsigned line, unsigned column,
	       const char *check, const char *fmt, va_list ap)
{
	struct diag *d;

	ALLOC_GROW(list->items, list->nr + 1, list->alloc);
	d = &list->items[list->nr++];
	d->severity = severity;
	d->file = file ? xstrdup(file) : NULL;
	d->line = line;
	d->column = column;
	d->check = check ? xstrdup(check) : NULL;
	d->message = xvasprintf(fmt, ap);
	if (severity == DIAG_ERROR)
		list->errors++;
	else if (severity == DIAG_WARNING)
		list->warnings++;
}

void diag_add(struct diag_list *list, enum diag_severity severity,
	      const char *file, unsigned line, unsigned column,
	      const char *check, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(list, severity, file, line, column, check, fmt, ap);
	va_end(ap);
}

void diag_at(struct diag_list *list, enum diag_severity severity,
	     const struct srcpos *pos, const char *check,
	     const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	diag_vadd(list, severity, pos ? pos->file : NULL,
		  pos ? pos->line : 0, pos ? pos->column : 0, check, fmt, ap);
	va_end(ap);
}

void diag_list_move(struct diag_list *to, struct diag_list *from)
{
	size_t i;

	ALLOC_GROW(to->items, to->nr + from->nr, to->alloc);
	for (i = 0; i < from->nr; i++)
		to->items[to->nr++] = from->items[i];
	to->errors += from->errors;
	to->warnings += from->warnings;
	free(from->items);
	memset(from, 0, sizeof(*from));
}

static int diag_cmp(const struct diag *a, const struct diag *b)
{
	int c = strcmp(a->file ? a->file : "", b->file ? b->file : "");

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->column != b->column)
		return a->column < b->column ? -1 : 1;
	return 0;
}

void diag_list_sort(struct diag_list *list)
{
	size_t i, j;

	/* Insertion sort: stable, and lists are short or nearly sorted. */
	for (i = 1; i < list->nr; i++) {
		struct diag tmp = list->items[i];

		for (j = i; j > 0 && diag_cmp(&list->items[j - 1], &tmp) > 0; j--)
			list->items[j] = list->items[j - 1];
		list->items[j] = tmp;
	}
}

void diag_list_release(struct diag_list *list)
{
	size_t i;

	for (i = 0; i < list->nr; i++) {
		free(list->items[i].file);
		free(list->items[i].check);
		free(list->items[i].message);
	}
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/*
 * The text of one line of a file, for the caret display. The last file
 * read is kept, since diagnostics come sorted by file.
 */
struct line_cache {
	char *path;
	char *buf;
	size_t len;
};

static const char *line_cache_get(struct line_cache *lc, const char *path,
				  unsigned line, size_t *len)
{
	const char *p, *end;

	if (!lc->path || strcmp(lc->path, path)) {
		free(lc->path);
		free(lc->buf);
		lc->path = xstrdup(path);
		lc->buf = NULL;
		lc->len = 0;
		if (read_file(path, &lc->buf, &lc->len, 64 << 20))
			lc->buf = NULL;
	}
	if (!lc->buf)
		return NULL;
	p = lc->buf;
	end = lc->buf + lc->len;
	while (--line && p < end) {
		p = memchr(p, '\n', end - p);
		if (!p)
			return NULL;
		p++;
	}
	if (p >= end)
		return NULL;
	*len = strcspn(p, "\r\n");
	if (p + *len > end)
		*len = end - p;
	return p;
}

static void print_caret(FILE *out, const char *text, size_t len,
			unsigned column, int color)
{
	size_t i;

	if (len > 300)
		return;
	fputc(' ', out);
	fwrite(text, 1, len, out);
	fputs("\n ", out);
	for (i = 0; i + 1 < column && i < len; i++)
		fputc(text[i] == '\t' ? '\t' : ' ', out);
	fputs(color ? "\033[1;32m^\033[0m\n" : "^\n", out);
}

void diag_print_text(FILE *out, const struct diag_list *list, int color)
{
	static const char *colors[] = { "\033[1;31m", "\033[1;35m",
					 "\033[1;36m" };
	struct line_cache lc = { NULL, NULL, 0 };
	size_t i;

	for (i = 0; i < list->nr; i++) {
		const struct diag *d = &list->items[i];
		const char *text = NULL;
		size_t len = 0;

		if (d->file && d->line)
			fprintf(out, color ? "\033[1m%s:%u:%u:\033[0m " :
				"%s:%u:%u: ", d->file, d->line,
				d->column ? d->column : 1);
		else if (d->file)
			fprintf(out, color ? "\033[1m%s:\033[0m " : "%s: ",
				d->file);
		else
			fputs("logschema: ", out);
		fprintf(out, "%s%s:%s %s", color ? colors[d->severity] : "",
			diag_severity_name(d->severity), color ? "\033[0m" : "",
			d->message);
		if (d->check)
			fprintf(out, " [%s]", d->check);
		fputc('\n', out);
		if (d->file && d->line && d->column)
			text = line_cache_get(&lc, d->file, d->line, &len);
		if (text)
			print_caret(out, text, len, d->column, color);
	}
	free(lc.path);
	free(lc.buf);
}

void diag_print_json(FILE *out, const struct diag_list *list)
{
	json_t *root = json_object(), *arr = json_array();
	size_t i;

	for (i = 0; i < list->nr; i++) {
		const struct diag *d = &list->items[i];

		json_array_append_new(arr, json_pack("{s:s?,s:i,s:i,s:s,s:s?,s:s}",
			"file", d->file, "line", (json_int_t)d->line,
			"column", (json_int_t)d->column,
			"severity", diag_severity_name(d->severity),
			"check", d->check, "message", d->message));
	}
	json_object_set_new(root, "diagnostics", arr);
	json_object_set_new(root, "errors", json_integer(list->errors));
	json_object_set_new(root, "warnings", json_integer(list->warnings));
	json_dumpf(root, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', out);
	json_decref(root);
}
