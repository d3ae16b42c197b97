/* mustache.c: render parsed templates against JSON data. */
#include <float.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mustache_tree.h"

/*
 * Steps counted for the heavier work: formatting a real (per form tried),
 * and each byte of an array or object printed as JSON.
 */
#define REAL_STEPS 16
#define JSON_BYTE_STEPS 2

/* The data an element of a section sees: a stack of JSON values. */
struct mustache_frame {
	json_t *value;
	const struct mustache_frame *up;
};

/* The parents being rendered, innermost first, for block overrides. */
struct mustache_scope {
	const struct mustache_template *t;
	size_t parent;
	const struct mustache_scope *up;
};

/* Indentation added at each line start: outermost piece first. */
struct mustache_indent {
	const char *str;
	size_t len;
	const struct mustache_indent *up;
};

/* Where rendering stands: which nodes, against what. */
struct mustache_place {
	const struct mustache_template *t;
	const struct mustache_frame *frame;
	const struct mustache_scope *scope;
	const struct mustache_indent *indent;
};

/* A value as interpolated text; `*heap` is set when it must be freed. */
struct mustache_text {
	const char *str;
	size_t len;
	char *heap;
	char tmp[40];
};

struct mustache_render {
	struct mustache_buf out;
	mustache_escape_fn escape;
	mustache_partial_fn partial;
	void *ctx;
	struct mustache_template *templates;	/* every one read so far */
	unsigned found;		/* templates the partial callback gave */
	unsigned depth;		/* partials and parents being rendered */
	unsigned nesting;	/* contents being rendered, of any kind */
	unsigned long long steps; /* work done, see MUSTACHE_MAX_STEPS */
	struct mustache_error *err;
};

static void templates_free(struct mustache_template *t)
{
	struct mustache_template *next;

	for (; t; t = next) {
		next = t->next;
		free(t->name);
		free(t->nodes);
		free(t);
	}
}

/* A new template named `name[0..len)`, kept on the render's list. */
static struct mustache_template *template_new(struct mustache_render *r,
					      const char *name, size_t len)
{
	struct mustache_template *t = calloc(1, sizeof(*t));

	if (!t || !(t->name = malloc(len + 1))) {
		free(t);
		mustache_error_at(r->err, NULL, 0, "out of memory");
		return NULL;
	}
	memcpy(t->name, name, len);
	t->name[len] = '\0';
	t->name_len = len;
	t->root = NO_NODE;
	t->next = r->templates;
	r->templates = t;
	return t;
}

/* Read and parse a template the partial callback has, if it has. */
static int template_load(struct mustache_render *r,
			 const struct mustache_place *at, size_t pos,
			 struct mustache_template *t)
{
	if (!r->partial || memchr(t->name, '\0', t->name_len))
		t->src = NULL;
	else
		t->src = r->partial(r->ctx, t->name, &t->len);
	if (!t->src) {
		t->missing = 1;
		t->len = 0;
		return 0;
	}
	if (++r->found > MUSTACHE_MAX_TEMPLATES)
		return mustache_error_at(r->err, at->t, pos,
					 "more than %d partials in one render",
					 MUSTACHE_MAX_TEMPLATES);
	if (mustache_template_parse(t, r->err) < 0)
		return -1;
	r->steps += t->nr + t->len / 64;
	return 0;
}

/*
 * The template a partial or parent tag at `pos` names, read once per
 * render. Sets `*found` to NULL when there is none; returns -1 on error.
 */
static int template_find(struct mustache_render *r,
			 const struct mustache_place *at, size_t pos,
			 const struct mustache_text *name,
			 const struct mustache_template **found)
{
	struct mustache_template *t;

	*found = NULL;
	for (t = r->templates; t; t = t->next) {
		r->steps++;
		if (t->top || t->name_len != name->len ||
		    memcmp(t->name, name->str, name->len))
			continue;
		if (!t->missing)
			*found = t;
		return 0;
	}
	t = template_new(r, name->str, name->len);
	if (!t || template_load(r, at, pos, t) < 0)
		return -1;
	if (!t->missing)
		*found = t;
	return 0;
}

/* One part of a dotted name in one object; the work is counted. */
static json_t *member_get(struct mustache_render *r, const json_t *obj,
			  const char *name, size_t len)
{
	r->steps += 1 + len / 64;
	return json_is_object(obj) ? json_object_getn(obj, name, len) : NULL;
}

