/* types.c: whether a value's C type suits a catalogue field type. */
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util.h"

static bool is_char(enum CXTypeKind k)
{
	return k == CXType_Char_S || k == CXType_Char_U ||
	       k == CXType_SChar || k == CXType_UChar;
}

/* Integers and enums; bool is not an integer here. */
static bool is_integer(enum CXTypeKind k)
{
	switch (k) {
	case CXType_Char_U:
	case CXType_UChar:
	case CXType_Char16:
	case CXType_Char32:
	case CXType_UShort:
	case CXType_UInt:
	case CXType_ULong:
	case CXType_ULongLong:
	case CXType_UInt128:
	case CXType_Char_S:
	case CXType_SChar:
	case CXType_WChar:
	case CXType_Short:
	case CXType_Int:
	case CXType_Long:
	case CXType_LongLong:
	case CXType_Int128:
	case CXType_Enum:
		return true;
	default:
		return false;
	}
}

static bool is_floating(enum CXTypeKind k)
{
	return k == CXType_Float || k == CXType_Double ||
	       k == CXType_LongDouble || k == CXType_Float16 ||
	       k == CXType_Half || k == CXType_Float128;
}

static bool is_int64(CXType t)
{
	return (t.kind == CXType_Long || t.kind == CXType_LongLong) &&
	       clang_Type_getSizeOf(t) == 8;
}

/* The element type of a pointer or an array, canonical; kind Invalid. */
static CXType element(CXType t)
{
	CXType e;

	if (t.kind == CXType_Pointer)
		e = clang_getPointeeType(t);
	else if (t.kind == CXType_ConstantArray ||
		 t.kind == CXType_IncompleteArray ||
		 t.kind == CXType_VariableArray)
		e = clang_getArrayElementType(t);
	else
		e.kind = CXType_Invalid;
	return e.kind == CXType_Invalid ? e : clang_getCanonicalType(e);
}

static bool is_record_named(CXType t, const char *name)
{
	CXString s;
	bool same;

	if (t.kind != CXType_Record)
		return false;
	s = clang_getCursorSpelling(clang_getTypeDeclaration(t));
	same = !strcmp(clang_getCString(s), name);
	clang_disposeString(s);
	return same;
}

