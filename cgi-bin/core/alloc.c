/*
 * alloc.c - oldest first, named bills only when any are named.
 */
#include "alloc.h"

int64_t
alloc_plan(const struct alloc_bill *b, size_t n, int64_t amount, int64_t *out)
{
	size_t	 i;
	int	 any_named = 0;
	int64_t	 give;

	for (i = 0; i < n; i++)
		any_named |= b[i].named;
	for (i = 0; i < n; i++) {
		out[i] = 0;
		if (amount <= 0 || b[i].owed <= 0 || (any_named && !b[i].named))
			continue;
		give = b[i].owed < amount ? b[i].owed : amount;
		out[i] = give;
		amount -= give;
	}
	return amount;
}
