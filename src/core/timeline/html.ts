// The timeline as one self-contained HTML page: the same SVG, plus zoom, a filter by entry and
// hover details, in a few lines of script and no network. The editor's webview reuses the page
// with its own colours and a nonce (see src/vscode/timeline.ts).
import { esc, renderTimelineSvg, TIMELINE_CSS, type SvgOptions } from './svg';
import type { TimelineModel } from './model';

export interface HtmlOptions extends SvgOptions {
  /** Content-Security-Policy of the page (default: nothing may load, inline style and script only). */
  csp?: string;
  /** Nonce put on the page's `<style>` and `<script>` (a webview's CSP asks for one). */
  nonce?: string;
  /** CSS appended after the defaults: a host maps its theme onto the `--lk-*` variables. */
  themeCss?: string;
}

const PAGE_CSS = `
:root{color-scheme:light dark}
body{margin:0;background:var(--lk-bg,#fff);color:var(--lk-fg,#1f2328);font:13px var(--lk-font,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif)}
.lk-toolbar{position:sticky;top:0;z-index:2;display:flex;gap:8px;align-items:center;padding:6px 12px;background:var(--lk-bg,#fff);border-bottom:1px solid var(--lk-faint,#d8dee4)}
.lk-toolbar button,.lk-toolbar select{font:inherit;color:inherit;background:var(--lk-stripe,#f6f8fa);border:1px solid var(--lk-faint,#d8dee4);border-radius:4px;padding:2px 8px;cursor:pointer}
.lk-toolbar .lk-zoom{min-width:3.5em;text-align:center;color:var(--lk-muted,#656d76)}
.lk-toolbar .lk-hint{margin-left:auto;color:var(--lk-muted,#656d76)}
@media (max-width:720px){.lk-toolbar .lk-hint{display:none}}
#lk-chart{overflow:auto}
#lk-chart svg{display:block}
.lk-dim{opacity:.15}
[data-file]{cursor:default}
.lk-clickable [data-file]{cursor:pointer}
.lk-scene-item.lk-here circle,.lk-scene-item.lk-here rect{stroke:var(--lk-fg,#1f2328);stroke-width:3}
#lk-tip{position:fixed;z-index:3;pointer-events:none;display:none;max-width:420px;white-space:pre-wrap;padding:6px 8px;border-radius:4px;background:var(--lk-tip-bg,#1f2328);color:var(--lk-tip-fg,#fff);border:1px solid var(--lk-faint,#d8dee4);box-shadow:0 2px 8px rgba(0,0,0,.2);font-size:12px;line-height:1.4}
@media (prefers-color-scheme: dark){body:not(.lk-themed){--lk-bg:#0d1117;--lk-fg:#e6edf3;--lk-muted:#8d96a0;--lk-grid:#6e7681;--lk-faint:#30363d;--lk-stripe:#161b22;--lk-break:#21262d;--lk-accent:#4493f8;--lk-warning:#d29922;--lk-tip-bg:#e6edf3;--lk-tip-fg:#0d1117}}
`.trim();

/**
 * The page's script: hover details from each element's `<title>`, zoom (buttons, Ctrl+wheel), the
 * entry filter, and — inside an editor's webview — clicks posted back and live updates received.
 */
