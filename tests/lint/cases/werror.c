/* args: --werror */
/* Under --werror, warnings alone make the exit status 1. */
#include "ffl_log.h"

void warn_only(const char *module, const char *event)
{
	ffl_log(NULL, FFL_INFO, module, "downloaded", "Done",
		FFL_STR("event_id", event));
}

/* expect:
 * 7:26: warning: module is not a string literal, so this call cannot be checked [dynamic-name]
 */
