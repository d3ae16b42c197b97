/* verify.h: comparing a contender's output line with the generated one. */
#ifndef VERIFY_H
#define VERIFY_H

#include <stddef.h>

/*
 * 0 when `got` is one JSON line with ts, level, module, action and msg
 * first, and exactly the keys and values of `want`; with `same_ts` unset
 * its ts need only be a UTC time. Otherwise -1 with the reason in `why`.
 */
int verify_json(const char *want, const char *got, int same_ts, char *why,
		size_t size);

/* 0 when `got` is one line equal to `want`, byte for byte. */
int verify_text(const char *want, const char *got, char *why, size_t size);

#endif