export const TIMELINE_SCRIPT = `
(function () {
  var vscode = typeof acquireVsCodeApi === 'function' ? acquireVsCodeApi() : undefined;
  var chart = document.getElementById('lk-chart');
  var tip = document.getElementById('lk-tip');
  var filter = document.getElementById('lk-filter');
  var zoomLabel = document.getElementById('lk-zoom');
  var zoom = 1;
  var current;
  if (vscode) document.body.classList.add('lk-clickable');

  function svg() { return chart.querySelector('svg'); }
  function prepare() {
    // Native tooltips would double the custom one: move each <title> into data-tip.
    var titles = chart.querySelectorAll('svg g > title');
    for (var i = 0; i < titles.length; i++) {
      var t = titles[i];
      t.parentNode.setAttribute('data-tip', t.textContent);
      t.parentNode.removeChild(t);
    }
    var lanes = chart.querySelectorAll('g.lk-lane-label');
    var keep = filter.value;
    while (filter.options.length > 1) filter.remove(1);
    for (var j = 0; j < lanes.length; j++) {
      var option = document.createElement('option');
      option.value = lanes[j].getAttribute('data-entry');
      option.textContent = lanes[j].textContent;
      filter.appendChild(option);
    }
    filter.value = keep;
    if (filter.value !== keep) filter.value = '';
    applyZoom();
    applyFilter();
    mark(current);
  }
  function applyZoom() {
    var s = svg();
    if (!s) return;
    var w = Number(s.getAttribute('viewBox').split(' ')[2]);
    s.style.width = Math.round(w * zoom) + 'px';
    s.style.height = 'auto';
    zoomLabel.textContent = Math.round(zoom * 100) + '%';
  }
  function setZoom(z) { zoom = Math.max(0.25, Math.min(8, z)); applyZoom(); }
  function applyFilter() {
    var id = filter.value;
    var items = chart.querySelectorAll('g.lk-lane, g.lk-scene-item, g.lk-undated, g.lk-event-item');
    for (var i = 0; i < items.length; i++) {
      var el = items[i];
      var dim = false;
      if (id) {
        if (el.classList.contains('lk-lane')) dim = el.getAttribute('data-entry') !== id;
        else if (el.classList.contains('lk-event-item')) dim = el.getAttribute('data-event') !== id;
        else if (el.hasAttribute('data-entries')) dim = (' ' + el.getAttribute('data-entries') + ' ').indexOf(' ' + id + ' ') < 0;
      }
      el.classList.toggle('lk-dim', dim);
    }
  }
  function mark(sceneId, reveal) {
    current = sceneId;
    var old = chart.querySelectorAll('.lk-here');
    for (var i = 0; i < old.length; i++) old[i].classList.remove('lk-here');
    if (!sceneId) return;
    var el = chart.querySelector('g.lk-scene-item[data-scene="' + sceneId + '"]');
    if (!el) return;
    el.classList.add('lk-here');
    // Following the cursor: the scene is brought into view when it is off screen.
    if (reveal && el.scrollIntoView) el.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
  document.getElementById('lk-in').addEventListener('click', function () { setZoom(zoom * 1.25); });
  document.getElementById('lk-out').addEventListener('click', function () { setZoom(zoom / 1.25); });
  document.getElementById('lk-fit').addEventListener('click', function () {
    var s = svg();
    if (s) setZoom((chart.clientWidth - 4) / Number(s.getAttribute('viewBox').split(' ')[2]));
  });
  chart.addEventListener('wheel', function (e) {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    setZoom(zoom * (e.deltaY < 0 ? 1.1 : 1 / 1.1));
  }, { passive: false });
  filter.addEventListener('change', applyFilter);
  chart.addEventListener('mousemove', function (e) {
    var el = e.target && e.target.closest ? e.target.closest('[data-tip]') : null;
    if (!el) { tip.style.display = 'none'; return; }
    tip.textContent = el.getAttribute('data-tip');
    tip.style.display = 'block';
    var x = Math.min(e.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
    var y = e.clientY + 16 + tip.offsetHeight > window.innerHeight ? e.clientY - tip.offsetHeight - 10 : e.clientY + 16;
    tip.style.left = Math.max(4, x) + 'px';
    tip.style.top = Math.max(4, y) + 'px';
  });
  chart.addEventListener('mouseleave', function () { tip.style.display = 'none'; });
  chart.addEventListener('click', function (e) {
    if (!vscode) return;
    var el = e.target && e.target.closest ? e.target.closest('[data-file]') : null;
    if (!el) return;
    if (el.hasAttribute('data-entry')) vscode.postMessage({ type: 'openEntry', id: el.getAttribute('data-entry') });
    else if (el.hasAttribute('data-event')) vscode.postMessage({ type: 'openEntry', id: el.getAttribute('data-event') });
    else vscode.postMessage({ type: 'openScene', file: el.getAttribute('data-file'), line: Number(el.getAttribute('data-line')), scene: el.getAttribute('data-scene') });
  });
  window.addEventListener('message', function (e) {
    var msg = e.data || {};
    if (msg.type === 'update') { chart.innerHTML = msg.svg; prepare(); }
    else if (msg.type === 'cursor') mark(msg.scene, true);
  });
  prepare();
  if (vscode) {
    // The host lays the drawing out at the panel's width, and again when it changes.
    var resizing;
    window.addEventListener('resize', function () {
      clearTimeout(resizing);
      resizing = setTimeout(function () { vscode.postMessage({ type: 'resize', width: chart.clientWidth }); }, 200);
    });
    vscode.postMessage({ type: 'ready', width: chart.clientWidth });
  }
})();
`.trim();

export function renderTimelineHtml(model: TimelineModel, options: HtmlOptions = {}): string {
  const title = `${model.title ?? 'Story'} — timeline`;
  const csp = options.csp ?? "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";
  const nonce = options.nonce ? ` nonce="${esc(options.nonce)}"` : '';
  const svg = renderTimelineSvg(model, { ...options, embedStyle: false });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style${nonce}>
${TIMELINE_CSS}
${PAGE_CSS}
${options.themeCss ?? ''}
</style>
</head>
<body${options.themeCss ? ' class="lk-themed"' : ''}>
<div class="lk-toolbar" role="toolbar" aria-label="Timeline">
<button id="lk-out" type="button" title="Zoom out">−</button><span id="lk-zoom" class="lk-zoom">100%</span><button id="lk-in" type="button" title="Zoom in">+</button><button id="lk-fit" type="button" title="Fit to the window">Fit</button>
<label>Entry <select id="lk-filter" aria-label="Show one entry"><option value="">All entries</option></select></label>
<span class="lk-hint">Hover for details · Ctrl+wheel zooms</span>
</div>
<div id="lk-chart">
${svg}</div>
<div id="lk-tip" role="tooltip"></div>
<script${nonce}>
${TIMELINE_SCRIPT}
</script>
</body>
</html>
`;
}
