/*
 * log4c.c: log4c with a JSON layout, the way log4c is extended: a layout
 * type that formats the event as a JSON object around the message, and an
 * appender type that writes each rendered line with one write(2).
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <log4c.h>

#include "bench.h"

static struct bench_config l4;
static log4c_category_t *l4_upload;
static log4c_category_t *l4_bench;
static log4c_category_t *l4_rag;
static log4c_layout_t *l4_json_layout;
static log4c_layout_t *l4_pretty_layout;
static log4c_appender_t *l4_appender;

/* Where the memory appender copies the line; -1 fd means memory. */
static char *l4_buf;
static size_t l4_size;
static size_t l4_len;
static int l4_fd = -1;

static const char *l4_level(int priority)
{
	if (priority <= LOG4C_PRIORITY_ERROR)
		return "ERROR";
	if (priority <= LOG4C_PRIORITY_WARN)
		return "WARNING";
	if (priority <= LOG4C_PRIORITY_INFO)
		return "INFO";
	return "DEBUG";
}

static void l4_time(const log4c_logging_event_t *e, struct tm *tm,
		    long *usec)
{
	time_t sec = e->evt_timestamp.tv_sec;

	if (l4.frozen) {
		bench_clock(1, tm, usec);
		return;
	}
	gmtime_r(&sec, tm);
	*usec = (long)e->evt_timestamp.tv_usec;
}

static const char *l4_json_format(const log4c_layout_t *layout,
				  const log4c_logging_event_t *e)
{
	char *buf = e->evt_buffer.buf_data;
	struct tm tm;
	char ts[BENCH_ISO_SIZE];
	long us;

	l4_time(e, &tm, &us);
	bench_iso_time(ts, &tm, us);
	snprintf(buf, e->evt_buffer.buf_size,
		 "{\"ts\":\"%s\",\"level\":\"%s\",\"module\":\"%s\",%s}\n",
		 ts, l4_level(e->evt_priority), e->evt_category, e->evt_msg);
	return buf;
}

static const char *l4_pretty_format(const log4c_layout_t *layout,
				    const log4c_logging_event_t *e)
{
	char *buf = e->evt_buffer.buf_data;
	struct tm tm;
	long us;

	l4_time(e, &tm, &us);
	snprintf(buf, e->evt_buffer.buf_size,
		 "%04d-%02d-%02d %02d:%02d:%02d.%03ld | %s | %s | %s\n",
		 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
		 tm.tm_min, tm.tm_sec, us / 1000, l4_level(e->evt_priority),
		 e->evt_category, e->evt_msg);
	return buf;
}

static const log4c_layout_type_t l4_json_type = {
	"bench_json", l4_json_format,
};

static const log4c_layout_type_t l4_pretty_type = {
	"bench_pretty", l4_pretty_format,
};

static int l4_append(log4c_appender_t *app, const log4c_logging_event_t *e)
{
	const char *line = e->evt_rendered_msg;
	size_t n = strlen(line);

	if (l4_fd >= 0)
		return write(l4_fd, line, n) < 0 ? -1 : 0;
	if (n >= l4_size)
		n = l4_size - 1;
	memcpy(l4_buf, line, n);
	l4_buf[n] = '\0';
	l4_len = n;
	return 0;
}

static const log4c_appender_type_t l4_appender_type = {
	"bench_out", NULL, l4_append, NULL,
};

static log4c_category_t *l4_category(const char *name)
{
	log4c_category_t *cat = log4c_category_get(name);

	log4c_category_set_appender(cat, l4_appender);
	log4c_category_set_priority(cat, LOG4C_PRIORITY_INFO);
	log4c_category_set_additivity(cat, 0);
	return cat;
}

static int l4_init(void)
{
	if (log4c_init())
		return -1;
	/* A bounded message buffer and no re-reading of the configuration. */
	log4c_rc->config.bufsize = 4096;
	log4c_rc->config.reread = 0;
	log4c_layout_type_set(&l4_json_type);
	log4c_layout_type_set(&l4_pretty_type);
	log4c_appender_type_set(&l4_appender_type);
	l4_json_layout = log4c_layout_get("bench_json");
	log4c_layout_set_type(l4_json_layout, &l4_json_type);
	l4_pretty_layout = log4c_layout_get("bench_pretty");
	log4c_layout_set_type(l4_pretty_layout, &l4_pretty_type);
	l4_appender = log4c_appender_get("bench_out");
	log4c_appender_set_type(l4_appender, &l4_appender_type);
	log4c_appender_set_layout(l4_appender, l4_json_layout);
	l4_upload = l4_category("upload");
	l4_bench = l4_category("bench");
	l4_rag = l4_category("rag");
	return 0;
}

