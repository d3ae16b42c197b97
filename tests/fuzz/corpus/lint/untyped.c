#include "ffl_log.h"

void g(const char *module, const char *ev)
{
	ffl_log(NULL, FFL_WARNING, "rag", "fallback_aliases", "Using fallback",
		FFL_INT("count", 2), FFL_STR("fixture_id", ev));
	ffl_log(NULL, FFL_ERROR, module, "x", "y");
	ffl_log(NULL, FFL_INFO, "download", "downloded", "typo",
		FFL_FLOAT("size", 1.0), FFL_BOOL("nope", 1));
}
