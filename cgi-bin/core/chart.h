/*
 * chart.h - monthly trend charts drawn on the server as SVG.
 *
 * The SVG is markup the program builds (never text from a request): the
 * page prints it raw. Labels are escaped here all the same. A viewBox of
 * 360 x 220 scales to the width of a phone or a desktop column; the
 * lettering is large enough to read on either.
 */
#ifndef PROPFEE_CHART_H
#define PROPFEE_CHART_H

#include <stddef.h>
#include <stdint.h>

struct buf;

enum chart_unit {
	CHART_PERMILLE10,	/* 954 is 95.4 % */
	CHART_FEN,		/* money */
	CHART_SECONDS,		/* a duration: 72 is 1分12秒 */
	CHART_COUNT		/* a number of things: 178 (enquiries) */
};

struct chart {
	const char	*title;
	const char	*const *labels;	/* one per point: "1月" */
	const int64_t	*values;	/* -1 (permille) or DB_NULL: no data */
	size_t		 n;
	enum chart_unit	 unit;
	int64_t		 target;	/* a dashed line, or -1 */
	int		 bars;		/* bars rather than a line */
};

void	chart_svg(struct buf *, const struct chart *);

#endif
