/* html: the self-contained map page (see html.h). The data goes in a JSON
 * script element; '<', '>' and '&' are escaped in every string so no label
 * can end the element early. */
#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include "html.h"
#include "colorby.h"
#include "atomic_file.h"

static const char page_head[] =
"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
"<title>embx map</title>\n<style>\n"
"html,body{margin:0;height:100%;overflow:hidden;font:13px/1.35 system-ui,sans-serif;background:#fff;color:#222}\n"
"#c{position:absolute;left:0;top:0;width:100%;height:100%;cursor:grab}\n"
"#bar{position:absolute;left:8px;top:8px;max-width:420px;background:rgba(255,255,255,.93);border:1px solid #ccc;border-radius:4px;padding:6px 8px}\n"
"#bar input{width:200px}\n#note,#legend,#status{color:#555;font-size:12px}\n"
"#legend span{display:inline-block;margin-right:10px}\n#legend i{display:inline-block;width:10px;height:10px;margin-right:3px;border-radius:5px}\n"
"#panel{position:absolute;right:8px;top:8px;max-height:85%;overflow:auto;min-width:200px;background:rgba(255,255,255,.95);border:1px solid #ccc;border-radius:4px;padding:6px 10px}\n"
"#panel ol{margin:4px 0;padding-left:22px}\n.nb{cursor:pointer;color:#0645ad}\n.nb em{color:#777;font-style:normal;margin-left:6px}\n"
"#tip{position:absolute;pointer-events:none;background:#333;color:#fff;padding:2px 6px;border-radius:3px;display:none;white-space:pre}\n"
"</style></head><body>\n<canvas id=\"c\"></canvas>\n"
"<div id=\"bar\"><b id=\"title\"></b><br><input id=\"q\" type=\"search\" placeholder=\"search a word, Enter\" autocomplete=\"off\"> <span id=\"status\"></span>"
"<div id=\"note\"></div><div id=\"legend\"></div><div id=\"status2\" style=\"color:#777;font-size:11px\">drag to pan, wheel to zoom, click a point for its neighbours</div></div>\n"
"<div id=\"panel\" hidden><b id=\"sel\"></b><div style=\"color:#777;font-size:11px\">nearest in the full space</div><ol id=\"nbrs\"></ol></div>\n"
"<div id=\"tip\"></div>\n<script id=\"data\" type=\"application/json\">";

