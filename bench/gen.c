/* gen.c: the contender under test, the generated found-footy API. */
#include "bench.h"
#include "ffl_log.h"

static int gen_init(void)
{
	return 0;
}

static void gen_configure(const struct bench_config *cfg)
{
	ffl_set_fd(cfg->fd);
	ffl_set_format(cfg->pretty ? FFL_FORMAT_PRETTY : FFL_FORMAT_JSON);
	ffl_set_level(cfg->disabled ? FFL_ERROR : FFL_INFO);
	if (cfg->frozen)
		ffl_freeze_clock(BENCH_FROZEN_US);
	else
		ffl_thaw_clock();
}

static size_t gen_format_n(enum bench_event ev, const struct bench_input *in,
			   char *buf, size_t size, long n)
{
	size_t len = 0;
	long i;

	switch (ev) {
	case BENCH_REF:
		for (i = 0; i < n; i++)
			ffl_format_event(buf, size, &len,
					 ffl_upload_s3_upload_success, NULL,
					 .event_id = in->event_id,
					 .duration_s = in->duration_s);
		break;
	case BENCH_TEN:
		for (i = 0; i < n; i++)
			ffl_format_event(buf, size, &len,
					 ffl_bench_clip_indexed, NULL,
					 .fixture_id = in->fixture_id,
					 .event_id = in->event_id,
					 .player_name = in->player_name,
					 .url = in->url,
					 .status_code = in->status_code,
					 .season = in->season,
					 .count = in->count,
					 .duration_s = in->duration_s,
					 .duration_ms = in->duration_ms,
					 .cached = in->cached);
		break;
	default:
		for (i = 0; i < n; i++)
			ffl_format_event(buf, size, &len, ffl_rag_cache_miss,
					 NULL);
		break;
	}
	return len;
}

static void gen_emit_n(enum bench_event ev, const struct bench_input *in,
		       long n)
{
	long i;

	switch (ev) {
	case BENCH_REF:
		for (i = 0; i < n; i++)
			ffl_upload_s3_upload_success(NULL,
					.event_id = in->event_id,
					.duration_s = in->duration_s);
		break;
	case BENCH_TEN:
		for (i = 0; i < n; i++)
			ffl_bench_clip_indexed(NULL,
					.fixture_id = in->fixture_id,
					.event_id = in->event_id,
					.player_name = in->player_name,
					.url = in->url,
					.status_code = in->status_code,
					.season = in->season,
					.count = in->count,
					.duration_s = in->duration_s,
					.duration_ms = in->duration_ms,
					.cached = in->cached);
		break;
	default:
		for (i = 0; i < n; i++)
			ffl_rag_cache_miss(NULL);
		break;
	}
}

static void gen_disabled_n(const struct bench_input *in, long n)
{
	long i;

	for (i = 0; i < n; i++)
		ffl_upload_s3_upload_success(NULL,
				.event_id = (++bench_evals, in->event_id),
				.duration_s = in->duration_s);
}

const struct bench_contender bench_generated = {
	.name = "generated",
	.escapes = 1,
	.has_pretty = 1,
	.init = gen_init,
	.configure = gen_configure,
	.format_n = gen_format_n,
	.emit_n = gen_emit_n,
	.disabled_n = gen_disabled_n,
};
