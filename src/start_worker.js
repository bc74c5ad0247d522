// The start worker (issue 19). On a first visit the start script in
// Trunk.toml hands this worker the URLs of the wasm module and the food
// data. The browser decodes a gzip-encoded response on the thread that
// receives it, and for the 2 MB module and the 0.9 MB food data that took
// 40 to 55 ms a task on the page's main thread; here it takes none of that
// thread's time. The module is compiled as it downloads and posted back
// compiled; the food data is posted back as its bytes, whose buffer moves
// to the page without a copy. The worker always posts both answers, in this
// order, and then ends: a `module` of null means the page must compile the
// module itself, a `food` of null that the app must fetch the data itself.
// `xtask sw` copies this file into the build under a content-hashed name.
onmessage = async ({ data: { wasm, food } }) => {
  const bytes = food
    ? fetch(food)
        .then((r) => (r.ok ? r.arrayBuffer() : null))
        .catch(() => null)
    : Promise.resolve(null);
  try {
    postMessage({ module: await WebAssembly.compileStreaming(fetch(wasm)) });
  } catch (e) {
    postMessage({ module: null, error: String(e) });
  }
  const buffer = await bytes;
  postMessage({ food: buffer }, buffer ? [buffer] : []);
  close();
};
