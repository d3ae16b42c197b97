/* logstream.c: cut a stream into blocks of lines and check them in parallel. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "checklogs_internal.h"
#include "util.h"

enum slot_state { SLOT_FREE, SLOT_READY, SLOT_DONE };

/*
 * Blocks are read in order into a ring of slots, checked by whichever
 * worker is free, and their findings emitted in order again, so memory
 * stays at a few blocks whatever the size of the input.
 */
struct pipeline {
	struct checklogs *cl;
	const char *name;
	struct cl_reader *rd;

	struct cl_block *slots;
	enum slot_state *state;
	size_t nslots;
	uint64_t filled;	/* blocks read so far */
	uint64_t taken;		/* blocks a worker has started */
	uint64_t emitted;	/* blocks whose findings were emitted */
	bool input_done;
	pthread_mutex_t lock;
	pthread_cond_t cond;

	char *carry;		/* the start of a line the last block cut */
	size_t carry_len;
	size_t carry_alloc;
	bool eof;
	int error;		/* errno of a failed read */
	uint64_t line_base;
};

static void block_note(struct cl_worker *w, struct cl_block *b,
		       uint64_t line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	cl_vnote(w, b, line, 1, CHECKLOGS_INVALID_JSON, NULL, 0, fmt, ap);
	va_end(ap);
}

void cl_block_check(struct cl_worker *w, struct cl_block *b)
{
	size_t max = w->cl->opt.max_line;
	const char *p = b->buf, *end = b->buf + b->len;
	uint64_t n = 0;

	if (b->overlong) {
		block_note(w, b, 1, "line too long: more than %zu bytes", max);
		b->nlines = 1;
		w->lines++;
		return;
	}
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);

		n++;
		if (len > max)
			block_note(w, b, n, "line too long: more than %zu bytes",
				   max);
		else
			cl_check_line(w, b, n, p, len);
		p = nl ? nl + 1 : end;
	}
	b->nlines = n;
	w->lines += n;
}

static void block_reserve(struct cl_block *b, size_t size)
{
	if (b->alloc < size) {
		b->buf = xrealloc(b->buf, size);
		b->alloc = size;
	}
}

static ssize_t read_some(struct pipeline *p, char *buf, size_t len)
{
	ssize_t n;

	do
		n = p->rd->read(p->rd->ctx, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0)
		p->error = errno ? errno : EIO;
	else if (n == 0)
		p->eof = true;
	return n;
}

static void keep_carry(struct pipeline *p, const char *s, size_t len)
{
	if (p->carry_alloc < len) {
		free(p->carry);
		p->carry_alloc = len;
		p->carry = xmalloc(len);
	}
	if (len)
		memcpy(p->carry, s, len);
	p->carry_len = len;
}

/* Read and drop the rest of a line too long to keep; keep what follows. */
static int drop_line(struct pipeline *p, struct cl_block *b)
{
	for (;;) {
		ssize_t n = read_some(p, b->buf, b->alloc);
		char *nl;

		if (n <= 0)
			return n < 0 ? -1 : 0;
		nl = memchr(b->buf, '\n', (size_t)n);
		if (nl) {
			keep_carry(p, nl + 1, (size_t)(b->buf + n - nl - 1));
			return 0;
		}
	}
}

/*
 * Fill `b` with whole lines: read until the buffer is full, then cut after
 * its last newline. A line that does not fit grows the buffer up to
 * max_line; past that the block stands for the line alone, unread.
 * Returns 1 with a block, 0 at the end of input, -1 on a read error.
 */
static int fill_block(struct pipeline *p, struct cl_block *b)
{
	size_t max = p->cl->opt.max_line;

	b->len = 0;
	b->overlong = false;
	b->nlines = 0;
	b->nnotes = 0;
	b->tlen = 0;
	block_reserve(b, p->cl->opt.block_size);
	block_reserve(b, p->carry_len + 1);
	if (p->carry_len)
		memcpy(b->buf, p->carry, p->carry_len);
	b->len = p->carry_len;
	p->carry_len = 0;

	for (;;) {
		bool partial = false;
		char *nl;

		if (b->len < b->alloc && !p->eof && !p->error) {
			size_t want = b->alloc - b->len;
			ssize_t n = read_some(p, b->buf + b->len, want);

			if (n > 0)
				b->len += (size_t)n;
			/* a pipe gives what it has: check that much now */
			partial = n > 0 && (size_t)n < want;
			if (!partial || !memchr(b->buf + b->len - n, '\n',
						(size_t)n))
				continue;
		}
		if (p->error)
			return b->len ? 1 : -1;
		nl = memrchr(b->buf, '\n', b->len);
		if (nl) {
			keep_carry(p, nl + 1, (size_t)(b->buf + b->len - nl - 1));
			b->len = (size_t)(nl + 1 - b->buf);
			return 1;
		}
		if (p->eof)
			return b->len ? 1 : 0;
		if (b->len > max) {
			b->overlong = true;
			b->len = 0;
			return drop_line(p, b) < 0 ? -1 : 1;
		}
		/* here b->len == b->alloc <= max: room to grow */
		block_reserve(b, b->alloc * 2 < max + 1 ? b->alloc * 2 : max + 1);
	}
}

