/* The typed macros, used correctly: every field type, .msg, lists. */
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "ffl_log.h"

struct download {
	const char *event_id;
	const char *path;
	long size;
	float seconds;
	bool from_cache;
};

void log_download(const ffl_logger *lg, const struct download *d)
{
	ffl_download_download_started(lg, .event_id = d->event_id,
				      .file_path = d->path);
	ffl_download_downloaded(lg, .event_id = d->event_id,
				.file_path = d->path, .size = d->size,
				.duration_s = d->seconds,
				.cached = d->from_cache);
	/* int widens to float; truth values may be ints in C. */
	ffl_download_downloaded(NULL, .event_id = "goal_1", .size = 0,
				.duration_s = 2, .cached = d->size > 0);
	ffl_download_downloaded(NULL, .event_id = "goal_1", .cached = true,
				.msg = "Downloaded from the cache");
	ffl_download_downloaded(NULL, .event_id = "goal_1",
				.cached = !strcmp(d->path, "-"));
}

void log_upload(const char *event_id, const char *const *tags, size_t ntags)
{
	char id[32] = "goal_2";
	const int64_t minutes[] = { 39, 45 };

	ffl_upload_s3_upload_success(NULL, .event_id = event_id,
				     .tags = FFL_STRS("goal", "replay"),
				     .minutes = FFL_INTS(39, 140));
	ffl_upload_s3_upload_success(NULL, .event_id = id,
				     .tags = FFL_STRS_N(tags, ntags),
				     .minutes = FFL_INTS_N(minutes, 2));
	/* event_id is listed with required: false here. */
	ffl_upload_dedup_complete(NULL, .count = (int64_t)ntags);
}

size_t format_fallback(char *buf, size_t size)
{
	size_t len;

	ffl_format_event(buf, size, &len, ffl_rag_fallback_aliases, NULL,
			 .count = 2, .fixture_id = "1234567");
	return len;
}

/* expect:
 */
