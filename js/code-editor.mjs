// The code view's editor: CodeMirror 6 (npm @codemirror/*), bundled by
// scripts/build-js.mjs (esbuild) into one ES module, `code-editor.js`, which
// the lazily loaded areas module imports the first time the Code panel is
// shown (src/ui/editor/code.rs). Never part of the first load.
//
// Why CodeMirror: a well-kept editor with JSON parsing that tolerates broken
// text (Lezer), folding, lint marks, completion, search and screen-reader
// support; writing those by hand would be more code than the app's editor.
//
// What it owns: the text, its highlighting and folding, the marks of the
// problems Rust hands it (`setDiagnostics`), completion from the vocabulary
// Rust hands it (`setVocabulary`: type names, field keys per type, object
// and parameter ids), and where pipeline objects sit in the text (from the
// syntax tree, so also in text that does not parse): `reveal(id)` shows an
// object, `onCursor(id)` says which object the cursor entered. What it
// leaves to Rust: parsing the definition, validation, the document store.
//
// Styles under the page's CSP (style-src 'self', no inline styles):
// CodeMirror injects its styles with style-mod, which writes a <style>
// element into a document (blocked here; it would need a nonce, and a fixed
// nonce in a static page protects nothing) but a constructed, adopted
// stylesheet into a shadow root (CSSOM, which the CSP allows). So the editor
// lives in an open shadow root of its host element and the page's CSP stays
// as it is. The app's colours reach it through CSS custom properties, which
// cross the shadow boundary.

import { Annotation, EditorState, StateEffect, StateField, RangeSetBuilder, Transaction } from "@codemirror/state";
import {
  Decoration, EditorView, ViewPlugin, drawSelection, highlightActiveLine,
  highlightActiveLineGutter, highlightSpecialChars, keymap, lineNumbers,
} from "@codemirror/view";
import {
  bracketMatching, ensureSyntaxTree, foldGutter, foldKeymap, indentOnInput,
  syntaxHighlighting, syntaxTree,
} from "@codemirror/language";
import { json } from "@codemirror/lang-json";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import {
  autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, insertCompletionText,
} from "@codemirror/autocomplete";
import { defaultKeymap, history, historyKeymap } from "@codemirror/commands";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { classHighlighter } from "@lezer/highlight";

/** Marks transactions made for Rust (new text, reveal): not the user's. */
const fromHost = Annotation.define();
/** The object selected in the app, shown with a band on its lines. */
const setSelected = StateEffect.define();
const selectedField = StateField.define({
  create: () => null,
  update(value, tr) {
    for (const e of tr.effects) if (e.is(setSelected)) value = e.value;
    return value;
  },
});

// ---- Where things are in the text (from the syntax tree) ----

function children(node) {
  const out = [];
  for (let c = node?.firstChild; c; c = c.nextSibling) out.push(c);
  return out;
}

function unquote(state, node) {
  const raw = state.sliceDoc(node.from, node.to);
  try {
    return JSON.parse(raw);
  } catch {
    return raw.replace(/^"/, "").replace(/"$/, "");
  }
}

/** An Object node's properties: [{name, node, nameNode, value}]. */
function properties(state, obj) {
  if (obj?.name !== "Object") return [];
  return children(obj)
    .filter((c) => c.name === "Property")
    .map((p) => {
      const nameNode = p.getChild("PropertyName");
      const value = p.lastChild && p.lastChild !== nameNode ? p.lastChild : null;
      return { name: nameNode ? unquote(state, nameNode) : "", node: p, nameNode, value };
    });
}

function tree(state) {
  return ensureSyntaxTree(state, state.doc.length, 200) ?? syntaxTree(state);
}

const OBJECT_LISTS = ["pipelineObjects", "objects"];

/**
 * The pipeline objects in the text, in either shape: API
 * (`pipelineObjects: [{id, name, fields: [{key, stringValue | refValue}]}]`)
 * or CLI file (`objects: [{id, name, type, key: "v" | {ref}}]`).
 * Each: {id, from, to, idNode, type, fields: [{key, from, to}]}.
 */