static void emit_block(struct pipeline *p, struct cl_block *b)
{
	struct checklogs *cl = p->cl;
	size_t i;

	for (i = 0; cl->opt.on_finding && i < b->nnotes; i++) {
		const struct cl_note *n = &b->notes[i];
		struct checklogs_finding f = {
			.file = p->name,
			.line = p->line_base + n->line,
			.column = n->column,
			.check = n->check,
			.severity = checklogs_check_severity(n->check),
			.container = n->container == NO_TEXT ? NULL :
				b->text + n->container,
			.message = b->text + n->message,
		};

		cl->opt.on_finding(&f, cl->opt.data);
	}
	p->line_base += b->nlines;

	/* a block grown for one long line need not stay that big */
	if (b->alloc > 4 * cl->opt.block_size) {
		free(b->buf);
		b->buf = NULL;
		b->alloc = 0;
	}
	if (b->talloc > (1u << 20)) {
		free(b->text);
		b->text = NULL;
		b->talloc = 0;
	}
}

static int run_inline(struct pipeline *p)
{
	struct cl_block *b = &p->slots[0];
	int r;

	while ((r = fill_block(p, b)) > 0) {
		cl_block_check(&p->cl->workers[0], b);
		emit_block(p, b);
	}
	return r;
}

static void *worker_main(void *arg)
{
	struct cl_worker *w = arg;
	struct pipeline *p = w->pipeline;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		struct cl_block *b;
		size_t slot;

		while (p->taken == p->filled && !p->input_done)
			pthread_cond_wait(&p->cond, &p->lock);
		if (p->taken == p->filled)
			break;
		slot = (size_t)(p->taken++ % p->nslots);
		b = &p->slots[slot];
		pthread_mutex_unlock(&p->lock);

		cl_block_check(w, b);

		pthread_mutex_lock(&p->lock);
		p->state[slot] = SLOT_DONE;
		pthread_cond_broadcast(&p->cond);
	}
	pthread_mutex_unlock(&p->lock);
	return NULL;
}

/* Read ahead while slots are free; else emit the oldest block once done. */
static int run_threads(struct pipeline *p, pthread_t *threads, unsigned n)
{
	int result = 0;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (!p->input_done && p->filled - p->emitted < p->nslots) {
			size_t slot = (size_t)(p->filled % p->nslots);
			int r;

			pthread_mutex_unlock(&p->lock);
			r = fill_block(p, &p->slots[slot]);
			pthread_mutex_lock(&p->lock);
			if (r <= 0) {
				result = r;
				p->input_done = true;
			} else {
				p->state[slot] = SLOT_READY;
				p->filled++;
			}
			pthread_cond_broadcast(&p->cond);
		}
		if (p->emitted == p->filled)
			break;
		while (p->state[p->emitted % p->nslots] != SLOT_DONE)
			pthread_cond_wait(&p->cond, &p->lock);
		pthread_mutex_unlock(&p->lock);
		emit_block(p, &p->slots[p->emitted % p->nslots]);
		pthread_mutex_lock(&p->lock);
		p->state[p->emitted % p->nslots] = SLOT_FREE;
		p->emitted++;
	}
	pthread_mutex_unlock(&p->lock);
	while (n--)
		pthread_join(threads[n], NULL);
	return result;
}

static void pipeline_release(struct pipeline *p)
{
	size_t i;

	for (i = 0; i < p->nslots; i++) {
		free(p->slots[i].buf);
		free(p->slots[i].notes);
		free(p->slots[i].text);
	}
	free(p->slots);
	free(p->state);
	free(p->carry);
}

int cl_run(struct checklogs *cl, const char *name, struct cl_reader *rd)
{
	struct pipeline p = { .cl = cl, .name = name, .rd = rd };
	pthread_t *threads = NULL;
	unsigned i, started = 0;
	int r;

	p.nslots = cl->nworkers > 1 ? 2 * (size_t)cl->nworkers + 2 : 1;
	p.slots = xcalloc(p.nslots, sizeof(*p.slots));
	p.state = xcalloc(p.nslots, sizeof(*p.state));

	if (cl->nworkers > 1) {
		pthread_mutex_init(&p.lock, NULL);
		pthread_cond_init(&p.cond, NULL);
		threads = xcalloc(cl->nworkers, sizeof(*threads));
		for (i = 0; i < cl->nworkers; i++) {
			cl->workers[i].pipeline = &p;
			if (pthread_create(&threads[started], NULL, worker_main,
					   &cl->workers[i]) == 0)
				started++;
		}
	}
	if (started)
		r = run_threads(&p, threads, started);
	else
		r = run_inline(&p);
	if (cl->nworkers > 1) {
		pthread_cond_destroy(&p.cond);
		pthread_mutex_destroy(&p.lock);
	}

	free(threads);
	pipeline_release(&p);
	if (r < 0 || p.error) {
		errno = p.error ? p.error : EIO;
		return -1;
	}
	return 0;
}
