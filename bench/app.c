/* app.c: the helpers an application writes around a logging library. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bench.h"

void bench_clock(int frozen, struct tm *tm, long *usec)
{
	static struct tm frozen_tm;
	static int frozen_ready;
	struct timespec ts;
	time_t sec;

	if (frozen) {
		if (!frozen_ready) {
			sec = (time_t)(BENCH_FROZEN_US / 1000000);
			gmtime_r(&sec, &frozen_tm);
			frozen_ready = 1;
		}
		*tm = frozen_tm;
		*usec = (long)(BENCH_FROZEN_US % 1000000);
		return;
	}
	clock_gettime(CLOCK_REALTIME, &ts);
	sec = ts.tv_sec;
	gmtime_r(&sec, tm);
	*usec = ts.tv_nsec / 1000;
}

void bench_iso_time(char *out, const struct tm *tm, long usec)
{
	snprintf(out, BENCH_ISO_SIZE, "%04d-%02d-%02dT%02d:%02d:%02d.%06ldZ",
		 tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday,
		 tm->tm_hour, tm->tm_min, tm->tm_sec, usec);
}

size_t bench_json_escape(char *out, size_t size, const char *s)
{
	size_t n = 0;

	for (; *s && n + 7 < size; s++) {
		unsigned char c = (unsigned char)*s;

		switch (c) {
		case '"': out[n++] = '\\'; out[n++] = '"'; break;
		case '\\': out[n++] = '\\'; out[n++] = '\\'; break;
		case '\n': out[n++] = '\\'; out[n++] = 'n'; break;
		case '\r': out[n++] = '\\'; out[n++] = 'r'; break;
		case '\t': out[n++] = '\\'; out[n++] = 't'; break;
		default:
			if (c < 0x20)
				n += (size_t)snprintf(out + n, 7, "\\u%04x", c);
			else
				out[n++] = (char)c;
		}
	}
	out[n] = '\0';
	return n;
}
