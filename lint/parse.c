/* parse.c: drive libclang: parse a file, read its diagnostics and AST. */
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include "util.h"

/* A header's path as clang names it, relative to the working directory. */
static char *display_name(CXFile file)
{
	CXString name = clang_getFileName(file);
	const char *s = clang_getCString(name);
	char cwd[PATH_MAX];
	char *out;
	size_t n;

	if (!s)
		s = "";
	if (getcwd(cwd, sizeof(cwd)) && (n = strlen(cwd)) &&
	    !strncmp(s, cwd, n) && s[n] == '/')
		s += n + 1;
	while (!strncmp(s, "./", 2))
		s += 2;
	out = xstrdup(s);
	clang_disposeString(name);
	return out;
}

static void add_error(struct lint_unit *u, CXDiagnostic d, bool warning)
{
	CXSourceLocation loc = clang_getDiagnosticLocation(d);
	CXString msg = clang_getDiagnosticSpelling(d);
	struct clang_error *e;
	CXFile file;
	unsigned line, column, offset;

	clang_getFileLocation(loc, &file, &line, &column, &offset);
	ALLOC_GROW(u->errors, u->nerrors + 1, u->aerrors);
	e = &u->errors[u->nerrors++];
	memset(e, 0, sizeof(*e));
	e->warning = warning;
	e->message = xstrdup(clang_getCString(msg));
	clang_disposeString(msg);
	if (!file) {
		e->file = NULL;
		e->offset = UINT_MAX;
		return;
	}
	if (!clang_File_isEqual(file, u->file))
		e->file = display_name(file);
	e->offset = offset;
	e->line = line;
	e->column = column;
}

/* A call of a function clang has not seen declared: maybe a typo. */
static void note_undeclared(struct lint_unit *u, CXDiagnostic d)
{
	CXString opt = clang_getDiagnosticOption(d, NULL);
	const char *o = clang_getCString(opt);
	CXFile file;
	unsigned offset;

	if (o && strstr(o, "implicit-function-declaration")) {
		clang_getFileLocation(clang_getDiagnosticLocation(d), &file,
				      NULL, NULL, &offset);
		if (file && clang_File_isEqual(file, u->file)) {
			ALLOC_GROW(u->undeclared, u->nundeclared + 1,
				   u->aundeclared);
			u->undeclared[u->nundeclared++] = offset;
		}
	}
	clang_disposeString(opt);
}

/* A conversion warning that names the type of the value converted. */
static bool names_a_type(CXDiagnostic d)
{
	CXString msg = clang_getDiagnosticSpelling(d);
	bool yes = strstr(clang_getCString(msg), TYPE_MARKER) != NULL;

	clang_disposeString(msg);
	return yes;
}

static void read_diagnostics(struct lint_unit *u)
{
	unsigned i, n = clang_getNumDiagnostics(u->tu);

	for (i = 0; i < n; i++) {
		CXDiagnostic d = clang_getDiagnostic(u->tu, i);
		enum CXDiagnosticSeverity sev = clang_getDiagnosticSeverity(d);

		if (sev >= CXDiagnostic_Error)
			add_error(u, d, false);
		else if (sev == CXDiagnostic_Warning && names_a_type(d))
			add_error(u, d, true);
		if (sev >= CXDiagnostic_Warning)
			note_undeclared(u, d);
		clang_disposeDiagnostic(d);
	}
}

static void read_skipped(struct lint_unit *u)
{
	CXSourceRangeList *list = clang_getSkippedRanges(u->tu, u->file);
	unsigned i, start, end;

	if (!list)
		return;
	for (i = 0; i < list->count; i++) {
		clang_getFileLocation(clang_getRangeStart(list->ranges[i]),
				      NULL, NULL, NULL, &start);
		clang_getFileLocation(clang_getRangeEnd(list->ranges[i]),
				      NULL, NULL, NULL, &end);
		ALLOC_GROW(u->skipped, u->nskipped + 2, u->askipped);
		u->skipped[u->nskipped++] = start;
		u->skipped[u->nskipped++] = end;
	}
	clang_disposeSourceRangeList(list);
}

int parse_unit(struct lint_unit *u, CXIndex index, const char *const *args,
	       int nargs, const struct lint_file *f)
{
	struct CXUnsavedFile unsaved;
	enum CXErrorCode err;
	const char *text;
	size_t len;

	unsaved.Filename = u->abspath;
	unsaved.Contents = f->text;
	unsaved.Length = f->len;
	err = clang_parseTranslationUnit2(index, u->abspath, args, nargs,
					  f->text ? &unsaved : NULL,
					  f->text ? 1 : 0,
					  CXTranslationUnit_DetailedPreprocessingRecord,
					  &u->tu);
	if (err != CXError_Success) {
		u->tu = NULL;
		diag_add(&u->diags, DIAG_ERROR, u->path, 0, 0,
			 lint_check_name(LINT_PARSE_ERROR),
			 "libclang could not parse '%s' (error %d)", u->path,
			 (int)err);
		return -1;
	}
	u->file = clang_getFile(u->tu, u->abspath);
	text = u->file ? clang_getFileContents(u->tu, u->file, &len) : NULL;
	if (!text) {
		diag_add(&u->diags, DIAG_ERROR, u->path, 0, 0,
			 lint_check_name(LINT_PARSE_ERROR),
			 "libclang did not read '%s'", u->path);
		clang_disposeTranslationUnit(u->tu);
		u->tu = NULL;
		return -1;
	}
	read_diagnostics(u);
	read_skipped(u);
	scan_file(&u->scan, text, len);
	return 0;
}