static void l4_configure(const struct bench_config *cfg)
{
	int prio = cfg->disabled ? LOG4C_PRIORITY_ERROR : LOG4C_PRIORITY_INFO;

	l4 = *cfg;
	l4_fd = cfg->fd;
	log4c_appender_set_layout(l4_appender, cfg->pretty ? l4_pretty_layout :
				  l4_json_layout);
	log4c_category_set_priority(l4_upload, prio);
	log4c_category_set_priority(l4_bench, prio);
	log4c_category_set_priority(l4_rag, prio);
}

static void l4_event(enum bench_event ev, const struct bench_input *in)
{
	switch (ev) {
	case BENCH_REF:
		if (l4.pretty)
			log4c_category_info(l4_upload, "s3_upload_success | "
				"Video uploaded to S3 | event_id=%s "
				"duration_s=%.17g", in->event_id,
				in->duration_s);
		else
			log4c_category_info(l4_upload,
				"\"action\":\"s3_upload_success\","
				"\"msg\":\"Video uploaded to S3\","
				"\"event_id\":\"%s\",\"duration_s\":%.17g",
				in->event_id, in->duration_s);
		break;
	case BENCH_TEN:
		if (l4.pretty) {
			log4c_category_info(l4_bench, "clip_indexed | "
				"Clip indexed | fixture_id=%s event_id=%s "
				"player_name=%s url=%s status_code=%lld "
				"season=%lld count=%lld duration_s=%.17g "
				"duration_ms=%.17g cached=%s",
				in->fixture_id, in->event_id, in->player_name,
				in->url, (long long)in->status_code,
				(long long)in->season, (long long)in->count,
				in->duration_s, in->duration_ms,
				in->cached ? "true" : "false");
		} else {
			char name[256];

			bench_json_escape(name, sizeof(name), in->player_name);
			log4c_category_info(l4_bench,
				"\"action\":\"clip_indexed\","
				"\"msg\":\"Clip indexed\",\"fixture_id\":\"%s\","
				"\"event_id\":\"%s\",\"player_name\":\"%s\","
				"\"url\":\"%s\",\"status_code\":%lld,"
				"\"season\":%lld,\"count\":%lld,"
				"\"duration_s\":%.17g,\"duration_ms\":%.17g,"
				"\"cached\":%s",
				in->fixture_id, in->event_id, name, in->url,
				(long long)in->status_code,
				(long long)in->season, (long long)in->count,
				in->duration_s, in->duration_ms,
				in->cached ? "true" : "false");
		}
		break;
	default:
		if (l4.pretty)
			log4c_category_info(l4_rag, "cache_miss | "
				"Cache miss, starting RAG pipeline");
		else
			log4c_category_info(l4_rag,
				"\"action\":\"cache_miss\","
				"\"msg\":\"Cache miss, starting RAG pipeline\"");
		break;
	}
}

static size_t l4_format_n(enum bench_event ev, const struct bench_input *in,
			  char *buf, size_t size, long n)
{
	long i;

	l4_fd = -1;
	l4_buf = buf;
	l4_size = size;
	l4_len = 0;
	for (i = 0; i < n; i++)
		l4_event(ev, in);
	l4_fd = l4.fd;
	return l4_len;
}

static void l4_emit_n(enum bench_event ev, const struct bench_input *in,
		      long n)
{
	long i;

	for (i = 0; i < n; i++)
		l4_event(ev, in);
}

static void l4_disabled_n(const struct bench_input *in, long n)
{
	long i;

	for (i = 0; i < n; i++)
		log4c_category_info(l4_upload,
			"\"action\":\"s3_upload_success\","
			"\"msg\":\"Video uploaded to S3\","
			"\"event_id\":\"%s\",\"duration_s\":%.17g",
			(++bench_evals, in->event_id), in->duration_s);
}

const struct bench_contender bench_log4c = {
	.name = "log4c",
	.escapes = 1,
	.has_pretty = 1,
	.init = l4_init,
	.configure = l4_configure,
	.format_n = l4_format_n,
	.emit_n = l4_emit_n,
	.disabled_n = l4_disabled_n,
};
