#!/usr/bin/env python3
"""Parses every .html file under the folders given with html5lib in strict mode (a parser
govreg did not write) and exits 1 naming each file and error; prints how many were checked."""
import pathlib
import sys

import html5lib

checked, failed = 0, 0
for root in sys.argv[1:]:
    for path in sorted(pathlib.Path(root).rglob("*.html")):
        checked += 1
        parser = html5lib.HTMLParser(strict=True)
        try:
            parser.parse(path.read_bytes())
        except html5lib.html5parser.ParseError as error:
            failed += 1
            print(f"{path}: {error}")
print(f"checked {checked} html files, {failed} invalid")
sys.exit(1 if failed or not checked else 0)