/* Walking the AST: only where calls are, matching values by position. */
struct walk {
	struct lint_unit *u;
	unsigned *max_end;	/* the furthest end of calls 0..i */
	int *order;		/* value indexes sorted by start */
	size_t norder;
};

static bool cursor_span(const struct lint_unit *u, CXCursor c,
			unsigned *start, unsigned *end)
{
	CXSourceRange r = clang_getCursorExtent(c);
	CXFile file;

	clang_getFileLocation(clang_getRangeStart(r), &file, NULL, NULL, start);
	if (!file || !clang_File_isEqual(file, u->file))
		return false;
	clang_getFileLocation(clang_getRangeEnd(r), &file, NULL, NULL, end);
	if (!file || !clang_File_isEqual(file, u->file) || *end < *start)
		*end = *start;
	return true;
}

/* Whether [start, end] overlaps a call (calls are sorted by start). */
static bool near_call(const struct walk *w, unsigned start, unsigned end)
{
	size_t lo = 0, hi = w->u->ncode_calls;

	/* The number of calls starting at or before `end`. */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (w->u->calls[mid].start <= end)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && w->max_end[lo - 1] > start;
}

struct only_child {
	CXCursor child;
	int n;
};

static enum CXChildVisitResult count_child(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	struct only_child *o = data;

	o->child = c;
	return ++o->n > 1 ? CXChildVisit_Break : CXChildVisit_Continue;
}

/* Implicit conversions cover exactly the range of what they convert. */
static CXCursor strip_implicit(const struct lint_unit *u, CXCursor c,
			       unsigned start, unsigned end)
{
	while (clang_getCursorKind(c) == CXCursor_UnexposedExpr) {
		struct only_child o = { clang_getNullCursor(), 0 };
		unsigned s, e;

		clang_visitChildren(c, count_child, &o);
		if (o.n != 1 || !clang_isExpression(clang_getCursorKind(o.child)))
			break;
		if (!cursor_span(u, o.child, &s, &e) || s != start || e != end)
			break;
		c = o.child;
	}
	return c;
}

static void match_value(struct walk *w, CXCursor c, unsigned start,
			unsigned end)
{
	size_t lo = 0, hi = w->norder;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (w->u->values[w->order[mid]].start < start)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < w->norder; lo++) {
		struct value *v = &w->u->values[w->order[lo]];

		if (v->start != start)
			break;
		if (v->resolved)
			continue;
		/* A macro's end is lost in its expansion: start suffices. */
		if (v->end != end && !(v->single_ident && end == start))
			continue;
		v->cursor = strip_implicit(w->u, c, start, end);
		v->resolved = true;
	}
}

static enum CXChildVisitResult visit(CXCursor c, CXCursor parent,
				     CXClientData data)
{
	struct walk *w = data;
	enum CXCursorKind kind = clang_getCursorKind(c);
	unsigned start, end;

	if (clang_isPreprocessing(kind) || clang_isAttribute(kind))
		return CXChildVisit_Continue;
	if (!cursor_span(w->u, c, &start, &end))
		return CXChildVisit_Continue;
	if (!near_call(w, start, end > start ? end : start + 1))
		return CXChildVisit_Continue;
	if (clang_isExpression(kind))
		match_value(w, c, start, end);
	return CXChildVisit_Recurse;
}

static enum CXChildVisitResult visit_top(CXCursor c, CXCursor parent,
					 CXClientData data)
{
	enum CXCursorKind kind = clang_getCursorKind(c);

	if (clang_isPreprocessing(kind) ||
	    !clang_Location_isFromMainFile(clang_getCursorLocation(c)))
		return CXChildVisit_Continue;
	if (visit(c, parent, data) == CXChildVisit_Recurse)
		clang_visitChildren(c, visit, data);
	return CXChildVisit_Continue;
}

static int cmp_value(const void *a, const void *b, void *data)
{
	const struct value *values = data;
	unsigned x = values[*(const int *)a].start;
	unsigned y = values[*(const int *)b].start;

	if (x != y)
		return x < y ? -1 : 1;
	return *(const int *)a - *(const int *)b;
}

void parse_resolve_values(struct lint_unit *u)
{
	struct walk w;
	size_t i;

	if (!u->nvalues || !u->ncode_calls)
		return;
	w.u = u;
	w.max_end = xmalloc(u->ncode_calls * sizeof(*w.max_end));
	for (i = 0; i < u->ncode_calls; i++)
		w.max_end[i] = i && w.max_end[i - 1] > u->calls[i].end ?
			       w.max_end[i - 1] : u->calls[i].end;
	w.order = xmalloc(u->nvalues * sizeof(*w.order));
	w.norder = u->nvalues;
	for (i = 0; i < u->nvalues; i++)
		w.order[i] = i;
	/* Values are created in file order except in nested calls. */
	for (i = 1; i < u->nvalues; i++)
		if (u->values[i].start < u->values[i - 1].start)
			break;
	if (i < u->nvalues)
		qsort_r(w.order, w.norder, sizeof(*w.order), cmp_value,
			u->values);
	clang_visitChildren(clang_getTranslationUnitCursor(u->tu), visit_top,
			    &w);
	free(w.max_end);
	free(w.order);
}
