#!/usr/bin/env python3
"""Refreshes translations/*.ts from the sources with lupdate.

A string that moved to another class (another translation context) comes back
from lupdate as a new, unfinished message while its old translation is dropped;
this carries the old translation over when the source text is the same, so
moving code between classes never silently turns a Chinese text English.
Prints what is still unfinished.
"""
import pathlib
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = pathlib.Path(__file__).resolve().parent.parent
LUPDATE = "/usr/lib/qt6/bin/lupdate"


def translations_by_source(path):
    """source (and comment) -> the finished <translation> element, any context."""
    found = {}
    for message in ET.parse(path).getroot().iter("message"):
        translation = message.find("translation")
        if translation is None or translation.get("type") in ("unfinished", "vanished", "obsolete"):
            continue
        key = (message.findtext("source"), message.findtext("comment"))
        found.setdefault(key, translation)
    return found


def sources():
    files = []
    for folder in ("app", "model", "widgets"):
        files += sorted(str(p) for p in (ROOT / folder).rglob("*") if p.suffix in (".cpp", ".h"))
    return files


def main():
    for ts in sorted((ROOT / "translations").glob("*.ts")):
        before = translations_by_source(ts)
        subprocess.run(
            [LUPDATE, "-no-obsolete", "-locations", "none", *sources(), "-ts", str(ts)],
            check=True,
            cwd=ROOT,
        )
        tree = ET.parse(ts)
        carried, unfinished = 0, []
        for context in tree.getroot().iter("context"):
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation.get("type") != "unfinished":
                    continue
                key = (message.findtext("source"), message.findtext("comment"))
                old = before.get(key)
                if old is not None and (old.text or len(old)):
                    translation.text = old.text
                    for form in list(translation):
                        translation.remove(form)
                    for form in old:
                        translation.append(form)
                    del translation.attrib["type"]
                    carried += 1
                else:
                    unfinished.append(f"{context.findtext('name')}: {key[0]!r}")
        if carried:
            # lupdate's own layout: declaration and doctype kept.
            body = ET.tostring(tree.getroot(), encoding="unicode")
            ts.write_text(
                '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n",
                encoding="utf-8",
            )
            subprocess.run(
                [LUPDATE, "-no-obsolete", "-locations", "none", *sources(), "-ts", str(ts)],
                check=True,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
        print(f"{ts.name}: {carried} moved translation(s) carried over, "
              f"{len(unfinished)} unfinished")
        for line in unfinished:
            print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