function pipelineObjects(state) {
  const top = tree(state).topNode.getChild("Object");
  const out = [];
  for (const list of properties(state, top)) {
    if (!OBJECT_LISTS.includes(list.name) || list.value?.name !== "Array") continue;
    for (const obj of children(list.value).filter((c) => c.name === "Object")) {
      const info = { id: null, from: obj.from, to: obj.to, idNode: null, type: null, fields: [] };
      for (const p of properties(state, obj)) {
        if (p.name === "id" && p.value?.name === "String") {
          info.id = unquote(state, p.value);
          info.idNode = p.node;
        } else if (p.name === "fields" && p.value?.name === "Array") {
          for (const f of children(p.value).filter((c) => c.name === "Object")) {
            const fp = properties(state, f);
            const key = fp.find((x) => x.name === "key" && x.value?.name === "String");
            if (!key) continue;
            const k = unquote(state, key.value);
            info.fields.push({ key: k, from: f.from, to: f.to });
            const sv = fp.find((x) => x.name === "stringValue" && x.value?.name === "String");
            if (k === "type" && sv) info.type = unquote(state, sv.value);
          }
        } else if (p.name !== "name") {
          info.fields.push({ key: p.name, from: p.node.from, to: p.node.to });
          if (p.name === "type" && p.value?.name === "String") info.type = unquote(state, p.value);
        }
      }
      out.push(info);
    }
  }
  return out;
}

function objectAt(state, pos) {
  return pipelineObjects(state).find((o) => o.id !== null && o.from <= pos && pos <= o.to) ?? null;
}

/** The node a JSON path such as `objects[3].schedule` names, if any. */
function nodeAtPath(state, path) {
  let node = tree(state).topNode.firstChild;
  for (const part of path.match(/[^.[\]]+|\[\d+\]/g) ?? []) {
    if (!node) return null;
    if (part.startsWith("[")) {
      const items = children(node).filter((c) => !["[", "]", ","].includes(c.name) && !c.type.isError);
      node = items[Number(part.slice(1, -1))] ?? null;
    } else {
      const p = properties(state, node).find((x) => x.name === part);
      node = p ? p.value ?? p.node : null;
    }
  }
  return node;
}

// ---- Problems as lint diagnostics ----

/**
 * Rust's problems -> CodeMirror diagnostics. Each problem has `severity`
 * ("error" | "warning" | "info"), `message` and a place: `line`/`column`
 * (a syntax error), `path` (an import diagnostic), `object`/`field` (a
 * validation problem), or none (the whole definition: its first line).
 */
function toDiagnostics(state, problems) {
  const objects = pipelineObjects(state);
  const len = state.doc.length;
  const out = [];
  for (const p of problems) {
    let from = 0;
    let to = Math.min(len, state.doc.line(1).to);
    if (p.line) {
      const line = state.doc.line(Math.min(Math.max(p.line, 1), state.doc.lines));
      from = Math.min(line.to, line.from + Math.max((p.column ?? 1) - 1, 0));
      to = line.to > from ? line.to : Math.min(len, from + 1);
    } else if (p.path) {
      const n = nodeAtPath(state, p.path);
      if (n) ({ from, to } = n);
    } else if (p.object) {
      const o = objects.find((x) => x.id === p.object);
      const f = o && p.field ? o.fields.find((x) => x.key === p.field) : null;
      const n = f ?? o?.idNode ?? o;
      if (n) ({ from, to } = n);
    }
    out.push({ from, to, severity: p.severity, message: p.message, source: p.source ?? undefined });
  }
  return out;
}

// ---- Completion ----

/**
 * Completion from `vocab` = {types: [name], keys: {type: [key]}, allKeys:
 * [key], ids: [id], params: [id]}: type names as a `type` value, field keys
 * (of the object's type) as a CLI property name or an API `key`, object
 * ids as a `ref`/`refValue`, parameter ids after `#{` in a string.
 */
