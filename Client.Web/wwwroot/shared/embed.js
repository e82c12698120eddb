// Writes the widget's one script tag, as a tenant's site has it in its HTML, with the widget key from this page's ?key=
// (the demo site, and the page a visitor's mail links to). False when the address has no key.
export function embedWidget() {
  const key = new URLSearchParams(location.search).get('key');
  if (!key) return false;
  const script = document.createElement('script');
  script.type = 'module';
  script.src = '/widget/widget.js';
  script.dataset.widgetKey = key;
  document.body.append(script);
  return true;
}
