/* internal.h: what the parts of the linter share: tokens, calls, names. */
#ifndef LINT_INTERNAL_H
#define LINT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include "clang_api.h"

#include "catalogue.h"
#include "diag.h"
#include "lint.h"

/* Tokens of a main file, from a small C lexer (scan.c). */
enum tok_kind {
	TOK_IDENT,
	TOK_NUMBER,
	TOK_STRING,
	TOK_CHAR,
	TOK_PUNCT
};

struct token {
	unsigned start;		/* byte offsets in the file */
	unsigned end;
	enum tok_kind kind;
};

struct comment {
	unsigned start;
	unsigned end;
};

/* A #define: its body's tokens in dtoks, its parameters in ptoks. */
struct define {
	size_t first;
	size_t end;
	size_t params;
	size_t nparams;
};

struct scan {
	const char *buf;
	size_t len;
	struct token *toks;		/* the code, directives left out */
	size_t ntoks, atoks;
	struct token *dtoks;		/* bodies of #define directives */
	size_t ndtoks, adtoks;
	struct token *ptoks;		/* their parameters */
	size_t nptoks, aptoks;
	struct define *defines;
	size_t ndefines, adefines;
	struct comment *comments;
	size_t ncomments, acomments;
	unsigned *lines;	/* offset of each line's first byte */
	size_t nlines, alines;
};

/*
 * Lex `buf`: the code into toks, macro bodies into dtoks, other
 * directives skipped; arrays are reused.
 */
void scan_file(struct scan *s, const char *buf, size_t len);

/* 1-based line and byte column of `offset`. */
void scan_position(const struct scan *s, unsigned offset, unsigned *line,
		   unsigned *column);

/* Whether token `t` is the punctuator `p` (one to three characters). */
bool tok_is(const struct scan *s, const struct token *t, const char *p);

void scan_release(struct scan *s);

/* Name tables: identifiers and catalogue names to what they mean. */
enum name_kind {
	NAME_ACTION,		/* a typed macro; value: action index */
	NAME_LOG,		/* <prefix>_log */
	NAME_FORMAT_EVENT,	/* <prefix>_format_event */
	NAME_FORMAT_LOG,	/* <prefix>_format_log */
	NAME_LOGGER_NEW,	/* <prefix>_logger_new */
	NAME_FUNCTION,		/* declared in `functions:`; value: index */
	NAME_HELPER,		/* <PREFIX>_STR...; value: enum field_type */
	NAME_MODULE,		/* value: module index */
	NAME_QUALIFIED		/* "module.action"; value: action index */
};

struct name_slot {
	const char *key;	/* NULL: empty slot */
	unsigned len;
	enum name_kind kind;
	int value;
};

struct name_table {
	struct name_slot *slots;
	size_t mask;
	size_t nr;
};

const struct name_slot *name_table_find(const struct name_table *t,
					const char *key, size_t len);

/* Everything the linter looks up, built once from the catalogue. */
struct lint_index {
	const struct catalogue *cat;
	struct name_table calls;	/* identifiers that start a call */
	struct name_table helpers;	/* field helpers of the untyped form */
	struct name_table names;	/* modules and "module.action" */
	const struct action **actions;	/* catalogue order */
	char **cnames;			/* C name of each action */
	size_t nactions;
	char *prefix;			/* "ffl_" */
	char *upper;			/* "FFL_" */
	char *strs_type;		/* "ffl_strs", a list<string> value */
	char *ints_type;		/* "ffl_ints" */
	char **keys;			/* owned table keys */
	size_t nkeys, akeys;
};

void lint_index_init(struct lint_index *ix, const struct catalogue *cat);
void lint_index_release(struct lint_index *ix);

const struct module *index_find_module(const struct lint_index *ix,
				       const char *name, size_t len);
/* Index of the action in ix->actions, or -1. */
int index_find_action(const struct lint_index *ix, const struct module *mod,
		      const char *name, size_t len);

/* Calls found in a file, with what their arguments say (calls.c). */
enum call_form {
	CALL_TYPED,		/* <prefix>_<module>_<action>(lg, .f = v) */
	CALL_UNTYPED,		/* <prefix>_log(lg, LEVEL, "m", "a", ...) */
	CALL_FUNCTION,		/* a function declared in the catalogue */
	CALL_BIND,		/* <prefix>_logger_new(parent, fields...) */
	CALL_UNDECLARED		/* <prefix>_... that clang does not know */
};

/* An argument expression whose type or constant value the AST tells. */
struct value {
	unsigned start;
	unsigned end;
	bool single_ident;
	bool resolved;
	CXCursor cursor;	/* before implicit conversions */
};

struct call_field {
	const char *name;	/* in the file's text; not NUL-terminated */
	unsigned name_len;
	unsigned pos;		/* where diagnostics about it point */
	unsigned span_start;	/* the whole argument */
	unsigned span_end;
	unsigned value_start;	/* the value's text */
	unsigned value_end;
	int helper;		/* enum field_type the helper implies, or -1 */
	int value;		/* index in unit->values, or -1 */
	bool null_literal;
	bool empty_literal;
};