static const char page_tail[] =
"</script>\n<script>\n(function () {\n\"use strict\";\n"
"var D = JSON.parse(document.getElementById(\"data\").textContent);\n"
"var n = D.x.length, cv = document.getElementById(\"c\"), ctx = cv.getContext(\"2d\");\n"
"var pal = [\"#1f77b4\",\"#d62728\",\"#2ca02c\",\"#ff7f0e\",\"#9467bd\",\"#8c564b\",\"#e377c2\",\"#17becf\",\"#bcbd22\",\"#7f7f7f\"];\n"
"if (D.ramp) pal = D.ramp;\n"
"function colour(i) { var g = D.group ? D.group[i] : -1; return g >= 0 ? pal[g % pal.length] : \"#3b5b92\"; }\n"
"document.title = D.title;\n"
"document.getElementById(\"title\").textContent = D.title;\n"
"document.getElementById(\"note\").textContent = D.note || \"\";\n"
"var leg = document.getElementById(\"legend\");\n"
"(D.groups || []).forEach(function (g, k) { var s = document.createElement(\"span\"), b = document.createElement(\"i\");\n"
"  b.style.background = pal[k % pal.length]; s.appendChild(b); s.appendChild(document.createTextNode(g)); leg.appendChild(s); });\n"
"var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity, i;\n"
"for (i = 0; i < n; i++) { x0 = Math.min(x0, D.x[i]); x1 = Math.max(x1, D.x[i]); y0 = Math.min(y0, D.y[i]); y1 = Math.max(y1, D.y[i]); }\n"
"if (!(x1 > x0)) { x0 -= 1; x1 += 1; }\nif (!(y1 > y0)) { y0 -= 1; y1 += 1; }\n"
"var view = { cx: (x0 + x1) / 2, cy: (y0 + y1) / 2, s: 1 }, W = 0, H = 0, base = 1, sel = -1, hov = -1;\n"
"var index = new Map();\nfor (i = n - 1; i >= 0; i--) index.set(D.labels[i], i);\n"
"function sx(x) { return W / 2 + (x - view.cx) * base * view.s; }\n"
"function sy(y) { return H / 2 - (y - view.cy) * base * view.s; }\n"
"function resize() { var r = window.devicePixelRatio || 1; W = window.innerWidth || 800; H = window.innerHeight || 600;\n"
"  cv.width = W * r; cv.height = H * r; ctx.setTransform(r, 0, 0, r, 0, 0);\n"
"  base = 0.9 * Math.min(W / (x1 - x0), H / (y1 - y0)); draw(); }\n"
"function draw() {\n"
"  ctx.clearRect(0, 0, W, H);\n"
"  var r = n > 50000 ? 1.5 : n > 5000 ? 2.2 : 3.5;\n"
"  ctx.globalAlpha = n > 20000 ? 0.45 : 0.8;\n"
"  for (var i = 0; i < n; i++) { var px = sx(D.x[i]), py = sy(D.y[i]);\n"
"    if (px < -4 || py < -4 || px > W + 4 || py > H + 4) continue;\n"
"    ctx.fillStyle = colour(i); ctx.fillRect(px - r / 2, py - r / 2, r, r); }\n"
"  ctx.globalAlpha = 1;\n"
"  var nb = sel >= 0 && D.nbr ? D.nbr[sel] : [];\n"
"  if (sel >= 0) { ctx.strokeStyle = \"#ff7f0e\"; ctx.lineWidth = 1;\n"
"    nb.forEach(function (j) { ctx.beginPath(); ctx.moveTo(sx(D.x[sel]), sy(D.y[sel])); ctx.lineTo(sx(D.x[j]), sy(D.y[j])); ctx.stroke(); });\n"
"    ctx.lineWidth = 2; ctx.strokeStyle = \"#000\"; ctx.beginPath(); ctx.arc(sx(D.x[sel]), sy(D.y[sel]), 6, 0, 7); ctx.stroke(); }\n"
"  /* labels: selected point and its neighbours first, then by rank; a\n"
"     label is drawn only where it does not touch another (8 px cells) */\n"
"  ctx.font = \"12px system-ui,sans-serif\"; ctx.textBaseline = \"middle\"; ctx.lineWidth = 3; ctx.strokeStyle = \"rgba(255,255,255,.85)\";\n"
"  var occ = new Set(), placed = 0, order = [];\n"
"  if (sel >= 0) { order.push(sel); nb.forEach(function (j) { order.push(j); }); }\n"
"  var budget = 600;\n"
"  function free(a, b, c, d) { for (var gx = a >> 3; gx <= c >> 3; gx++) for (var gy = b >> 3; gy <= d >> 3; gy++) if (occ.has(gx * 65536 + gy)) return false; return true; }\n"
"  function take(a, b, c, d) { for (var gx = a >> 3; gx <= c >> 3; gx++) for (var gy = b >> 3; gy <= d >> 3; gy++) occ.add(gx * 65536 + gy); }\n"
"  function label(i, force) { var px = sx(D.x[i]), py = sy(D.y[i]);\n"
"    if (px < 0 || py < 0 || px > W || py > H) return;\n"
"    var t = D.labels[i], w = ctx.measureText(t).width, a = Math.round(px + 4), b = Math.round(py - 7), c = Math.round(px + 6 + w), d = Math.round(py + 7);\n"
"    if (!force && !free(a, b, c, d)) return;\n"
"    take(a, b, c, d); placed++;\n"
"    ctx.strokeText(t, px + 5, py); ctx.fillStyle = \"#111\"; ctx.fillText(t, px + 5, py); }\n"
"  order.forEach(function (j, k) { label(j, k === 0); });\n"
"  for (var q = 0; q < n && placed < budget; q++) label(D.order[q], false);\n"
"}\n"
"function nearest(mx, my, radius) { var best = -1, bd = radius * radius;\n"
"  for (var i = 0; i < n; i++) { var dx = sx(D.x[i]) - mx, dy = sy(D.y[i]) - my, d = dx * dx + dy * dy; if (d < bd) { bd = d; best = i; } }\n"
"  return best; }\n"
"var panel = document.getElementById(\"panel\"), list = document.getElementById(\"nbrs\");\n"
"function select(i, centre) {\n"
"  sel = i; list.textContent = \"\";\n"
"  if (i < 0) { panel.hidden = true; draw(); return; }\n"
"  document.getElementById(\"sel\").textContent = D.labels[i] + (D.groups && D.group && D.group[i] >= 0 ? \" (\" + D.groups[D.group[i]] + \")\" : \"\");\n"
"  var nb = D.nbr ? D.nbr[i] : [];\n"
"  nb.forEach(function (j, k) { var li = document.createElement(\"li\"), em = document.createElement(\"em\");\n"
"    li.className = \"nb\"; li.dataset.i = j; li.textContent = D.labels[j];\n"
"    em.textContent = D.sim ? D.sim[i][k].toFixed(3) : \"\"; li.appendChild(em);\n"
"    li.addEventListener(\"click\", function () { select(j, true); }); list.appendChild(li); });\n"
"  if (!nb.length) { var li = document.createElement(\"li\"); li.textContent = \"(no neighbours stored: not a table row)\"; list.appendChild(li); }\n"
"  panel.hidden = false;\n"
"  if (centre) { view.cx = D.x[i]; view.cy = D.y[i]; view.s = Math.max(view.s, 4); }\n"
"  draw(); }\n"
"var status = document.getElementById(\"status\");\n"
"function search(w) {\n"
"  w = w.trim(); if (!w) { select(-1); status.textContent = \"\"; return -1; }\n"
"  var i = index.has(w) ? index.get(w) : -1, lw = w.toLowerCase();\n"
"  if (i < 0) for (var j = 0; j < n; j++) if (D.labels[j].toLowerCase().indexOf(lw) === 0) { i = j; break; }\n"
"  status.textContent = i < 0 ? \"not found: \" + w : \"\";\n"
"  if (i >= 0) select(i, true);\n"
"  return i; }\n"
"var q = document.getElementById(\"q\");\n"
"q.addEventListener(\"keydown\", function (ev) { if (ev.key === \"Enter\") search(q.value); });\n"
"var drag = null, tip = document.getElementById(\"tip\");\n"
"cv.addEventListener(\"mousedown\", function (ev) { drag = { x: ev.clientX, y: ev.clientY, cx: view.cx, cy: view.cy, moved: false }; cv.style.cursor = \"grabbing\"; });\n"
"window.addEventListener(\"mouseup\", function (ev) { if (!drag) return; var d = drag; drag = null; cv.style.cursor = \"grab\";\n"
"  if (!d.moved) select(nearest(ev.clientX, ev.clientY, 10), false); });\n"
"cv.addEventListener(\"mousemove\", function (ev) {\n"
"  if (drag) { var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y; if (Math.abs(dx) + Math.abs(dy) > 3) drag.moved = true;\n"
"    view.cx = drag.cx - dx / (base * view.s); view.cy = drag.cy + dy / (base * view.s); draw(); return; }\n"
"  var h = nearest(ev.clientX, ev.clientY, 8);\n"
"  if (h < 0) { tip.style.display = \"none\"; return; }\n"
"  tip.textContent = D.labels[h] + (D.groups && D.group && D.group[h] >= 0 ? \"  \" + D.groups[D.group[h]] : \"\");\n"
"  tip.style.left = (ev.clientX + 12) + \"px\"; tip.style.top = (ev.clientY + 12) + \"px\"; tip.style.display = \"block\"; });\n"
"cv.addEventListener(\"wheel\", function (ev) { ev.preventDefault();\n"
"  var f = Math.exp(-ev.deltaY * 0.0015), wx = view.cx + (ev.clientX - W / 2) / (base * view.s), wy = view.cy - (ev.clientY - H / 2) / (base * view.s);\n"
"  view.s = Math.min(Math.max(view.s * f, 0.2), 5000);\n"
"  view.cx = wx - (ev.clientX - W / 2) / (base * view.s); view.cy = wy + (ev.clientY - H / 2) / (base * view.s); draw(); }, { passive: false });\n"
"window.addEventListener(\"resize\", resize);\n"
"resize();\n"
"var m = /[#&]search=([^&]*)/.exec(location.hash);\n"
"if (m) { q.value = decodeURIComponent(m[1]); search(q.value); }\n"
"document.body.setAttribute(\"data-ready\", \"1\");\n"
"})();\n</script>\n</body></html>\n";

