/*
 * alloc.c: counts the heap calls of every library in the benchmark.
 *
 * Defining malloc and its family in the executable interposes them for
 * the shared libraries too (cJSON, jansson, spdlog, log4c, libstdc++'s
 * operator new), which -Wl,--wrap would not reach. Each forwards to
 * glibc's own entry point, so nothing here allocates.
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>

#include "bench.h"

extern void *__libc_malloc(size_t size);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t size);
extern void *__libc_memalign(size_t align, size_t size);
extern void __libc_free(void *p);

static int heap_on;
static long heap_allocs;
static long heap_frees;
static long heap_bytes;

static void heap_note_alloc(size_t size)
{
	if (!__atomic_load_n(&heap_on, __ATOMIC_RELAXED))
		return;
	__atomic_fetch_add(&heap_allocs, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&heap_bytes, (long)size, __ATOMIC_RELAXED);
}

void *malloc(size_t size)
{
	heap_note_alloc(size);
	return __libc_malloc(size);
}

void *calloc(size_t n, size_t size)
{
	heap_note_alloc(n * size);
	return __libc_calloc(n, size);
}

void *realloc(void *p, size_t size)
{
	heap_note_alloc(size);
	return __libc_realloc(p, size);
}

void free(void *p)
{
	if (p && __atomic_load_n(&heap_on, __ATOMIC_RELAXED))
		__atomic_fetch_add(&heap_frees, 1, __ATOMIC_RELAXED);
	__libc_free(p);
}

void *memalign(size_t align, size_t size)
{
	heap_note_alloc(size);
	return __libc_memalign(align, size);
}

void *aligned_alloc(size_t align, size_t size)
{
	return memalign(align, size);
}

int posix_memalign(void **out, size_t align, size_t size)
{
	void *p = memalign(align, size);

	if (!p)
		return ENOMEM;
	*out = p;
	return 0;
}

void bench_heap_count(int on)
{
	if (on) {
		__atomic_store_n(&heap_allocs, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&heap_frees, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&heap_bytes, 0, __ATOMIC_RELAXED);
	}
	__atomic_store_n(&heap_on, on, __ATOMIC_RELEASE);
}

void bench_heap_read(struct bench_heap *h)
{
	h->allocs = __atomic_load_n(&heap_allocs, __ATOMIC_RELAXED);
	h->frees = __atomic_load_n(&heap_frees, __ATOMIC_RELAXED);
	h->bytes = __atomic_load_n(&heap_bytes, __ATOMIC_RELAXED);
}