function completionSource(vocab) {
  return (ctx) => {
    const v = vocab.current;
    const node = syntaxTree(ctx.state).resolveInner(ctx.pos, -1);
    if (node.name !== "String" && node.name !== "PropertyName") return null;
    const from = node.from + 1;
    if (ctx.pos < from) return null;
    const before = ctx.state.sliceDoc(from, ctx.pos);
    const param = /#\{\*?(\w*)$/.exec(before);
    if (param) {
      return {
        from: ctx.pos - param[1].length - (before.endsWith("*" + param[1]) ? 1 : 0),
        options: v.params.map((id) => ({ label: id, type: "variable", detail: "parameter", apply: id + "}" })),
      };
    }
    const prop = node.parent?.name === "Property" ? node.parent : null;
    const propName = prop?.getChild("PropertyName");
    const key = propName ? unquote(ctx.state, propName) : null;
    const obj = objectAt(ctx.state, ctx.pos);
    const keysFor = () => {
      const ks = (obj?.type && v.keys[obj.type]) || v.allKeys;
      return ks.map((k) => ({ label: k, type: "property", detail: obj?.type ?? "field" }));
    };
    let options = null;
    if (node.name === "PropertyName") {
      // A CLI-shape object's property, inside objects[…].
      if (obj && !obj.fields.some((f) => f.key === "fields")) options = keysFor();
    } else if (key === "type") {
      options = v.types.map((t) => ({ label: t, type: "type" }));
    } else if (key === "ref" || key === "refValue") {
      options = v.ids.filter((id) => id !== obj?.id).map((id) => ({ label: id, type: "constant", detail: "object" }));
    } else if (key === "key") {
      options = keysFor();
    } else if (key === "stringValue" && prop.parent?.name === "Object") {
      const sib = properties(ctx.state, prop.parent).find((x) => x.name === "key" && x.value?.name === "String");
      if (sib && unquote(ctx.state, sib.value) === "type") options = v.types.map((t) => ({ label: t, type: "type" }));
    }
    if (!options) return null;
    // Filter by what is typed before the cursor; a choice replaces the whole string's text.
    const apply = (view, completion, start) => {
      const n = syntaxTree(view.state).resolveInner(start, 1);
      const closed = view.state.sliceDoc(n.to - 1, n.to) === '"' && n.to - 1 >= start;
      const end = (n.name === "String" || n.name === "PropertyName") && n.to > start ? (closed ? n.to - 1 : n.to) : view.state.selection.main.head;
      view.dispatch(insertCompletionText(view.state, completion.label, start, Math.max(end, view.state.selection.main.head)));
    };
    return { from, options: options.map((o) => ({ apply, ...o })), validFor: /^[\w*@.:-]*$/ };
  };
}

// ---- The selected object's band ----

const selectedBand = ViewPlugin.fromClass(
  class {
    constructor(view) {
      this.decorations = this.build(view.state);
    }
    update(u) {
      if (u.docChanged || u.startState.field(selectedField) !== u.state.field(selectedField)) {
        this.decorations = this.build(u.state);
      }
    }
    build(state) {
      const id = state.field(selectedField);
      const o = id ? pipelineObjects(state).find((x) => x.id === id) : null;
      const b = new RangeSetBuilder();
      if (o) {
        const line = Decoration.line({ class: "cm-selectedObject" });
        const last = state.doc.lineAt(o.to).number;
        for (let n = state.doc.lineAt(o.from).number; n <= last; n++) b.add(state.doc.line(n).from, state.doc.line(n).from, line);
      }
      return b.finish();
    }
  },
  { decorations: (p) => p.decorations },
);

// ---- Look: the app's colours (custom properties cross the shadow root) ----

