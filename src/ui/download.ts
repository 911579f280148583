/** Saves text the page made (a CSV, a report) as a file, without a server: a blob: link clicked. */
export function downloadText(name: string, text: string, type: string) {
  const a = Object.assign(document.createElement('a'), { href: URL.createObjectURL(new Blob([text], { type })), download: name });
  a.click();
  URL.revokeObjectURL(a.href);
}
