/* Edu Atlas embed resizer (docs/embedding.md). Sizes each <iframe data-edu-atlas-embed> to the
   height its embed reports: {type:"edu-atlas:height",height:px,src:url}, accepted only from that
   iframe's window and origin. Without it an iframe keeps its height attribute. */
(function (w) {
  if (w.eduAtlasResizer) return;
  w.eduAtlasResizer = 1;
  w.addEventListener("message", function (e) {
    var d = e.data, f = document.querySelectorAll("iframe[data-edu-atlas-embed]"), i, h;
    if (!d || d.type !== "edu-atlas:height") return;
    h = Math.ceil(+d.height);
    if (!(h > 0 && h < 1e4)) return;
    for (i = 0; i < f.length; i++) {
      if (f[i].contentWindow === e.source) {
        try { if (new URL(f[i].src, location.href).origin !== e.origin) return; } catch (x) { return; }
        f[i].style.height = h + "px";
        return;
      }
    }
  });
})(window);
