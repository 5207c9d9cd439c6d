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
/* A number kept in tenths (a score, a difference of scores), bare like
 * csv_money's: -12 is -1.2, 34 is 3.4. */
void	csv_tenths(struct buf *, int64_t x10);
void	csv_end_row(struct buf *);

/* One parsed row of an upload: its line number and fields. */
struct csv_row {
	int		 line;
	char		**f;
	size_t		 n;
};

/* The encodings an uploaded file may be in. */
enum csv_enc {
	CSV_UTF8,	/* with or without a byte-order mark */
	CSV_GB18030	/* and so GBK and GB2312: what Chinese Excel saves */
};

/*
 * Decodes an uploaded file of len bytes (any bytes, NULs too) into UTF-8
 * text in the arena, deciding once for the whole file: UTF-8 if all of
 * it is valid UTF-8 (a BOM is dropped), else GB18030 through glibc's
 * iconv. Returns the text and sets *enc, or NULL when the file is in
 * neither, or holds control characters other than tab, CR and LF.
 */
const char *csv_decode(struct arena *, const char *bytes, size_t len,
	    enum csv_enc *enc);

/*
 * Splits text (UTF-8, optional BOM, CRLF or LF, quoted fields with ""
 * escapes) into rows. Rows with nothing in them are skipped: blank
 * lines, and lines of only commas, spaces or empty quotes (",,,,,", the
 * padding spreadsheets write). Returns the number of rows, or -1 with
 * *err set (a Chinese message naming the line) when a quote is never
 * closed. Rows keep the line number they started on.
 */
int	csv_parse(struct arena *, const char *text, struct csv_row **rows,
	    const char **err);

/*
 * Drops the empty fields (nothing but spaces) at the end of each row
 * beyond its first ncols: the empty columns a spreadsheet adds to the
 * right. A row still shorter or longer than ncols is left for the
 * caller to refuse.
 */
void	csv_trim_columns(struct csv_row *rows, size_t n, size_t ncols);

/*
 * The one reader of an uploaded CSV file (the meter readings, an
 * estate's import): csv_decode, csv_parse, then csv_trim_columns to
 * ncols. Returns the number of rows (header included), or CSV_READ_ENC
 * when the file is in no encoding read here, CSV_READ_SYNTAX when a quote
 * is never closed; *err is then the Chinese message to show by the file
 * field.
 */
#define CSV_READ_ENC	(-1)
#define CSV_READ_SYNTAX	(-2)
#define CSV_ENC_MSG	"读不出这个文件：它既不是 UTF-8 也不是 GBK 编码的" \
	"文本。请在 Excel 中另存为“CSV UTF-8（逗号分隔）”或“CSV（逗号分隔）”" \
	"后重新上传。"
int	csv_read(struct arena *, const char *bytes, size_t len, size_t ncols,
	    struct csv_row **rows, enum csv_enc *enc, const char **err);

/*
 * 1 if row is the header names (each field, spaces around it ignored,
 * equal to its name), 0 if not.
 */
int	csv_is_header(const struct csv_row *, const char *const *names,
	    size_t n);

#endif
