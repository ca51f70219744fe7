#!/usr/bin/env python3
"""Checks the Chinese catalogue for what a reader of the window would notice.

- every message is translated (none unfinished or empty);
- placeholders (%1, %n, %2 ...) survive translation, so no number or name is
  dropped from a sentence;
- a source with an access key ("&Start") keeps one ("启动(&S)");
- two different field labels of one view ("Reason:" and "Cause:") never
  read the same, or the reader cannot tell the fields apart.
"""
import re
import sys
import xml.etree.ElementTree as ET

PLACEHOLDER = re.compile(r"%(?:n|L?\d+)")


def texts(message):
    """The translation's text(s): one, or one per plural form."""
    translation = message.find("translation")
    forms = translation.findall("numerusform")
    if forms:
        return [f.text or "" for f in forms]
    return [translation.text or ""]


def main(path):
    problems = []
    root = ET.parse(path).getroot()
    for context in root.findall("context"):
        name = context.find("name").text
        labels = {}
        for message in context.findall("message"):
            source = message.find("source").text or ""
            translation = message.find("translation")
            where = f"{name}: {source!r}"
            if translation.get("type") in ("unfinished", "vanished", "obsolete"):
                problems.append(f"{where} is not translated ({translation.get('type')})")
                continue
            for text in texts(message):
                if not text.strip():
                    problems.append(f"{where} has an empty translation")
                    continue
                if sorted(set(PLACEHOLDER.findall(source))) != sorted(
                    set(PLACEHOLDER.findall(text))
                ):
                    problems.append(f"{where} -> {text!r} changes the placeholders")
                if re.search(r"&[^&\s]", source) and "&" not in text:
                    problems.append(f"{where} -> {text!r} loses its access key")
            label = texts(message)[0].strip()
            if source.endswith(":") and len(source) < 40:
                other = labels.get(label)
                if other is not None and other != source:
                    problems.append(
                        f"{name}: the labels {other!r} and {source!r} both read {label!r}"
                    )
                labels[label] = source
    for problem in problems:
        print(problem)
    print(f"{len(problems)} problem(s) in {path}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
