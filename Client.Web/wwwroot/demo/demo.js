// Writes the widget's one script tag, as a tenant's site has it in its HTML, with the widget key from ?key=.
const key = new URLSearchParams(location.search).get('key');
if (key) {
  const script = document.createElement('script');
  script.type = 'module';
  script.src = '/widget/widget.js';
  script.dataset.widgetKey = key;
  document.body.append(script);
} else {
  document.getElementById('missing-key').hidden = false;
}
