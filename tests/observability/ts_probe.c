/* ts_probe.c: log one event at a frozen instant and one at the real clock. */
#include <stdint.h>
#include <stdlib.h>

#include "obs_log.h"

/*
 * Built against the C API generated for a test catalogue, with its prefix
 * mapped by the including build: OBS(x) names prefix_x, OBSU(x) PREFIX_x.
 */
int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	OBS(freeze_clock)(strtoll(argv[1], NULL, 10));
	OBS(log)(NULL, OBSU(INFO), "probe", "tick", "frozen");
	OBS(thaw_clock)();
	OBS(log)(NULL, OBSU(INFO), "probe", "tick", "real");
	return 0;
}
