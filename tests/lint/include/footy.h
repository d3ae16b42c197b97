/*
 * footy.h: logging functions of code that predates the typed API, as the
 * fixture catalogue declares them under `functions:`. Key/value pairs
 * follow the message and end with NULL.
 */
#ifndef FOOTY_H
#define FOOTY_H

#include <stddef.h>

enum footy_level { LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERROR };

void footy_log(enum footy_level level, const char *module, const char *action,
	       const char *msg, ...);
void footy_warn(const char *module, const char *action, const char *msg, ...);

#endif
