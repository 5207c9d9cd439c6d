/*
 * alloc.c - named bills first, then the rest oldest first.
 */
#include "alloc.h"

int64_t
alloc_plan(const struct alloc_bill *b, size_t n, int64_t amount, int64_t *out)
{
	size_t	 i;
	int	 pass;
	int64_t	 give;

	for (i = 0; i < n; i++)
		out[i] = 0;
	/* Pass 0 pays the named bills, pass 1 every other open bill. */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < n; i++) {
			if (amount <= 0 || b[i].owed <= 0 ||
			    (b[i].named != 0) != (pass == 0))
				continue;
			give = b[i].owed < amount ? b[i].owed : amount;
			out[i] = give;
			amount -= give;
		}
	return amount;
}
