/** Saving text the app made (support log, contacts export) as a file the browser downloads. */

/** a Blob, an object URL and a temporary <a download>: the browser saves the file */
export function saveTextFile(filename: string, text: string, mime = 'text/plain;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type: mime }));
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
