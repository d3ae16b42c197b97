/* The untyped form and bound loggers, used correctly. */
#include <stdbool.h>
#include <stdint.h>

#include "ffl_log.h"

#define MODULE "rag"
#define FALLBACK "fallback" "_aliases"

void resolve_aliases(const ffl_logger *lg, const char *fixture, int found)
{
	ffl_log(lg, FFL_WARNING, "rag", "fallback_aliases",
		"Using fallback aliases", FFL_INT("count", found),
		FFL_STR("fixture_id", fixture));
	/* Names may come from macros, as long as they are literals. */
	ffl_log(lg, FFL_WARNING, MODULE, FALLBACK, "Fallback",
		FFL_INT("count", 0), FFL_STR("fixture_id", "1234"));
	ffl_log(NULL, FFL_INFO, "download", "downloaded", "Done",
		FFL_STR("event_id", "goal_1"), FFL_FLOAT("duration_s", 2.5),
		FFL_BOOL("cached", found > 1), FFL_INT("size", (int64_t)found));
	ffl_log(NULL, FFL_INFO, "upload", "s3_upload_success", "Uploaded",
		FFL_STR("event_id", "goal_1"),
		FFL_STR_LIST("tags", FFL_STRS("goal")),
		FFL_INT_LIST("minutes", FFL_INTS(12, 90)));
}

ffl_logger *workflow_logger(const char *workflow, const char *event)
{
	return ffl_logger_new(NULL, FFL_STR("event_id", event),
			      FFL_STR("fixture_id", workflow));
}

/* expect:
 */
