/* calls.c: recognise logging calls in a file's tokens and split them. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "internal.h"
#include "util.h"

static const struct token *tok(const struct lint_unit *u, size_t i)
{
	return &u->view[i];
}

static bool tok_text(const struct lint_unit *u, size_t i, const char *text)
{
	const struct token *t = tok(u, i);
	size_t n = strlen(text);

	return t->end - t->start == n && !memcmp(u->scan.buf + t->start, text, n);
}

/* A parameter of the macro whose body is being read, or __VA_ARGS__. */
static bool is_param(const struct lint_unit *u, size_t i)
{
	const struct scan *s = &u->scan;
	size_t k;

	if (!u->define || tok(u, i)->kind != TOK_IDENT)
		return false;
	if (tok_text(u, i, "__VA_ARGS__"))
		return true;
	for (k = 0; k < u->define->nparams; k++) {
		const struct token *p = &s->ptoks[u->define->params + k];
		size_t n = p->end - p->start;

		if (tok(u, i)->end - tok(u, i)->start == n &&
		    !memcmp(s->buf + p->start, s->buf + tok(u, i)->start, n))
			return true;
	}
	return false;
}

/* Whether a macro's parameters (or # and ##) take part in the span. */
static bool span_has_param(const struct lint_unit *u,
			   const struct tok_span *sp)
{
	size_t i;

	for (i = sp->first; u->define && i <= sp->last; i++)
		if (is_param(u, i) || tok_is(&u->scan, tok(u, i), "#") ||
		    tok_is(&u->scan, tok(u, i), "##"))
			return true;
	return false;
}

bool unit_is_skipped(const struct lint_unit *u, unsigned offset)
{
	size_t i;

	for (i = 0; i + 1 < u->nskipped; i += 2)
		if (offset >= u->skipped[i] && offset < u->skipped[i + 1])
			return true;
	return false;
}

static bool is_undeclared(const struct lint_unit *u, unsigned offset)
{
	size_t i;

	for (i = 0; i < u->nundeclared; i++)
		if (u->undeclared[i] == offset)
			return true;
	return false;
}

/*
 * Split the arguments of the call whose '(' is token `open` into u->spans.
 * Returns the index of the closing ')', or 0 when there is none.
 */
static size_t split_args(struct lint_unit *u, size_t open)
{
	size_t j, start = open + 1;
	int depth = 0;

	u->nspans = 0;
	for (j = open + 1; j < u->nview; j++) {
		const struct token *t = tok(u, j);
		char c = u->scan.buf[t->start];

		if (t->kind != TOK_PUNCT || t->end - t->start != 1)
			continue;
		if (c == '(' || c == '[' || c == '{') {
			depth++;
		} else if (c == ')' || c == ']' || c == '}') {
			if (depth--)
				continue;
			if (c != ')')
				return 0;
			if (u->nspans || start < j) {
				ALLOC_GROW(u->spans, u->nspans + 1, u->aspans);
				u->spans[u->nspans].first = start;
				u->spans[u->nspans++].last = j - 1;
			}
			return j;
		} else if (c == ',' && !depth) {
			ALLOC_GROW(u->spans, u->nspans + 1, u->aspans);
			u->spans[u->nspans].first = start;
			u->spans[u->nspans++].last = j - 1;
			start = j + 1;
		}
	}
	return 0;
}

static int add_value(struct lint_unit *u, size_t first, size_t last)
{
	struct value *v;

	ALLOC_GROW(u->values, u->nvalues + 1, u->avalues);
	v = &u->values[u->nvalues];
	memset(v, 0, sizeof(*v));
	v->start = tok(u, first)->start;
	v->end = tok(u, last)->end;
	v->single_ident = first == last && tok(u, first)->kind == TOK_IDENT;
	return (int)u->nvalues++;
}

/* The contents of a string literal token, without prefix and quotes. */
static const char *literal_text(const struct lint_unit *u, size_t i,
				size_t *len)
{
	const struct token *t = tok(u, i);
	const char *p = u->scan.buf + t->start;
	const char *end = u->scan.buf + t->end;

	while (p < end && *p != '"')
		p++;
	if (end - p >= 2 && end[-1] == '"') {
		*len = end - p - 2;
		return p + 1;
	}
	*len = 0;
	return p;
}

static void own(struct lint_unit *u, char *s)
{
	ALLOC_GROW(u->owned, u->nowned + 1, u->aowned);
	u->owned[u->nowned++] = s;
}

/* A module or action argument: literal(s), a macro to resolve, or else. */
static void name_arg(struct lint_unit *u, const struct tok_span *sp,
		     struct name_arg *arg)
{
	size_t i, len, total = 0;
	char *text;

