"""Trunk post_build hook, run on the staging dir before it becomes dist/:

1. Move the inline bootstrap <script> Trunk writes into index.html to a file
   of its own, so the page works under a strict Content-Security-Policy
   (script-src 'self' 'wasm-unsafe-eval'; trunk-rs/trunk#288).
2. Give the lazily loaded files content-hashed names. Trunk writes the
   areas module (a `worker`-type Rust asset) and the stylesheets only it
   links under fixed names (and the pre_build hook scripts/build-js.mjs
   writes the code view's editor, code-editor.js), so a browser could run a stale cached copy
   after an upgrade. Each is renamed `<stem>-<hash><ext>` (the areas wasm
   first, then its JS, which names the wasm), and index.html gets a
   `<meta name="asset:<fixed name>" content="<hashed name>">` the app reads
   (src/ui/lazy/assets.rs).
3. In release builds, minify wasm-bindgen's JS glue of both modules with
   esbuild (from npm, as scripts/build-js.mjs) and give the first module's
   glue its new Subresource Integrity hash in index.html. Trunk's own JS
   minifier (minify-js) cannot parse the glue ("Failed to minify JS:
   RequiredTokenNotFound(Identifier) [token=Some(KeywordDefault)]" at
   `export { ..., __wbg_init as default }`) and copies it as it is.
"""
import base64
import hashlib
import os
import re
import subprocess
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("TRUNK_STAGING_DIR is not set: run this as a Trunk post_build hook")


RELEASE = os.environ.get("TRUNK_PROFILE") == "release"
ESBUILD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "node_modules", ".bin", "esbuild")


def minify_js(data):
    """An ES module minified by esbuild (exports keep their names)."""
    done = subprocess.run(
        [ESBUILD, "--minify", "--format=esm", "--loader=js", "--log-level=warning"],
        input=data,
        capture_output=True,
    )
    if done.returncode != 0:
        sys.exit("post_build: esbuild failed: %s" % done.stderr.decode(errors="replace"))
    return done.stdout


def minify_first_module_glue(html):
    """Minify the JS files index.html preloads with an integrity hash (the
    first module's glue) and put their new hashes in."""
    pattern = re.compile(r'<link [^>]*?href="?/?([\w.-]+\.js)"?[^>]*?integrity="?(sha384-[A-Za-z0-9+/=]+)"?')
    for m in pattern.finditer(html):
        name, old = m.group(1), m.group(2)
        path = os.path.join(staging, name)
        if not os.path.exists(path):
            continue
        with open(path, "rb") as f:
            data = minify_js(f.read())
        with open(path, "wb") as f:
            f.write(data)
        new = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
        html = html.replace(old, new)
    return html


def digest(data):
    return hashlib.sha256(data).hexdigest()[:16]


def move_boot_script(html):
    # `type="module"`, or `type=module` once Trunk's minify (Trunk.toml) dropped the quotes.
    pattern = re.compile(r'<script type="?module"?([^>]*)>(.*?)</script>', re.S)
    found = [m for m in pattern.finditer(html) if "src=" not in m.group(1)]
    for m in reversed(found):
        body = m.group(2).strip() + "\n"
        name = "boot-%s.js" % digest(body.encode())
        with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
            f.write(body)
        tag = '<script type="module" src="./%s"></script>' % name
        html = html[: m.start()] + tag + html[m.end():]
    return html


def rename_hashed(name, data=None):
    """Rename staging/name to its hashed name (writing `data` if given)."""
    path = os.path.join(staging, name)
    if data is None:
        with open(path, "rb") as f:
            data = f.read()
    stem, ext = os.path.splitext(name)
    if stem.endswith("_bg"):
        hashed = "%s-%s_bg%s" % (stem[:-3], digest(data), ext)
    else:
        hashed = "%s-%s%s" % (stem, digest(data), ext)
    with open(os.path.join(staging, hashed), "wb") as f:
        f.write(data)
    os.remove(path)
    return hashed


def hash_lazy_assets():
    """Fixed name -> hashed name, for the files that are present."""
    names = {}
    areas_js, areas_wasm = "pipeline-studio-areas.js", "pipeline-studio-areas_bg.wasm"
    if os.path.exists(os.path.join(staging, areas_js)):
        wasm = rename_hashed(areas_wasm)
        with open(os.path.join(staging, areas_js), "rb") as f:
            js = f.read()
        quoted = ("'%s'" % areas_wasm).encode()
        if quoted not in js:
            sys.exit("post_build: %s does not name %s" % (areas_js, areas_wasm))
        js = js.replace(quoted, ("'%s'" % wasm).encode())
        if RELEASE:
            js = minify_js(js)
        names[areas_js] = rename_hashed(areas_js, js)
    for css in ("sim-controls.css", "simulator.css", "code-editor.js"):
        if os.path.exists(os.path.join(staging, css)):
            names[css] = rename_hashed(css)
    return names


index = os.path.join(staging, "index.html")
html = open(index, encoding="utf-8").read()
html = move_boot_script(html)
if RELEASE:
    html = minify_first_module_glue(html)
metas = "".join(
    '<meta name="asset:%s" content="%s" />' % (fixed, hashed)
    for fixed, hashed in sorted(hash_lazy_assets().items())
)
if metas:
    # A minified index.html has no </head> (an optional tag): the metas then
    # follow the title, still head content.
    end = "</head>" if "</head>" in html else "</title>"
    if end not in html:
        sys.exit("post_build: index.html has neither </head> nor </title>")
    at = html.index(end) + (0 if end == "</head>" else len(end))
    html = html[:at] + metas + html[at:]
with open(index, "w", encoding="utf-8") as f:
    f.write(html)
