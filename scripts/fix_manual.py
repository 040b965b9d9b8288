"""Tidy the man page that swift-argument-parser's generate-manual writes for goalwall.

Usage: python3 scripts/fix_manual.py goalwall.1

generate-manual copies each command's `discussion` text into the mdoc source as is, so
man reflows the "Examples:" lines into one paragraph and warns about the blank lines.
This rewrites the file in place:
- a blank line becomes a paragraph break (.Pp);
- an "Examples:" line and the indented lines after it become a literal block (.Bd -literal),
  so each example stays on its own line;
- the generic ".Ex -std" becomes goalwall's own exit statuses (0, 1, 2);
- a SEE ALSO section points at the documentation the packages install.
Running it twice changes nothing more.
"""

import sys

EXIT_STATUS = """\
.Sh "EXIT STATUS"
.Bl -tag -width 3n
.It 0
Success.
.It 1
The site has errors (each printed as PATH:LINE:COLUMN: error: MESSAGE); a build left the
previous output folder exactly as it was.
.It 2
Wrong usage: an unknown option, a bad date, a missing site folder.
.El
"""

SEE_ALSO = """\
.Sh "SEE ALSO"
The site format, every key and how each number is computed:
.Pa /usr/share/doc/goalwall/docs/site-format.md .
Serving the wall, rebuilding it every day and after each push, and the office TV:
.Pa /usr/share/doc/goalwall/docs/deploy.md .
"""


def fix(text: str) -> str:
    if '.Sh "SEE ALSO"' in text:
        return text
    out: list[str] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == "Examples:":
            out += [".Pp", "Examples:", ".Bd -literal -offset indent"]
            i += 1
            while i < len(lines) and lines[i].startswith("  "):
                out.append(lines[i][2:])
                i += 1
            out.append(".Ed")
            continue
        if line.strip() == "":
            if i + 1 < len(lines) and out and out[-1] not in (".Pp", ".Ed"):
                out.append(".Pp")
            i += 1
            continue
        if line == ".Sh \"EXIT STATUS\"" and i + 1 < len(lines) and lines[i + 1] == ".Ex -std":
            out.append(EXIT_STATUS + SEE_ALSO.rstrip("\n"))
            i += 2
            continue
        out.append(line)
        i += 1
    return "\n".join(out) + ("" if out and out[-1] == "" else "\n")


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    path = sys.argv[1]
    with open(path, encoding="utf-8") as f:
        text = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(fix(text))


if __name__ == "__main__":
    main()