	memset(arg, 0, sizeof(*arg));
	arg->value = -1;
	if (!sp || sp->first > sp->last)
		return;
	arg->present = true;
	arg->start = tok(u, sp->first)->start;
	arg->end = tok(u, sp->last)->end;
	if (span_has_param(u, sp)) {
		arg->unknown = true;
		return;
	}
	for (i = sp->first; i <= sp->last; i++)
		if (tok(u, i)->kind != TOK_STRING)
			break;
	if (i <= sp->last) {
		if (sp->first == sp->last && tok(u, i)->kind == TOK_IDENT)
			arg->value = add_value(u, sp->first, sp->last);
		return;
	}
	if (sp->first == sp->last) {
		arg->text = literal_text(u, sp->first, &arg->len);
		return;
	}
	/* Adjacent literals are one string. */
	for (i = sp->first; i <= sp->last; i++) {
		literal_text(u, i, &len);
		total += len;
	}
	text = xmalloc(total + 1);
	total = 0;
	for (i = sp->first; i <= sp->last; i++) {
		const char *p = literal_text(u, i, &len);

		memcpy(text + total, p, len);
		total += len;
	}
	text[total] = '\0';
	own(u, text);
	arg->text = text;
	arg->len = total;
}

static int match_level(const char *word)
{
	int level = level_parse(word);

	if (level >= 0)
		return level;
	if (!strcmp(word, "WARN"))
		return LEVEL_WARNING;
	if (!strcmp(word, "ERR"))
		return LEVEL_ERROR;
	return -1;
}

/*
 * The level a level argument names: "WARNING", FFL_WARNING, LOG_WARN and
 * the like. -1 when it is not a constant we can read.
 */
static int level_arg(struct lint_unit *u, const struct tok_span *sp)
{
	char word[64];
	const char *text;
	const char *underscore;
	size_t len, i;
	const struct token *t;

	if (!sp || sp->first != sp->last || is_param(u, sp->first))
		return -1;
	t = tok(u, sp->first);
	if (t->kind == TOK_STRING) {
		text = literal_text(u, sp->first, &len);
	} else if (t->kind == TOK_IDENT) {
		text = u->scan.buf + t->start;
		len = t->end - t->start;
	} else {
		return -1;
	}
	if (len >= sizeof(word))
		return -1;
	for (i = 0; i < len; i++)
		word[i] = toupper((unsigned char)text[i]);
	word[len] = '\0';
	if (match_level(word) >= 0)
		return match_level(word);
	underscore = strrchr(word, '_');
	return underscore ? match_level(underscore + 1) : -1;
}

static struct call_field *new_field(struct lint_unit *u, struct call *c)
{
	struct call_field *f;

	ALLOC_GROW(u->fields, u->nfields + 1, u->afields);
	f = &u->fields[u->nfields++];
	memset(f, 0, sizeof(*f));
	f->helper = -1;
	f->value = -1;
	c->nfields++;
	return f;
}

static void set_value(struct lint_unit *u, struct call_field *f, size_t first,
		      size_t last)
{
	f->value_start = tok(u, first)->start;
	f->value_end = tok(u, last)->end;
	f->value = add_value(u, first, last);
	if (first != last)
		return;
	f->null_literal = tok_text(u, first, "NULL") || tok_text(u, first, "0");
	f->empty_literal = tok(u, first)->kind == TOK_STRING &&
			   tok_text(u, first, "\"\"");
}

/* `.name = value`, an argument of a typed macro. */
static void typed_field(struct lint_unit *u, struct call *c,
			const struct tok_span *sp)
{
	struct call_field *f;

	if (sp->last < sp->first + 3 ||
	    !tok_is(&u->scan, tok(u, sp->first), ".") ||
	    tok(u, sp->first + 1)->kind != TOK_IDENT ||
	    is_param(u, sp->first + 1) ||
	    !tok_is(&u->scan, tok(u, sp->first + 2), "=")) {
		/* In a macro, fields may come from its arguments. */
		c->open |= span_has_param(u, sp);
		return;
	}
	f = new_field(u, c);
	f->name = u->scan.buf + tok(u, sp->first + 1)->start;
	f->name_len = tok(u, sp->first + 1)->end - tok(u, sp->first + 1)->start;
	f->pos = tok(u, sp->first + 1)->start;
	f->span_start = tok(u, sp->first)->start;
	f->span_end = tok(u, sp->last)->end;
	set_value(u, f, sp->first + 3, sp->last);
}

/* A key written as a string literal: its contents become the name. */
static void field_key(struct lint_unit *u, struct call_field *f, size_t i)
{
	size_t len;

	f->name = literal_text(u, i, &len);
	f->name_len = len;
	f->pos = tok(u, i)->start;
}

