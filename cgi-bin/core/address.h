/*
 * address.h - a premises as people type it (楼栋 / 单元 / 房号), and the
 * order people read premises in.
 *
 * A collector searching the ledger types "3栋2单元301室", "301室",
 * "2单元", "3-2-301", "3栋301", "3#301" or the same in full-width
 * characters; address_parse() reads the building, unit and room out of
 * it so that each can be matched exactly. Nothing here allocates.
 */
#ifndef PROPFEE_ADDRESS_H
#define PROPFEE_ADDRESS_H

#define ADDRESS_PART_MAX	33	/* a building name: VARCHAR(32) + NUL */

struct address {
	char	building[ADDRESS_PART_MAX];	/* "3", "商业街"; "" not given */
	char	building_typed[ADDRESS_PART_MAX]; /* "3幢" as typed, or "" */
	char	unit[17];			/* "2"; "" not given */
	char	room[17];			/* "301", "A05"; "" not given */
};

/*
 * Reads s into its parts. Each number or name may carry its marker
 * (building 栋 幢 座 号楼 #, unit 单元 单, room 室 号 房); parts without a
 * marker are separated by - / or blanks and read by position: three are
 * building, unit, room ("3-2-301"); two are building and room ("3-301");
 * one alone is a room ("301"); after a marked part the last unmarked one
 * is the room ("3栋301"). A name in Chinese characters with no marker is
 * a building ("商业街A05号"). Letters are upper-cased; full-width forms
 * read as ASCII (width.h). Returns how many parts it set (1 to 3), or -1
 * when s is empty, has more than three parts, names a part twice, has
 * a character that is none of these, or a part longer than its column.
 */
int	 address_parse(const char *s, struct address *out);

/*
 * Compares two labels as people read them: runs of digits by their
 * value, so 2栋 comes before 10栋 and 501室 before 1201室; the rest byte
 * by byte. Returns <0, 0 or >0 like strcmp.
 */
int	 address_natcmp(const char *a, const char *b);

#endif
