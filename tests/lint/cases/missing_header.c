/* A header that cannot be found stops clang: the file is not checked. */
#include "no_such_header.h"

void nothing(void)
{
}

/* expect:
 * 2:10: error: 'no_such_header.h' file not found [parse-error]
 */
