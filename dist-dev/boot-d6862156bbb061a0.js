import init, * as bindings from '/pipeline-studio-431a42a2ab42cd0c.js';
const wasm = await init({ module_or_path: '/pipeline-studio-431a42a2ab42cd0c_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