const theme = EditorView.theme({
  "&": {
    flex: "1", minWidth: "0", color: "var(--text)", backgroundColor: "var(--panel)",
    fontSize: "12.5px",
  },
  "&.cm-focused": { outline: "2px solid var(--focus)", outlineOffset: "-2px" },
  ".cm-scroller": { fontFamily: "var(--mono)", lineHeight: "1.5" },
  ".cm-content": { caretColor: "var(--text)" },
  ".cm-cursor": { borderLeftColor: "var(--text)" },
  ".cm-gutters": { backgroundColor: "var(--panel-2)", color: "var(--muted)", borderRight: "1px solid var(--border)" },
  ".cm-activeLine": { backgroundColor: "color-mix(in srgb, var(--accent-soft) 45%, transparent)" },
  ".cm-activeLineGutter": { backgroundColor: "var(--accent-soft)", color: "var(--text)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "color-mix(in srgb, var(--accent) 30%, transparent)",
  },
  ".cm-selectedObject": { boxShadow: "inset 3px 0 0 var(--accent)", backgroundColor: "color-mix(in srgb, var(--accent-soft) 60%, transparent)" },
  ".cm-foldPlaceholder": { backgroundColor: "var(--panel-2)", border: "1px solid var(--border)", color: "var(--muted)" },
  ".cm-tooltip": { backgroundColor: "var(--panel)", color: "var(--text)", border: "1px solid var(--border)", fontFamily: "var(--font)" },
  ".cm-tooltip-autocomplete > ul > li[aria-selected]": { backgroundColor: "var(--accent)", color: "#fff" },
  ".cm-completionDetail": { color: "var(--muted)", marginLeft: "1em", fontStyle: "normal" },
  ".cm-diagnostic-error": { borderLeftColor: "var(--err)" },
  ".cm-diagnostic-warning": { borderLeftColor: "var(--warn)" },
  ".cm-diagnostic-info": { borderLeftColor: "var(--info)" },
  ".cm-panels": { backgroundColor: "var(--panel-2)", color: "var(--text)" },
  ".cm-textfield": { color: "var(--text)", backgroundColor: "var(--panel)", border: "1px solid var(--border)" },
  ".cm-button": { color: "var(--text)", backgroundImage: "none", backgroundColor: "var(--panel)", border: "1px solid var(--border)" },
  // Token colours (classHighlighter's names); legible in both schemes.
  ".tok-propertyName": { color: "var(--code-key, #0550ae)" },
  ".tok-string": { color: "var(--code-string, #0a3069)" },
  ".tok-number": { color: "var(--code-number, #953800)" },
  ".tok-bool, .tok-null": { color: "var(--code-literal, #8250df)" },
  ".tok-punctuation": { color: "var(--muted)" },
});

/**
 * Create the editor in `host` (its content goes in an open shadow root).
 * `options`: {text, label, onInput(text), onCursor(id | "")}. Returns the
 * handle Rust drives; it is also kept as `host.codeEditor`.
 */
