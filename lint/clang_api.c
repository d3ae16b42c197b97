/* clang_api.c: find libclang at run time and fill the call table. */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define CLANG_API_TABLE_ONLY
#include "clang_api.h"

#ifndef LOGSCHEMA_LIBCLANG
#define LOGSCHEMA_LIBCLANG "/usr/lib/llvm-14/lib/libclang.so.1"
#endif

static struct clang_api api;
static pthread_once_t api_once = PTHREAD_ONCE_INIT;

/* The build's own libclang first, then what the loader can find. */
static const char *const candidates[] = {
	LOGSCHEMA_LIBCLANG, "libclang-14.so.1", "libclang.so.1", NULL
};

static void die(const char *what, const char *detail)
{
	fprintf(stderr, "logschema: fatal: %s: %s\n"
		"logschema: lint needs libclang 14: apt-get install libclang1-14\n",
		what, detail ? detail : "unknown error");
	exit(2);
}

static void api_load(void)
{
	const char *const *c;
	const char *only[2] = { getenv("LOGSCHEMA_LIBCLANG"), NULL };
	void *h = NULL;
	const char *err = NULL;

	/* $LOGSCHEMA_LIBCLANG, when set, is the only place looked at. */
	for (c = only[0] && *only[0] ? only : candidates; *c && !h; c++) {
		h = dlopen(*c, RTLD_NOW | RTLD_LOCAL);
		if (!h)
			err = dlerror();
	}
	if (!h)
		die("cannot load libclang", err);

	/* A data pointer from dlsym becomes a function pointer, as POSIX says. */
#define CLANG_API_RESOLVE(name) \
	*(void **)&api.name = dlsym(h, #name); \
	if (!api.name) \
		die("libclang lacks " #name, dlerror());
	CLANG_API_FUNCTIONS(CLANG_API_RESOLVE)
#undef CLANG_API_RESOLVE
}

const struct clang_api *clang_api(void)
{
	pthread_once(&api_once, api_load);
	return &api;
}
