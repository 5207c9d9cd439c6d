/*
 * replay.c - a main() for a fuzz harness without libFuzzer: feeds it each
 * file named on the command line, once, and prints one TAP line per file
 * ("ok - fuzz NAME: FILE"), so make test replays the seed corpus
 * (tests/fuzz/corpus/NAME/) with plain gcc. Each input is in a malloc of
 * exactly its size, as libFuzzer gives it, so a sanitizer build (make
 * asan) sees a read past its end. A harness that finds a broken promise
 * aborts: the "# replaying FILE" line before it names the input.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

int
main(int argc, char **argv)
{
	const char	*name = strrchr(argv[0], '/');
	FILE		*f;
	uint8_t		*data;
	long		 size;
	int		 i, failed = 0;

	name = name != NULL ? name + 1 : argv[0];
	if (strncmp(name, "replay-", 7) == 0)
		name += 7;
	for (i = 1; i < argc; i++) {
		printf("# replaying %s\n", argv[i]);
		fflush(stdout);
		if ((f = fopen(argv[i], "rb")) == NULL ||
		    fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 ||
		    fseek(f, 0, SEEK_SET) != 0) {
			printf("not ok - fuzz %s: %s: %s\n", name, argv[i],
			    strerror(errno));
			failed = 1;
			if (f != NULL)
				fclose(f);
			continue;
		}
		data = malloc(size > 0 ? (size_t)size : 1);
		if (data == NULL ||
		    fread(data, 1, (size_t)size, f) != (size_t)size) {
			printf("not ok - fuzz %s: %s: cannot read\n", name,
			    argv[i]);
			failed = 1;
		} else {
			LLVMFuzzerTestOneInput(data, (size_t)size);
			printf("ok - fuzz %s: %s\n", name, argv[i]);
		}
		fflush(stdout);
		free(data);
		fclose(f);
	}
	return failed;
}
