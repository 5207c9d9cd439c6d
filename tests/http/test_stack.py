"""test_stack.py - how scripts/stack.sh sets up the stack's processes."""

import os

from lib import VAR, check, sql1, test


@test
def mariadb_keeps_its_temporary_files_under_the_stacks_var_folder():
    # The shared /tmp lost a list query's temporary file once (issue 9).
    tmpdir = sql1("SELECT @@tmpdir")
    check(os.path.realpath(tmpdir) == os.path.realpath(os.path.join(VAR, "tmp")),
          "MariaDB's tmpdir is %r, not %s/tmp", tmpdir, VAR)
    check(os.path.isdir(tmpdir), "%s is not a folder", tmpdir)
