/*
 * width.h - reading what people type on a Chinese keyboard: an input
 * method in full-width mode writes １２３, ，．－ and a wide blank where
 * the program expects 123 , . - and a space. Money and address parsers
 * read text through width_next() and see the ASCII twins.
 */
#ifndef PROPFEE_WIDTH_H
#define PROPFEE_WIDTH_H

#include <stddef.h>
#include <stdint.h>

#define WIDTH_BAD	(-1)	/* broken UTF-8 */

/*
 * Reads the UTF-8 character at *p, moves *p past it and returns its code
 * point, with the full-width forms U+FF01..U+FF5E folded to ASCII
 * U+0021..U+007E and the ideographic space U+3000 to ' '. Returns 0 at
 * the end of the string (without moving) and WIDTH_BAD for a byte that
 * does not start or continue a character (moving past it).
 */
int32_t	 width_next(const char **p);

/*
 * 1 if s[0..n) is valid UTF-8 (no overlong forms, no surrogates) with no
 * NUL and no C0 control but \t \r \n, and no DEL: text a person typed.
 */
int	 utf8_text_ok(const char *, size_t);

#endif
