import init, * as bindings from '/pipeline-studio-8f752b354434fc82.js';
const wasm = await init({ module_or_path: '/pipeline-studio-8f752b354434fc82_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));