/* FFL_INT("key", value), a field of the untyped form. */
static void helper_field(struct lint_unit *u, struct call *c,
			 const struct tok_span *sp)
{
	const struct token *t = tok(u, sp->first);
	const struct name_slot *slot;
	struct call_field *f;
	size_t comma;

	if (t->kind != TOK_IDENT || sp->last < sp->first + 5) {
		c->open |= span_has_param(u, sp);
		return;
	}
	slot = name_table_find(&u->ix->helpers, u->scan.buf + t->start,
			       t->end - t->start);
	if (!slot || !tok_is(&u->scan, tok(u, sp->first + 1), "(") ||
	    tok(u, sp->first + 2)->kind != TOK_STRING ||
	    !tok_is(&u->scan, tok(u, sp->first + 3), ",") ||
	    !tok_is(&u->scan, tok(u, sp->last), ")")) {
		c->open |= span_has_param(u, sp);
		return;
	}
	comma = sp->first + 3;
	if (comma + 1 > sp->last - 1)
		return;
	f = new_field(u, c);
	field_key(u, f, sp->first + 2);
	f->helper = slot->value;
	f->span_start = t->start;
	f->span_end = tok(u, sp->last)->end;
	set_value(u, f, comma + 1, sp->last - 1);
}

/* "key", value pairs of a declared function, up to a NULL key. */
static void pair_fields(struct lint_unit *u, struct call *c, size_t from)
{
	size_t i;

	for (i = from; i < u->nspans; i += 2) {
		const struct tok_span *key = &u->spans[i];
		const struct tok_span *val = &u->spans[i + 1];
		struct call_field *f;

		if (i + 1 == u->nspans) {
			c->open |= span_has_param(u, key);
			break;
		}
		if (span_has_param(u, key)) {
			/* The pairs from here on are the macro's caller's. */
			c->open = true;
			break;
		}
		if (key->first != key->last || val->first > val->last)
			continue;
		if (tok(u, key->first)->kind != TOK_STRING)
			continue;
		f = new_field(u, c);
		field_key(u, f, key->first);
		f->span_start = tok(u, key->first)->start;
		f->span_end = tok(u, val->last)->end;
		set_value(u, f, val->first, val->last);
	}
}

static struct call *new_call(struct lint_unit *u, enum call_form form,
			     size_t name, size_t close)
{
	struct call *c;

	ALLOC_GROW(u->calls, u->ncalls + 1, u->acalls);
	c = &u->calls[u->ncalls++];
	memset(c, 0, sizeof(*c));
	c->form = form;
	c->start = tok(u, name)->start;
	c->name_end = tok(u, name)->end;
	c->end = tok(u, close)->end;
	c->action = -1;
	c->level = -1;
	c->module.value = c->act.value = -1;
	c->first_field = u->nfields;
	return c;
}

static const struct tok_span *span(const struct lint_unit *u, int i)
{
	return i >= 0 && (size_t)i < u->nspans ? &u->spans[i] : NULL;
}

static void typed_call(struct lint_unit *u, size_t name, size_t close,
		       int action, size_t from)
{
	struct call *c = new_call(u, CALL_TYPED, name, close);
	size_t i;

	c->action = action;
	for (i = from; i < u->nspans; i++)
		typed_field(u, c, &u->spans[i]);
}

/* <prefix>_log(lg, level, "module", "action", "msg", fields...) */
static void untyped_call(struct lint_unit *u, size_t name, size_t close,
			 size_t base)
{
	struct call *c = new_call(u, CALL_UNTYPED, name, close);
	const struct tok_span *lv = span(u, base + 1);
	size_t i;

	c->level = level_arg(u, lv);
	if (lv)
		c->level_pos = tok(u, lv->first)->start;
	name_arg(u, span(u, base + 2), &c->module);
	name_arg(u, span(u, base + 3), &c->act);
	for (i = base + 5; i < u->nspans; i++)
		helper_field(u, c, &u->spans[i]);
}

static void function_call(struct lint_unit *u, size_t name, size_t close,
			  const struct log_function *fn)
{
	struct call *c = new_call(u, CALL_FUNCTION, name, close);
	const struct tok_span *lv = span(u, fn->level_arg);

	c->fn = fn;
	if (fn->fixed_level >= 0) {
		c->level = fn->fixed_level;
		c->level_pos = c->start;
	} else if (lv) {
		c->level = level_arg(u, lv);
		c->level_pos = tok(u, lv->first)->start;
	}
	name_arg(u, span(u, fn->module_arg), &c->module);
	name_arg(u, span(u, fn->action_arg), &c->act);
	if (fn->fields_arg >= 0)
		pair_fields(u, c, fn->fields_arg);
}

