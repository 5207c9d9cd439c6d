"""test_static.py - rules checked on the project's own files and binaries."""

import glob
import os
import shutil
import subprocess
import tempfile

from lib import ROOT, VAR, check, test

PRAGMA = '{{%AUTOESCAPE context="HTML"}}'


@test
def every_template_starts_with_autoescape():
    files = glob.glob(os.path.join(ROOT, "templates", "**", "*.tpl"), recursive=True)
    check(files, "no templates found")
    for f in files:
        with open(f, encoding="utf-8") as fh:
            first = fh.readline().strip()
        check(first == PRAGMA, "%s starts with %r", f, first)


@test
def program_refuses_to_start_with_a_template_without_autoescape():
    d = tempfile.mkdtemp()
    try:
        shutil.copytree(os.path.join(ROOT, "templates"), os.path.join(d, "t"))
        with open(os.path.join(d, "t", "owner", "sneaky.tpl"), "w") as f:
            f.write("<p>{{NAME}}</p>\n")
        conf = os.path.join(d, "conf")
        with open(os.path.join(VAR, "propfee.conf")) as f:
            lines = [l for l in f if not l.startswith(("templates=", "owner_socket="))]
        with open(conf, "w") as f:
            f.writelines(lines)
            f.write("templates=%s\nowner_socket=%s\n" % (
                os.path.join(d, "t"), os.path.join(d, "owner.sock")))
        p = subprocess.run([os.path.join(ROOT, "build", "propfee-owner"), "-c", conf],
                           capture_output=True, text=True, timeout=20)
        check(p.returncode != 0, "started anyway")
        check("sneaky.tpl" in p.stderr and "AUTOESCAPE" in p.stderr,
              "no clear message: %r", p.stderr)
    finally:
        shutil.rmtree(d)


@test
def raw_output_in_templates_is_commented():
    # :none prints unescaped; each use must say why on the same line
    for f in glob.glob(os.path.join(ROOT, "templates", "**", "*.tpl"), recursive=True):
        with open(f, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if ":none}}" in line:
                    check("{{!" in line, "%s:%d uses :none without a comment", f, n)
