/* Module and action names known only at run time cannot be checked. */
#include "ffl_log.h"
#include "footy.h"

static const char module_name[] = "download";

const char *current_action(void);

void dynamic(const char *module, const char *event)
{
	ffl_log(NULL, FFL_INFO, module, "downloaded", "Done",
		FFL_STR("event_id", event));
	ffl_log(NULL, FFL_INFO, "download", current_action(), "Done",
		FFL_STR("event_id", event));
	footy_log(LOG_INFO, module_name, "downloaded", "Done", NULL);
}

/* expect:
 * 11:26: warning: module is not a string literal, so this call cannot be checked [dynamic-name]
 * 13:38: warning: action is not a string literal, so this call cannot be checked [dynamic-name]
 * 15:22: warning: module is not a string literal, so this call cannot be checked [dynamic-name]
 */
