"""Trunk post_build hook: move the inline bootstrap <script> Trunk writes into
index.html to a file of its own, so the page works under a strict
Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval')."""
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook")
index = os.path.join(staging, "index.html")
html = open(index, encoding="utf-8").read()
pattern = re.compile(r'<script type="module"([^>]*)>(.*?)</script>', re.S)
found = [m for m in pattern.finditer(html) if "src=" not in m.group(1)]
if not found:
    sys.exit(0)
for m in reversed(found):
    body = m.group(2).strip() + "\n"
    name = "boot-%s.js" % hashlib.sha256(body.encode()).hexdigest()[:16]
    with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
        f.write(body)
    tag = '<script type="module" src="./%s"></script>' % name
    html = html[: m.start()] + tag + html[m.end():]
with open(index, "w", encoding="utf-8") as f:
    f.write(html)
