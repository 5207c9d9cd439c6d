/*
 * csv.h - CSV for spreadsheets: writing exports, reading uploads.
 *
 * Exports are UTF-8 with a byte-order mark (so Excel shows Chinese), CRLF
 * lines, fields quoted when needed, and any field starting with = + - @
 * prefixed with ' so a spreadsheet never runs it as a formula.
 */
#ifndef PROPFEE_CSV_H
#define PROPFEE_CSV_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct arena;

void	csv_begin(struct buf *);
void	csv_field(struct buf *, const char *);
void	csv_money(struct buf *, int64_t fen);
void	csv_int(struct buf *, int64_t);
void	csv_end_row(struct buf *);

/* One parsed row of an upload: its line number and fields. */
struct csv_row {
	int		 line;
	char		**f;
	size_t		 n;
};

/*
 * Splits text (UTF-8, optional BOM, CRLF or LF, quoted fields with ""
 * escapes) into rows, skipping blank lines. Returns the number of rows,
 * or -1 with *err set (a Chinese message naming the line) when a quote
 * is never closed.
 */
int	csv_parse(struct arena *, const char *text, struct csv_row **rows,
	    const char **err);

#endif
