/*
 * tmpl.h - the C face of ctemplate (tmpl.cc is the only C++ in propfee).
 *
 * Every template under templates/ is loaded at start-up and the cache is
 * frozen: no disk access per request. A template whose first line is not
 * {{%AUTOESCAPE context="HTML"}} stops the program at start-up, so every
 * value is escaped for where it lands; values in URLs also take :u, and
 * :none is only for markup the program built (each use commented).
 *
 * Dictionaries belong to a request: tmpl_new() ties the root to the
 * request arena, which deletes it when the request ends.
 */
#ifndef PROPFEE_TMPL_H
#define PROPFEE_TMPL_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

struct arena;
struct buf;
struct tmpl;

void		 tmpl_init(const char *dir);
struct tmpl	*tmpl_new(struct arena *);
void		 tmpl_set(struct tmpl *, const char *key, const char *val);
void		 tmpl_setf(struct tmpl *, const char *key, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
void		 tmpl_set_int(struct tmpl *, const char *key, int64_t);
/* A value every template of this expansion sees, includes too. */
void		 tmpl_set_global(struct tmpl *, const char *key,
		    const char *val);
void		 tmpl_show(struct tmpl *, const char *section);
/* A new row of a repeated section; shows the section. */
struct tmpl	*tmpl_row(struct tmpl *, const char *section);
/* Includes file at {{>name}}, returning the included dictionary. */
struct tmpl	*tmpl_include(struct tmpl *, const char *name,
		    const char *file);
/* Expands file with d, appending to out. Returns 0 or -1. */
int		 tmpl_expand(const char *file, struct tmpl *d, struct buf *out);
/* 1 if the template was loaded at start-up. */
int		 tmpl_exists(const char *file);

#ifdef __cplusplus
}
#endif

#endif
