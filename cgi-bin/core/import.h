/*
 * import.h - an estate from CSV files (issue 13): its premises, then its
 * owners and their links to the premises, then its opening arrears (as
 * bills of the estate's fee items, with their periods and due dates),
 * then its historical payments of those bills (each with a receipt).
 *
 * Each file is read whole (csv_read: UTF-8 or GBK / GB18030), its rows
 * checked one by one here (the fields: required, lengths, area as exact
 * hundredths through money_parse, the words of a list), then set-based in
 * the database: the good rows are written to import_stage with multi-row
 * INSERTs of a fixed size, checked against each other and the estate with
 * one join per rule, and - when no row is bad and it is not a dry run -
 * copied with INSERT ... SELECT, all in one transaction. A dry run, or a
 * file with any bad row, rolls everything back: nothing is written, and
 * every bad row is listed with its line and reason.
 *
 * Every row carries an external key (a column of each file), kept in
 * import_keys with a hash of the row: a row imported before is left as
 * it is and counted as such; a row whose key was imported with other
 * contents is a bad row (an import never edits what it made). So a second
 * import of a file changes nothing and says so.
 */
#ifndef PROPFEE_IMPORT_H
#define PROPFEE_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "csv.h"

struct ctx;

/* The files, in the order an estate is imported. */
enum import_kind {
	IMPORT_PREMISES,
	IMPORT_OWNERS,
	IMPORT_ARREARS,		/* opening arrears: bills, with periods and due dates */
	IMPORT_PAYMENTS,	/* historical payments of the opening bills */
	IMPORT__MAX
};

/* schema: import_batches.kind, import_keys.kind */
extern const char *const import_kind_codes[IMPORT__MAX];
extern const char *const import_kind_words[IMPORT__MAX];

/* The code's kind, or -1. */
int	import_kind_parse(const char *);

/* A file's header: its column names, in order; *n their number. */
const char *const *import_columns(enum import_kind, size_t *n);
/* The template's example rows (each a row of import_columns' n fields),
 * NULL-ended. */
const char *const *const *import_examples(enum import_kind);

/* At most this many rows of data a file. */
#define IMPORT_MAX_ROWS	20000

struct import_err {
	int		 line;
	const char	*why;		/* every reason of the line, "；" between */
};

struct import_res {
	size_t			 rows;	/* rows of data in the file */
	size_t			 fresh;	/* rows that add something */
	size_t			 same;	/* imported before: left as they are */
	struct import_err	*errs;	/* the bad rows, by line */
	size_t			 nerrs;
	const char		*file_err; /* the file as a whole, or NULL */
	int64_t			 batch;	/* import_batches.id once imported */
};

struct import_job {
	int64_t			 estate;
	enum import_kind	 kind;
	const struct csv_row	*rows;	/* as csv_read gave them, header first */
	size_t			 n;
	enum csv_enc		 enc;
	const char		*file_name;
	int			 dry;	/* 1: check only, write nothing */
	struct import_res	 res;
};

/* What import_tx returns besides 0 (committed) and -1. */
enum {
	IMPORT_REFUSED = 2,	/* bad rows (or a dry run): rolled back */
	IMPORT_RACED = 3	/* a record made meanwhile by someone else */
};

/*
 * Checks and (unless job->dry) imports job's file, inside the caller's
 * transaction (once_tx's fn: *made is the batch id). Returns 0 when
 * imported (commit), IMPORT_REFUSED for a dry run or a file with bad rows
 * (job->res says why; roll back), IMPORT_RACED, or -1.
 */
int	import_tx(struct ctx *, void *job, int64_t *made);

/* A dry run: import_tx in a transaction of its own, always rolled back.
 * Returns 0 (job->res filled) or -1. */
int	import_check(struct ctx *, struct import_job *);

/*
 * The counts of a batch imported before, for the page it redirects to:
 * 1 (found, of estate), 0 or -1.
 */
int	import_batch(struct ctx *, int64_t estate, int64_t batch,
	    enum import_kind *, struct import_res *);

#endif