/* A JSON string; invalid UTF-8 passes through (the browser shows U+FFFD). */
static void json_str(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\') { fputc('\\', fp); fputc(*c, fp); }
        else if (*c < 0x20 || *c == '<' || *c == '>' || *c == '&') fprintf(fp, "\\u%04x", *c);
        else fputc(*c, fp);
    }
    fputc('"', fp);
}

static void json_num(FILE *fp, double v)
{
    if (isfinite(v)) fprintf(fp, "%.6g", v);
    else fputs("0", fp);
}

int html_write_map(const char *path, const struct html_map *m, embx_err *e)
{
    const struct projection *p = m->p;
    size_t n = p->n;
    /* label order: highlighted first, then by table row (frequency), then index */
    size_t *order = malloc(sizeof(size_t) * (n ? n : 1));
    if (!order) return err_set(e, "out of memory for the map page");
    size_t o = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++) {
            bool hl = p->highlight && p->highlight[i];
            if ((pass == 0) == hl) order[o++] = i;
        }
    /* stable sort of the non-highlighted part by row (unranked last) */
    size_t h0 = 0;
    while (h0 < n && p->highlight && p->highlight[order[h0]]) h0++;
    for (size_t a = h0 + 1; a < n; a++) {
        size_t v = order[a], b = a;
        long rv = p->rows[v] < 0 ? LONG_MAX : p->rows[v];
        while (b > h0) {
            long ru = p->rows[order[b - 1]] < 0 ? LONG_MAX : p->rows[order[b - 1]];
            if (ru <= rv) break;
            order[b] = order[b - 1];
            b--;
        }
        order[b] = v;
    }
    atomic_file af;
    if (atomic_open(&af, path, e) != EMBX_OK) { free(order); return EMBX_ERR; }
    FILE *fp = af.fp;
    fputs(page_head, fp);
    fputs("{\"title\":", fp);
    json_str(fp, p->title);
    fputs(",\"note\":", fp);
    json_str(fp, m->note ? m->note : "");
    fputs(",\n\"labels\":[", fp);
    for (size_t i = 0; i < n; i++) { if (i) fputc(',', fp); json_str(fp, p->labels[i] ? p->labels[i] : ""); }
    fputs("],\n\"x\":[", fp);
    for (size_t i = 0; i < n; i++) { if (i) fputc(',', fp); json_num(fp, p->xy[2 * i]); }
    fputs("],\n\"y\":[", fp);
    for (size_t i = 0; i < n; i++) { if (i) fputc(',', fp); json_num(fp, p->xy[2 * i + 1]); }
    fputs("],\n\"order\":[", fp);
    for (size_t i = 0; i < n; i++) fprintf(fp, i ? ",%zu" : "%zu", order[i]);
    fputs("]", fp);
    if (p->group && p->ngroups > 0) {
        fputs(",\n\"group\":[", fp);
        for (size_t i = 0; i < n; i++) fprintf(fp, i ? ",%d" : "%d", p->group[i]);
        fputs("],\n\"groups\":[", fp);
        for (int g = 0; g < p->ngroups; g++) { if (g) fputc(',', fp); json_str(fp, p->group_names[g] ? p->group_names[g] : "?"); }
        fputs("]", fp);
        if (p->ramp) {
            /* ordered bins of a number: their own colours, from the ramp */
            char rgb[8];
            fputs(",\n\"ramp\":[", fp);
            for (int g = 0; g < p->ngroups; g++) fprintf(fp, "%s\"%s\"", g ? "," : "", colorby_ramp(g, p->ngroups, rgb));
            fputs("]", fp);
        }
    }
    if (m->nbr && m->k > 0) {
        fputs(",\n\"nbr\":[", fp);
        for (size_t i = 0; i < n; i++) {
            fputs(i ? ",[" : "[", fp);
            bool first = true;
            for (size_t c = 0; c < m->k; c++) {
                size_t j = m->nbr[i * m->k + c];
                if (j == SIZE_MAX || j >= n) continue;
                fprintf(fp, first ? "%zu" : ",%zu", j);
                first = false;
            }
            fputc(']', fp);
        }
        fputs("]", fp);
        if (m->sim) {
            fputs(",\n\"sim\":[", fp);
            for (size_t i = 0; i < n; i++) {
                fputs(i ? ",[" : "[", fp);
                bool first = true;
                for (size_t c = 0; c < m->k; c++) {
                    size_t j = m->nbr[i * m->k + c];
                    if (j == SIZE_MAX || j >= n) continue;
                    if (!first) fputc(',', fp);
                    fprintf(fp, "%.4f", isfinite(m->sim[i * m->k + c]) ? m->sim[i * m->k + c] : 0.0f);
                    first = false;
                }
                fputc(']', fp);
            }
            fputs("]", fp);
        }
    }
    fputs("}\n", fp);
    fputs(page_tail, fp);
    free(order);
    return atomic_commit(&af, e);
}
