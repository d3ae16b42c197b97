/* diag.h: diagnostics collected by every verb and printed in one format. */
#ifndef DIAG_H
#define DIAG_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

struct srcpos;

enum diag_severity {
	DIAG_ERROR,
	DIAG_WARNING,
	DIAG_NOTE
};

/* One finding; `line`/`column` are 1-based, 0 when unknown. */
struct diag {
	enum diag_severity severity;
	char *file;		/* may be NULL for whole-run problems */
	unsigned line;
	unsigned column;
	char *check;		/* stable check name, may be NULL */
	char *message;		/* lowercase, no final period */
};

struct diag_list {
	struct diag *items;
	size_t nr;
	size_t alloc;
	unsigned errors;
	unsigned warnings;
};

#define DIAG_LIST_INIT { NULL, 0, 0, 0, 0 }

/*
 * Append a diagnostic. The message is printf-formatted; `file` and
 * `check` are copied. Library code reports through these, never prints.
 */
void diag_add(struct diag_list *list, enum diag_severity severity,
	      const char *file, unsigned line, unsigned column,
	      const char *check, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
void diag_vadd(struct diag_list *list, enum diag_severity severity,
	       const char *file, unsigned line, unsigned column,
	       const char *check, const char *fmt, va_list ap);

/* Same, at a catalogue node's position. */
void diag_at(struct diag_list *list, enum diag_severity severity,
	     const struct srcpos *pos, const char *check,
	     const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Append every diagnostic of `from` to `to`, emptying `from`. */
void diag_list_move(struct diag_list *to, struct diag_list *from);

/* Order by file, line, column, then as added (stable). */
void diag_list_sort(struct diag_list *list);

void diag_list_release(struct diag_list *list);

/*
 * Print `file:line:col: severity: message [check]` followed by the source
 * line and a caret when the file can be read. `color` adds ANSI colours.
 */
void diag_print_text(FILE *out, const struct diag_list *list, int color);

/* Print {"diagnostics":[{"file","line","column","severity","check",
 * "message"}],"errors":N,"warnings":N} followed by a newline. */
void diag_print_json(FILE *out, const struct diag_list *list);

const char *diag_severity_name(enum diag_severity severity);

#endif