/* A module or action argument. */
struct name_arg {
	bool present;
	bool unknown;		/* a macro parameter: nothing to say */
	unsigned start;
	unsigned end;
	const char *text;	/* literal contents, NULL when not a literal */
	size_t len;
	int value;		/* a macro to resolve to a literal, or -1 */
};

struct call {
	enum call_form form;
	unsigned start;		/* the name */
	unsigned name_end;
	unsigned end;		/* after the closing parenthesis */
	int action;		/* index in ix->actions, or -1 */
	const struct log_function *fn;
	struct name_arg module;
	struct name_arg act;
	int level;		/* enum level written at the call, or -1 */
	unsigned level_pos;
	bool open;		/* fields passed on from a macro's parameters */
	size_t first_field;
	size_t nfields;
};

/* Tokens first..last of an argument; empty when first > last. */
struct tok_span {
	size_t first;
	size_t last;
};

/* A span where clang errors are explained by a finding of ours. */
struct absorb {
	unsigned start;
	unsigned end;
};

/* How clang names the type of a value it cannot convert. */
#define TYPE_MARKER "with an expression of "

/*
 * A clang error in the main file (or, with file set, elsewhere), or a
 * warning that names the type of a value it complains about.
 */
struct clang_error {
	char *file;		/* NULL: the main file */
	unsigned offset;	/* in the main file */
	unsigned line;
	unsigned column;
	char *message;
	bool warning;
};

/* One file being linted; its arrays are reused from file to file. */
struct lint_unit {
	const struct lint_index *ix;
	const struct lint_options *opts;
	const char *path;		/* as shown in diagnostics */
	const char *abspath;		/* as given to clang */
	CXTranslationUnit tu;
	CXFile file;
	struct scan scan;

	struct call *calls;
	size_t ncalls, acalls;
	struct call_field *fields;
	size_t nfields, afields;
	struct value *values;
	size_t nvalues, avalues;
	struct absorb *absorbs;
	size_t nabsorbs, aabsorbs;
	struct clang_error *errors;
	size_t nerrors, aerrors;
	unsigned *skipped;		/* pairs of offsets clang skipped */
	size_t nskipped, askipped;
	unsigned *undeclared;		/* offsets of undeclared calls */
	size_t nundeclared, aundeclared;
	char **owned;			/* strings freed with the unit */
	size_t nowned, aowned;
	struct tok_span *spans;		/* arguments of the call at hand */
	size_t nspans, aspans;
	const struct token *view;	/* the tokens calls are looked for in */
	size_t nview;
	const struct define *define;	/* whose body they are, or NULL */
	size_t ncode_calls;		/* calls[0..ncode_calls) are in code */

	unsigned char *emitted;		/* per action, shared by threads */
	struct diag_list diags;
};

/*
 * Find the calls of interest in u->scan, and what to resolve (calls.c):
 * first those of the code, sorted by position, then those in macro
 * definitions, whose values the AST cannot tell.
 */
void calls_find(struct lint_unit *u);

/* Whether `offset` lies in a region the preprocessor skipped. */
bool unit_is_skipped(const struct lint_unit *u, unsigned offset);

/*
 * Parse with libclang (parse.c). Returns 0 when a translation unit was
 * built (it may still have errors: see u->errors), -1 when not.
 */
int parse_unit(struct lint_unit *u, CXIndex index, const char *const *args,
	       int nargs, const struct lint_file *f);

/* Resolve u->values against the AST of u->tu (parse.c). */
void parse_resolve_values(struct lint_unit *u);

/* Value types (types.c). */
enum value_verdict {
	VALUE_OK,
	VALUE_WRONG,
	VALUE_UNKNOWN		/* not resolved: nothing to say */
};

enum value_verdict value_check_type(const struct lint_unit *u,
				    const struct call_field *f,
				    enum field_type type);
/* The type of a resolved value as clang spells it, without a top-level
 * const; free() it. */
char *value_type_spelling(const struct lint_unit *u, int value);
void type_strip_const(char *type);
/* The string literal a resolved value is, or NULL; free() it. */
char *value_string_literal(const struct lint_unit *u, int value);

/* Run the checks on every call (checks.c). */
void checks_run(struct lint_unit *u);

/* Add a finding of `check` at `offset` in the main file, if enabled. */
bool unit_report(struct lint_unit *u, enum lint_check check, unsigned offset,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/*
 * Drop suppressed findings (suppress.c); when the file was `complete`ly
 * checked, also report the suppressions that suppressed nothing.
 */
void suppress_apply(struct lint_unit *u, bool complete);

/* Compiler arguments for a file (compdb.c); free with compdb_args_free. */
struct compdb;
struct compdb *compdb_open(const char *build_dir, struct diag_list *diags);
void compdb_close(struct compdb *db);
char **compdb_args(struct compdb *db, const struct lint_options *opts,
		   const char *path, int *nargs);
void compdb_args_free(char **args, int nargs);
/* `path` made absolute against `dir` (the working directory if NULL). */
char *path_absolute(const char *dir, const char *path);
/* Every source file the database lists, as absolute paths. */
char **compdb_files(struct compdb *db, size_t *nfiles);

#endif