export function createEditor(host, options) {
  const root = host.shadowRoot ?? host.attachShadow({ mode: "open" });
  const mountPoint = document.createElement("div");
  mountPoint.className = "cm-host";
  // Fill the host (a flex box): set through CSSOM, which the CSP allows.
  Object.assign(mountPoint.style, { flex: "1", minWidth: "0", minHeight: "0", display: "flex" });
  root.replaceChildren(mountPoint);
  const vocab = { current: { types: [], keys: {}, allKeys: [], ids: [], params: [] } };
  let lastCursor = null;

  const view = new EditorView({
    root,
    parent: mountPoint,
    state: EditorState.create({
      doc: options.text ?? "",
      extensions: [
        lineNumbers(),
        foldGutter(),
        lintGutter(),
        highlightActiveLineGutter(),
        highlightSpecialChars(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        json(),
        syntaxHighlighting(classHighlighter),
        autocompletion({ override: [completionSource(vocab)], icons: false }),
        selectedField,
        selectedBand,
        theme,
        // An explicit tabindex: axe counts a contenteditable without one as no focusable
        // content in the scroller (scrollable-region-focusable).
        EditorView.contentAttributes.of({ "aria-label": options.label ?? "Definition as JSON", tabindex: "0" }),
        // Tab is not bound: it moves focus out, as everywhere in the app.
        keymap.of([
          ...closeBracketsKeymap, ...defaultKeymap, ...searchKeymap, ...historyKeymap,
          ...foldKeymap, ...completionKeymap, ...lintKeymap,
        ]),
        EditorView.updateListener.of((u) => {
          const own = u.transactions.some((t) => t.annotation(fromHost));
          if (u.docChanged && !own) options.onInput?.(u.state.doc.toString());
          if ((u.selectionSet || u.docChanged) && !own && u.view.hasFocus) {
            const id = objectAt(u.state, u.state.selection.main.head)?.id ?? "";
            if (id !== lastCursor) {
              lastCursor = id;
              options.onCursor?.(id);
            }
          }
        }),
      ],
    }),
  });

  const handle = {
    /** The text as it is now. */
    getText: () => view.state.doc.toString(),
    hasFocus: () => view.hasFocus,
    /** Where the cursor is (a text offset). */
    cursor: () => view.state.selection.main.head,
    focus: () => view.focus(),
    /** Show `text`, changing only the part that differs (so the cursor,
     * folds and scroll stay where they were). Not an undo step. */
    setText(text) {
      const old = view.state.doc.toString();
      if (old === text) return;
      let a = 0;
      const max = Math.min(old.length, text.length);
      while (a < max && old.charCodeAt(a) === text.charCodeAt(a)) a++;
      let b = 0;
      while (b < max - a && old.charCodeAt(old.length - 1 - b) === text.charCodeAt(text.length - 1 - b)) b++;
      view.dispatch({
        changes: { from: a, to: old.length - b, insert: text.slice(a, text.length - b) },
        annotations: [fromHost.of(true), Transaction.addToHistory.of(false)],
      });
    },
    /** Mark `problems` (see toDiagnostics) on their lines. */
    setDiagnostics(problems) {
      view.dispatch(setDiagnostics(view.state, toDiagnostics(view.state, problems)));
    },
    /** What completion offers (see completionSource). */
    setVocabulary(v) {
      vocab.current = { ...vocab.current, ...v };
    },
    /** The app selected object `id` ("" or null: none): band its lines and,
     * unless the cursor is already in it, scroll it into view with the
     * cursor on its id. */
    reveal(id) {
      const effects = [setSelected.of(id || null)];
      const o = id ? pipelineObjects(view.state).find((x) => x.id === id) : null;
      let selection;
      if (o && objectAt(view.state, view.state.selection.main.head)?.id !== id) {
        const at = o.idNode ? o.idNode.to - 1 : o.from;
        selection = { anchor: at };
        effects.push(EditorView.scrollIntoView(o.from, { y: "start", yMargin: 24 }));
      }
      lastCursor = id || "";
      view.dispatch({ effects, selection, annotations: fromHost.of(true) });
    },
    /** Where object `id` is in the text, as {from, to, line} (tests, tools). */
    locate(id) {
      const o = pipelineObjects(view.state).find((x) => x.id === id);
      return o ? { from: o.from, to: o.to, line: view.state.doc.lineAt(o.from).number } : null;
    },
    /** Scroll position `pos` into view, resolving once drawn (tests). */
    scrollTo(pos) {
      view.dispatch({ effects: EditorView.scrollIntoView(pos, { y: "center" }) });
      return new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    },
    /** The screen point just left of position `pos` (tests). */
    coordsAt(pos) {
      const c = view.coordsAtPos(pos);
      return c ? { x: c.left, y: (c.top + c.bottom) / 2 } : null;
    },
    destroy: () => view.destroy(),
  };
  host.codeEditor = handle;
  return handle;
}
