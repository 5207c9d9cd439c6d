/*
 * pdf.c - text on a PDF page, and the one font map (pdf.h).
 */
#include <string.h>

#include <cairo-pdf.h>

#include "arena.h"
#include "log.h"
#include "pdf.h"

static PangoFontMap	*fontmap;

PangoFontMap *
pdf_fontmap(void)
{
	if (fontmap == NULL)
		fontmap = pango_cairo_font_map_new();
	return fontmap;
}

/* cairo's write function into a struct buf (closure). */
static cairo_status_t
write_out(void *closure, const unsigned char *data, unsigned int len)
{
	buf_add(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

void
pdf_open(struct pdf_pen *p, struct buf *out, double w, double h,
    const char *title)
{
	memset(p, 0, sizeof(*p));
	p->s = cairo_pdf_surface_create_for_stream(write_out, out, w, h);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(p->s, CAIRO_PDF_METADATA_CREATOR,
	    "propfee");
	p->cr = cairo_create(p->s);
	p->a = out->a;
	p->ctx = pango_font_map_create_context(pdf_fontmap());
	pango_cairo_update_context(p->cr, p->ctx);
	p->l = pango_layout_new(p->ctx);
}

int
pdf_close(struct pdf_pen *p)
{
	int	 rc = 0;

	g_object_unref(p->l);
	g_object_unref(p->ctx);
	cairo_show_page(p->cr);
	cairo_destroy(p->cr);
	cairo_surface_finish(p->s);
	if (cairo_surface_status(p->s) != CAIRO_STATUS_SUCCESS) {
		log_warnx("pdf: %s",
		    cairo_status_to_string(cairo_surface_status(p->s)));
		rc = -1;
	}
	cairo_surface_destroy(p->s);
	return rc;
}

/* pdf_box(), or with paras 1 pdf_para(). */
static double
text(const struct pdf_pen *p, double x, double y, double w, double size,
    PangoAlignment align, int maxlines, const char *s, int paras)
{
	PangoFontDescription	*fd;
	char			*c;
	int			 pw, ph;

	/* (pango ends a paragraph at LF, CR LF or CR) */
	if (strpbrk(s, paras ? "\t" : "\r\n\t") != NULL) {
		s = c = arena_strdup(p->a, s);
		while ((c = strpbrk(c, paras ? "\t" : "\r\n\t")) != NULL)
			*c++ = ' ';
	}
	fd = pango_font_description_new();
	pango_font_description_set_family(fd, PDF_FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_layout_set_font_description(p->l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(p->l, w > 0 ? (int)(w * PANGO_SCALE) : -1);
	pango_layout_set_wrap(p->l, PANGO_WRAP_WORD_CHAR);
	/* One paragraph (U+2029 and the like too), so the cap is the cap;
	 * else the cap is per paragraph (pango's negative height). */
	pango_layout_set_single_paragraph_mode(p->l, !paras);
	pango_layout_set_height(p->l, -maxlines);
	pango_layout_set_ellipsize(p->l, PANGO_ELLIPSIZE_END);
	pango_layout_set_alignment(p->l, align);
	pango_layout_set_text(p->l, s, -1);
	if (p->draw) {
		cairo_move_to(p->cr, x, y);
		pango_cairo_show_layout(p->cr, p->l);
	}
	pango_layout_get_size(p->l, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

double
pdf_box(const struct pdf_pen *p, double x, double y, double w, double size,
    PangoAlignment align, int maxlines, const char *s)
{
	return text(p, x, y, w, size, align, maxlines, s, 0);
}

double
pdf_para(const struct pdf_pen *p, double x, double y, double w, double size,
    int maxlines, const char *s)
{
	return text(p, x, y, w, size, PANGO_ALIGN_LEFT, maxlines, s, 1);
}

double
pdf_width(const struct pdf_pen *p, double size, const char *s)
{
	struct pdf_pen	 m = *p;
	int		 pw, ph;

	m.draw = 0;
	pdf_box(&m, 0, 0, 0, size, PANGO_ALIGN_LEFT, 1, s);
	pango_layout_get_size(p->l, &pw, &ph);
	return (double)pw / PANGO_SCALE;
}
