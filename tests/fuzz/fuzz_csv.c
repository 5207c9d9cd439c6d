/*
 * fuzz_csv.c - the upload reader (csv_decode, then csv_parse and
 * csv_trim_columns), with any bytes as a file.
 *
 * Promises checked: a file is either refused or decoded into valid UTF-8;
 * rows keep increasing line numbers, no row is blank, the fields' bytes
 * together are within the text's length; and the rows, written again
 * with the export writer (csv_field), read back the same, but for the '
 * the writer puts before a field a spreadsheet would run as a formula.
 */
#include "arena.h"
#include "csv.h"
#include "http.h"
#include "width.h"

#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena	 a;
	struct csv_row	*rows, *back;
	struct buf	 out;
	enum csv_enc	 enc;
	const char	*text, *err = NULL;
	size_t		 i, j, len, total = 0;
	int		 n, nb, line = 0, blank;

	arena_init(&a);
	if ((text = csv_decode(&a, (const char *)data, size, &enc)) == NULL)
		goto out;
	len = strlen(text);
	FUZZ_CHECK(utf8_text_ok(text, len));
	if ((n = csv_parse(&a, text, &rows, &err)) < 0) {
		FUZZ_CHECK(err != NULL);
		goto out;
	}
	buf_init(&out, &a, len + 16);
	csv_begin(&out);
	for (i = 0; i < (size_t)n; i++) {
		FUZZ_CHECK(rows[i].line > line);
		line = rows[i].line;
		FUZZ_CHECK(rows[i].n >= 1);
		blank = 1;
		for (j = 0; j < rows[i].n; j++) {
			total += strlen(rows[i].f[j]);
			if (rows[i].f[j][strspn(rows[i].f[j], " \t")] != '\0')
				blank = 0;
			csv_field(&out, rows[i].f[j]);
		}
		FUZZ_CHECK(!blank);
		csv_end_row(&out);
	}
	FUZZ_CHECK(total <= len);
	FUZZ_CHECK((nb = csv_parse(&a, buf_str(&out), &back, &err)) == n);
	for (i = 0; i < (size_t)n; i++) {
		FUZZ_CHECK(back[i].n == rows[i].n);
		for (j = 0; j < rows[i].n; j++) {
			const char *f = rows[i].f[j], *g = back[i].f[j];

			if (f[0] != '\0' && strchr("=+-@", f[0]) != NULL)
				FUZZ_CHECK(*g++ == '\'');
			FUZZ_CHECK(strcmp(f, g) == 0);
		}
	}
	/* Trimming to any width keeps what is not trailing blanks. */
	csv_trim_columns(rows, (size_t)n, 2);
	for (i = 0; i < (size_t)n; i++)
		FUZZ_CHECK(rows[i].n >= 1 && rows[i].n <= back[i].n);
out:
	arena_free(&a);
	return 0;
}