/* The index of the token starting at `offset`, or ntoks. */
static size_t token_at(const struct scan *s, unsigned offset)
{
	size_t lo = 0, hi = s->ntoks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (s->toks[mid].start < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * An int that C programs use as a truth value: 0, 1, true, false, a
 * comparison, a logical operation or a negation.
 */
static bool looks_boolean(const struct lint_unit *u, const struct call_field *f)
{
	static const char *const ops[] = {
		"==", "!=", "<", ">", "<=", ">=", "&&", "||", NULL
	};
	const struct scan *s = &u->scan;
	size_t first = token_at(s, f->value_start), last, i, k;
	int depth = 0;

	for (last = first; last + 1 < s->ntoks &&
	     s->toks[last + 1].end <= f->value_end; last++)
		;
	if (first >= s->ntoks)
		return false;
	if (first == last) {
		const struct token *t = &s->toks[first];
		size_t n = t->end - t->start;
		const char *p = s->buf + t->start;

		return (n == 1 && (*p == '0' || *p == '1')) ||
		       (n == 4 && !memcmp(p, "true", 4)) ||
		       (n == 5 && !memcmp(p, "false", 5));
	}
	if (tok_is(s, &s->toks[first], "!"))
		return true;
	for (i = first; i <= last; i++) {
		const struct token *t = &s->toks[i];

		if (tok_is(s, t, "(") || tok_is(s, t, "["))
			depth++;
		else if (tok_is(s, t, ")") || tok_is(s, t, "]"))
			depth--;
		else if (tok_is(s, t, "?"))
			return false;
		else if (depth <= 1)
			for (k = 0; ops[k]; k++)
				if (tok_is(s, t, ops[k]))
					return true;
	}
	return false;
}

static bool suits(const struct lint_unit *u, const struct call_field *f,
		  CXType t, enum field_type type)
{
	const struct lint_index *ix = u->ix;
	CXType e = element(t);

	switch (type) {
	case FIELD_STRING:
		return (e.kind != CXType_Invalid && is_char(e.kind)) ||
		       f->null_literal;
	case FIELD_INT:
		return is_integer(t.kind);
	case FIELD_FLOAT:
		return is_floating(t.kind) || is_integer(t.kind);
	case FIELD_BOOL:
		return t.kind == CXType_Bool ||
		       (is_integer(t.kind) && looks_boolean(u, f));
	case FIELD_LIST_STRING:
		if (is_record_named(t, ix->strs_type) || f->null_literal)
			return true;
		e = element(e);
		return e.kind != CXType_Invalid && is_char(e.kind);
	case FIELD_LIST_INT:
		return is_record_named(t, ix->ints_type) || f->null_literal ||
		       (e.kind != CXType_Invalid && is_int64(e));
	default:
		return true;
	}
}

enum value_verdict value_check_type(const struct lint_unit *u,
				    const struct call_field *f,
				    enum field_type type)
{
	const struct value *v;
	CXType t;

	if (f->value < 0)
		return VALUE_UNKNOWN;
	v = &u->values[f->value];
	if (!v->resolved)
		return VALUE_UNKNOWN;
	t = clang_getCanonicalType(clang_getCursorType(v->cursor));
	if (t.kind == CXType_Invalid || t.kind == CXType_Unexposed)
		return VALUE_UNKNOWN;
	return suits(u, f, t, type) ? VALUE_OK : VALUE_WRONG;
}

/* "const int64_t" and "char *const" lose their top-level const. */
void type_strip_const(char *s)
{
	size_t n = strlen(s);

	if (n > 6 && !strcmp(s + n - 6, "*const"))
		s[n - 5] = '\0';
	else if (!strncmp(s, "const ", 6) && !strchr(s, '*'))
		memmove(s, s + 6, n - 5);
}

char *value_type_spelling(const struct lint_unit *u, int value)
{
	CXString s = clang_getTypeSpelling(
		clang_getCursorType(u->values[value].cursor));
	char *out = xstrdup(clang_getCString(s));

	clang_disposeString(s);
	type_strip_const(out);
	return out;
}

static enum CXChildVisitResult first_child(CXCursor c, CXCursor parent,
					   CXClientData data)
{
	*(CXCursor *)data = c;
	return CXChildVisit_Break;
}

/* The contents of a plain "..." literal as written, or NULL. */
static char *literal_spelling(CXCursor c)
{
	CXString s = clang_getCursorSpelling(c);
	const char *p = clang_getCString(s);
	const char *q = p ? strchr(p, '"') : NULL;
	const char *end = q ? strrchr(q + 1, '"') : NULL;
	char *out = NULL;

	if (end && !memchr(q + 1, '\\', end - q - 1))
		out = xstrndup(q + 1, end - q - 1);
	clang_disposeString(s);
	return out;
}

char *value_string_literal(const struct lint_unit *u, int value)
{
	const struct value *v = &u->values[value];
	CXCursor c = v->cursor;
	CXEvalResult r;
	char *out = NULL;

	if (!v->resolved)
		return NULL;
	while (clang_getCursorKind(c) == CXCursor_ParenExpr ||
	       clang_getCursorKind(c) == CXCursor_UnexposedExpr) {
		CXCursor child = clang_getNullCursor();

		clang_visitChildren(c, first_child, &child);
		if (clang_Cursor_isNull(child))
			return NULL;
		c = child;
	}
	if (clang_getCursorKind(c) != CXCursor_StringLiteral)
		return NULL;
	r = clang_Cursor_Evaluate(c);
	if (r && clang_EvalResult_getKind(r) == CXEval_StrLiteral)
		out = xstrdup(clang_EvalResult_getAsStr(r));
	if (r)
		clang_EvalResult_dispose(r);
	return out ? out : literal_spelling(c);
}
