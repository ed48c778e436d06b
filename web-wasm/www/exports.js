// Downloads of exports. The files themselves come from the core renderers (the wasm
// `render` binding); they are offered through blob: URLs, so nothing leaves the browser.

/** Offers `text` as a file download. */
export function download(filename, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