static void bind_call(struct lint_unit *u, size_t name, size_t close)
{
	struct call *c = new_call(u, CALL_BIND, name, close);
	size_t i;

	for (i = 1; i < u->nspans; i++)
		helper_field(u, c, &u->spans[i]);
}

/* The action named by the fourth argument of <prefix>_format_event. */
static int format_event_action(struct lint_unit *u)
{
	const struct tok_span *sp = span(u, 3);
	const struct name_slot *slot;
	const struct token *t;

	if (!sp || sp->first != sp->last)
		return -1;
	t = tok(u, sp->first);
	slot = name_table_find(&u->ix->calls, u->scan.buf + t->start,
			       t->end - t->start);
	return slot && slot->kind == NAME_ACTION ? slot->value : -1;
}

static void known_call(struct lint_unit *u, size_t name, size_t close,
		       const struct name_slot *slot)
{
	int action;

	switch (slot->kind) {
	case NAME_ACTION:
		typed_call(u, name, close, slot->value, 1);
		break;
	case NAME_FORMAT_EVENT:
		action = format_event_action(u);
		if (action >= 0)
			typed_call(u, name, close, action, 5);
		break;
	case NAME_LOG:
		untyped_call(u, name, close, 0);
		break;
	case NAME_FORMAT_LOG:
		untyped_call(u, name, close, 2);
		break;
	case NAME_LOGGER_NEW:
		bind_call(u, name, close);
		break;
	case NAME_FUNCTION:
		function_call(u, name, close,
			      &u->ix->cat->functions[slot->value]);
		break;
	default:
		break;
	}
}

/*
 * Whether the name at token `i` is declared or defined there rather than
 * called: `void footy_log(...)`, `static int *footy_log(...)`.
 */
static bool is_declarator(const struct lint_unit *u, size_t i)
{
	static const char *const statement_words[] = {
		"return", "else", "do", "case", "sizeof", NULL
	};
	size_t k;

	if (i && tok_is(&u->scan, tok(u, i - 1), "*"))
		i--;
	if (!i || tok(u, i - 1)->kind != TOK_IDENT)
		return false;
	for (k = 0; statement_words[k]; k++)
		if (tok_text(u, i - 1, statement_words[k]))
			return false;
	return true;
}

/*
 * In a macro body clang says nothing about undeclared functions; a name
 * that starts like a module's typed macros but is none is taken for a
 * misspelt one.
 */
static bool looks_typed(const struct lint_unit *u, const char *name,
			size_t len)
{
	const struct catalogue *cat = u->ix->cat;
	size_t plen = strlen(u->ix->prefix), m;

	if (!u->define || len <= plen || memcmp(name, u->ix->prefix, plen))
		return false;
	for (m = 0; m < cat->nmodules; m++) {
		size_t n = strlen(cat->modules[m].name);

		if (plen + n + 1 < len &&
		    !memcmp(name + plen, cat->modules[m].name, n) &&
		    name[plen + n] == '_')
			return true;
	}
	return false;
}

/* Find the calls in the tokens of u->view. */
static void find_calls(struct lint_unit *u)
{
	const struct lint_index *ix = u->ix;
	size_t plen = strlen(ix->prefix);
	size_t i;

	for (i = 0; i + 1 < u->nview; i++) {
		const struct token *t = tok(u, i);
		const char *name = u->scan.buf + t->start;
		size_t len = t->end - t->start;
		const struct name_slot *slot;
		size_t close;

		if (t->kind != TOK_IDENT || !tok_is(&u->scan, tok(u, i + 1), "("))
			continue;
		if (i && (tok_is(&u->scan, tok(u, i - 1), ".") ||
			  tok_is(&u->scan, tok(u, i - 1), "->")))
			continue;
		slot = name_table_find(&ix->calls, name, len);
		if (!slot && !(len > plen && !memcmp(name, ix->prefix, plen) &&
			       is_undeclared(u, t->start)) &&
		    !looks_typed(u, name, len))
			continue;
		if (unit_is_skipped(u, t->start) || is_declarator(u, i))
			continue;
		close = split_args(u, i + 1);
		if (!close)
			continue;
		if (slot)
			known_call(u, i, close, slot);
		else
			new_call(u, CALL_UNDECLARED, i, close);
	}
}

void calls_find(struct lint_unit *u)
{
	const struct scan *s = &u->scan;
	size_t d;

	u->ncalls = u->nfields = u->nvalues = 0;
	u->view = s->toks;
	u->nview = s->ntoks;
	u->define = NULL;
	find_calls(u);
	u->ncode_calls = u->ncalls;
	for (d = 0; d < s->ndefines; d++) {
		u->define = &s->defines[d];
		u->nview = u->define->end - u->define->first;
		u->view = u->nview ? s->dtoks + u->define->first : s->dtoks;
		find_calls(u);
	}
	u->define = NULL;
}
