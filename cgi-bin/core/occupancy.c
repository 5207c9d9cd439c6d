/*
 * occupancy.c - the list of occupancies (occupancy.h).
 */
#include "codes.h"
#include "occupancy.h"

const char *const occupancy_codes[OCCUPANCY__MAX + 1] = {
	"occupied", "vacant", "shop", NULL
};

const char *const occupancy_labels[OCCUPANCY__MAX] = {
	"常住户", "空置户", "商铺"
};

enum occupancy
occupancy_parse(const char *s)
{
	return (enum occupancy)code_find(occupancy_codes, OCCUPANCY__MAX, s);
}