/*
 * Resolve `name[0..len)` against the context stack: `.` is the top; a
 * dotted name finds its first part in the nearest object holding it and
 * the rest in that value only. NULL when any part is missing.
 */
static json_t *lookup(struct mustache_render *r,
		      const struct mustache_frame *f, const char *name,
		      size_t len)
{
	const char *dot = memchr(name, '.', len);
	size_t part = dot ? (size_t)(dot - name) : len;
	json_t *v = NULL;

	if (len == 1 && name[0] == '.')
		return f ? f->value : NULL;
	for (; f && !v; f = f->up)
		v = member_get(r, f->value, name, part);

	while (v && part < len) {
		name += part + 1;
		len -= part + 1;
		dot = memchr(name, '.', len);
		part = dot ? (size_t)(dot - name) : len;
		v = member_get(r, v, name, part);
	}
	return v;
}

static int is_falsey(const json_t *v)
{
	return !v || json_is_false(v) || json_is_null(v) ||
	       (json_is_array(v) && !json_array_size(v));
}

/*
 * The shortest "%.*g" form that reads back as the same double: 1.21, not
 * 1.2099999999999999. A normal double that 15 or fewer digits give back
 * is printed shortest at 15 digits, "%g" dropping trailing zeros; only
 * subnormals need a search from one digit up. Returns the forms tried.
 */
