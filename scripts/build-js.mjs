// Trunk pre_build hook: bundle the code view's editor (js/code-editor.mjs:
// CodeMirror 6 from npm) with esbuild into one minified ES module,
// `code-editor.js`, in Trunk's staging dir (or the dir given as the first
// argument). The lazily loaded areas module imports it when the Code panel
// is first shown; scripts/post_build.py gives it a content-hashed name.
// Needs `npm ci` (./scripts/setup); nothing is fetched here.
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!outdir) {
  console.error("build-js: give an output dir or run as a Trunk hook (TRUNK_STAGING_DIR)");
  process.exit(2);
}
const result = await build({
  entryPoints: [path.join(root, "js/code-editor.mjs")],
  outfile: path.join(outdir, "code-editor.js"),
  bundle: true,
  format: "esm",
  minify: true,
  target: "es2020",
  legalComments: "eof",
  metafile: true,
  logLevel: "warning",
});
const bytes = Object.values(result.metafile.outputs).reduce((n, o) => n + o.bytes, 0);
console.log(`build-js: code-editor.js ${(bytes / 1024).toFixed(1)} KiB`);