static int real_format(char *buf, size_t size, double d)
{
	int prec = 15, tries = 0;

	if (d != 0 && d > -DBL_MIN && d < DBL_MIN)
		prec = 1;
	for (; prec < 17; prec++) {
		tries++;
		snprintf(buf, size, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			return tries;
	}
	snprintf(buf, size, "%.17g", d);
	return tries + 1;
}

static void value_text(struct mustache_render *r, const json_t *v,
		       struct mustache_text *out)
{
	out->str = out->tmp;
	out->len = 0;
	out->heap = NULL;
	out->tmp[0] = '\0';

	switch (v ? json_typeof(v) : JSON_NULL) {
	case JSON_STRING:
		out->str = json_string_value(v);
		out->len = json_string_length(v);
		return;
	case JSON_INTEGER:
		snprintf(out->tmp, sizeof(out->tmp), "%" JSON_INTEGER_FORMAT,
			 json_integer_value(v));
		break;
	case JSON_REAL:
		r->steps += REAL_STEPS *
			    real_format(out->tmp, sizeof(out->tmp),
					json_real_value(v));
		break;
	case JSON_TRUE:
		strcpy(out->tmp, "true");
		break;
	case JSON_FALSE:
		strcpy(out->tmp, "false");
		break;
	case JSON_OBJECT:
	case JSON_ARRAY:
		out->heap = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		out->str = out->heap ? out->heap : "";
		out->len = strlen(out->str);
		r->steps += JSON_BYTE_STEPS * out->len;
		return;
	case JSON_NULL:
		return;
	}
	out->len = strlen(out->tmp);
}

static int render_list(struct mustache_render *r,
		       const struct mustache_place *at, size_t first);

static int render_check(struct mustache_render *r,
			const struct mustache_place *at, size_t pos)
{
	switch (r->out.state) {
	case MUSTACHE_BUF_OK:
		return 0;
	case MUSTACHE_BUF_FULL:
		return mustache_error_at(r->err, at->t, pos,
					 "output larger than %zu bytes",
					 MUSTACHE_MAX_OUTPUT);
	case MUSTACHE_BUF_NOMEM:
		break;
	}
	return mustache_error_at(r->err, at->t, pos, "out of memory");
}

static void indent_add(struct mustache_render *r,
		       const struct mustache_indent *in)
{
	if (!in)
		return;
	indent_add(r, in->up);
	mustache_buf_add(&r->out, in->str, in->len);
}

/*
 * The indentation inside a standalone tag `n`: that outside plus the
 * tag's own. Only pieces that add something are chained, so emitting
 * indentation always writes output, which is bounded.
 */
static const struct mustache_indent *
indent_push(struct mustache_indent *piece, const struct mustache_node *n,
	    const struct mustache_indent *up)
{
	if (!n->indent_len)
		return up;
	piece->str = n->indent;
	piece->len = n->indent_len;
	piece->up = up;
	return piece;
}

static int steps_check(struct mustache_render *r,
		       const struct mustache_place *at, size_t pos)
{
	if (r->steps <= MUSTACHE_MAX_STEPS)
		return 0;
	return mustache_error_at(r->err, at->t, pos,
				 "rendering takes more than %lu steps",
				 (unsigned long)MUSTACHE_MAX_STEPS);
}

/* Indent a line start, unless the line is empty. */
static void line_start(struct mustache_render *r,
		       const struct mustache_place *at,
		       const struct mustache_node *n)
{
	if (n && n->kind == MUSTACHE_TEXT && n->len &&
	    (n->str[0] == '\n' || (n->str[0] == '\r' && n->len > 1 &&
				   n->str[1] == '\n')))
		return;
	indent_add(r, at->indent);
}

/* Render an opening tag's content (or a block's), once. */
static int render_content(struct mustache_render *r,
			  const struct mustache_place *at,
			  const struct mustache_node *n)
{
	int ret;

	r->steps++;
	if (steps_check(r, at, n->pos) < 0)
		return -1;
	if (r->nesting >= MUSTACHE_MAX_NESTING)
		return mustache_error_at(r->err, at->t, n->pos,
					 "templates nested deeper than %d",
					 MUSTACHE_MAX_NESTING);
	r->nesting++;
	ret = render_list(r, at, n->child);
	r->nesting--;
	if (!ret && n->close_bol)
		line_start(r, at, NULL);
	return ret;
}

static int render_value(struct mustache_render *r,
			const struct mustache_place *at,
			const struct mustache_node *n)
{
	struct mustache_text text;

	value_text(r, lookup(r, at->frame, n->str, n->len), &text);
	if (n->kind == MUSTACHE_VAR)
		r->escape(&r->out, text.str, text.len);
	else
		mustache_buf_add(&r->out, text.str, text.len);
	free(text.heap);
	return 0;
}

static int render_section(struct mustache_render *r,
			  const struct mustache_place *at,
			  const struct mustache_node *n)
{
	json_t *v = lookup(r, at->frame, n->str, n->len), *item;
	struct mustache_place inner = *at;
	struct mustache_frame frame;
	size_t i;

	if (n->kind == MUSTACHE_INVERTED)
		return is_falsey(v) ? render_content(r, at, n) : 0;
	if (is_falsey(v))
		return 0;

	frame.up = at->frame;
	inner.frame = &frame;
	if (!json_is_array(v)) {
		frame.value = v;
		return render_content(r, &inner, n);
	}
	json_array_foreach(v, i, item) {
		frame.value = item;
		if (render_content(r, &inner, n) < 0)
			return -1;
	}
	return 0;
}

/*
 * The block `n` renders the override of the same name given by the
 * outermost parent being rendered, or else its own content.
 */
static int render_block(struct mustache_render *r,
			const struct mustache_place *at,
			const struct mustache_node *n)
{
	const struct mustache_node *content = n, *c;
	const struct mustache_scope *s;
	struct mustache_place inner = *at;
	struct mustache_indent piece;
	size_t i;

	for (s = at->scope; s; s = s->up) {
		for (i = s->t->nodes[s->parent].child; i != NO_NODE;
		     i = c->next) {
			c = &s->t->nodes[i];
			r->steps++;
			if (c->kind == MUSTACHE_BLOCK &&
			    mustache_node_same_name(c, n)) {
				content = c;
				inner.t = s->t;
				break;
			}
		}
	}
	if (n->standalone)
		inner.indent = indent_push(&piece, n, at->indent);
	return render_content(r, &inner, content);
}

/*
 * The name a partial or parent tag refers to; a dynamic one is the
 * string its name resolves to, or nothing.
 */
static void include_name(struct mustache_render *r,
			 const struct mustache_place *at,
			 const struct mustache_node *n,
			 struct mustache_text *name)
{
	json_t *v;

	name->str = n->str;
	name->len = n->len;
	name->heap = NULL;
	if (!n->dynamic)
		return;
	v = lookup(r, at->frame, n->str, n->len);
	name->str = json_string_value(v);
	name->len = json_is_string(v) ? json_string_length(v) : 0;
}

static int render_include(struct mustache_render *r,
			  const struct mustache_place *at, size_t i)
{
	const struct mustache_node *n = &at->t->nodes[i];
	struct mustache_place inner = *at;
	struct mustache_indent piece;
	struct mustache_scope scope;
	struct mustache_text name;
	int ret;

	include_name(r, at, n, &name);
	if (!name.len)
		return 0;
	if (template_find(r, at, n->pos, &name, &inner.t) < 0)
		return -1;
	if (!inner.t)
		return 0;
	if (r->depth >= MUSTACHE_MAX_DEPTH)
		return mustache_error_at(r->err, at->t, n->pos,
					 "partials nested deeper than %d",
					 MUSTACHE_MAX_DEPTH);

	if (n->kind == MUSTACHE_PARENT) {
		scope.t = at->t;
		scope.parent = i;
		scope.up = at->scope;
		inner.scope = &scope;
	}
	inner.indent = NULL;
	if (n->standalone)
		inner.indent = indent_push(&piece, n, at->indent);
	r->depth++;
	ret = render_list(r, &inner, inner.t->root);
	r->depth--;
	return ret;
}

static int render_node(struct mustache_render *r,
		       const struct mustache_place *at, size_t i)
{
	const struct mustache_node *n = &at->t->nodes[i];
	int ret = 0;

	r->steps++;
	if (steps_check(r, at, n->pos) < 0)
		return -1;
	if (n->bol)
		line_start(r, at, n);

	switch (n->kind) {
	case MUSTACHE_TEXT:
		mustache_buf_add(&r->out, n->str, n->len);
		break;
	case MUSTACHE_VAR:
	case MUSTACHE_RAW:
		ret = render_value(r, at, n);
		break;
	case MUSTACHE_SECTION:
	case MUSTACHE_INVERTED:
		ret = render_section(r, at, n);
		break;
	case MUSTACHE_PARTIAL:
	case MUSTACHE_PARENT:
		ret = render_include(r, at, i);
		break;
	case MUSTACHE_BLOCK:
		ret = render_block(r, at, n);
		break;
	default:
		break;
	}
	if (ret < 0)
		return -1;
	return render_check(r, at, n->pos);
}

static int render_list(struct mustache_render *r,
		       const struct mustache_place *at, size_t first)
{
	size_t i;

	for (i = first; i != NO_NODE; i = at->t->nodes[i].next)
		if (render_node(r, at, i) < 0)
			return -1;
	return 0;
}

static int render_top(struct mustache_render *r, const char *name,
		      const char *tmpl, size_t len, json_t *data)
{
	struct mustache_template *t;
	struct mustache_frame top;
	struct mustache_place at;

	if (!name)
		name = "template";
	t = template_new(r, name, strlen(name));
	if (!t)
		return -1;
	t->top = 1;
	t->src = tmpl ? tmpl : "";
	t->len = tmpl ? len : 0;
	if (mustache_template_parse(t, r->err) < 0)
		return -1;
	r->steps += t->nr + t->len / 64;

	top.value = data;
	top.up = NULL;
	at.t = t;
	at.frame = &top;
	at.scope = NULL;
	at.indent = NULL;
	if (render_list(r, &at, t->root) < 0)
		return -1;
	if (mustache_buf_add(&r->out, "", 0) < 0)
		return render_check(r, &at, 0);
	return 0;
}

int mustache_render(const char *name, const char *tmpl, size_t len,
		    json_t *data, mustache_escape_fn escape,
		    mustache_partial_fn partial, void *ctx,
		    char **out, size_t *out_len, struct mustache_error *err)
{
	struct mustache_error ignored;
	struct mustache_render r;
	int ret;

	if (!err)
		err = &ignored;
	memset(err, 0, sizeof(*err));
	memset(&r, 0, sizeof(r));
	mustache_buf_init(&r.out, MUSTACHE_MAX_OUTPUT);
	r.escape = escape ? escape : mustache_escape_html;
	r.partial = partial;
	r.ctx = ctx;
	r.err = err;

	ret = render_top(&r, name, tmpl, len, data);
	templates_free(r.templates);
	if (ret < 0) {
		mustache_buf_release(&r.out);
		*out = NULL;
		*out_len = 0;
		return -1;
	}
	*out = r.out.data;
	*out_len = r.out.len;
	return 0;
}
