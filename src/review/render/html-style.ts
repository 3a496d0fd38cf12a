/** The page's CSS and script, inline so the page needs no network. */
export const pageStyle = `
*{box-sizing:border-box}body{margin:0;font:14px/1.55 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1d2330;background:#f6f7f9}
header{padding:16px 24px;background:#fff;border-bottom:1px solid #dde1e7}header h1{margin:0 0 4px;font-size:20px}
.meta{color:#5b6475}.overall{font-weight:700;font-size:18px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) minmax(360px,40%);gap:16px;padding:16px 24px}
.doc{background:#fff;border:1px solid #dde1e7;border-radius:6px;padding:16px;white-space:pre-wrap;word-break:break-word;font-family:ui-monospace,"SFMono-Regular",Menlo,monospace;font-size:13px;max-height:calc(100vh - 120px);overflow:auto;position:sticky;top:8px}
.side{max-height:calc(100vh - 120px);overflow:auto}
mark{border-radius:2px;cursor:pointer;padding:0 1px}
mark.k-trap{background:#ffd2d2}mark.k-exclusion{background:#e7d7ff}mark.k-vague{background:#ffecb3}
mark.k-strength{background:#d4f5dc}mark.k-missing{background:#e3e6ea}mark.k-commitment{background:#dcebff}
mark.flash,.finding.flash{outline:3px solid #ff8a00}
section.topic{margin-bottom:16px}section.topic h2{font-size:15px;margin:0 0 8px;display:flex;justify-content:space-between}
.finding{background:#fff;border:1px solid #dde1e7;border-left:5px solid #9aa3b2;border-radius:6px;padding:10px 12px;margin-bottom:8px;cursor:pointer}
.finding.k-trap{border-left-color:#e53935}.finding.k-exclusion{border-left-color:#7e57c2}.finding.k-vague{border-left-color:#f9a825}
.finding.k-strength{border-left-color:#43a047}.finding.k-missing{border-left-color:#78909c}
.finding h3{font-size:14px;margin:0 0 4px}.finding .id{font-family:ui-monospace,monospace;color:#5b6475;font-size:12px}
.sev{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;margin-right:6px;color:#fff}
.sev-high{background:#c62828}.sev-medium{background:#ef6c00}.sev-low{background:#607d8b}.sev-info{background:#2e7d32}
.ask,.clause{margin:6px 0 0}.ask b,.clause b{display:block;font-size:12px;color:#5b6475}
.clause span{display:block;background:#f3f6fa;border-radius:4px;padding:6px 8px}
.ev a{font-size:12px;margin-right:8px}.none{color:#8a93a3;font-size:12px}
table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0}td,th{border:1px solid #dde1e7;padding:4px 8px;text-align:left;vertical-align:top}
details{margin:0 24px 16px}summary{cursor:pointer;font-weight:600;padding:6px 0}
.legend mark{margin-right:6px}
@media (max-width:900px){.layout{grid-template-columns:1fr}.doc{position:static;max-height:none}}
`;

export const pageScript = `
(function(){
  function flash(el){el.classList.add("flash");setTimeout(function(){el.classList.remove("flash")},1600)}
  function go(id){var el=document.getElementById(id);if(!el)return;el.scrollIntoView({behavior:"smooth",block:"center"});
    var next=el.nextElementSibling;flash(next&&next.tagName==="MARK"?next:el)}
  document.addEventListener("click",function(e){
    var link=e.target.closest("a[data-go]");if(link){e.preventDefault();go(link.getAttribute("data-go"));return}
    var mark=e.target.closest("mark[data-target]");if(mark){var f=document.getElementById(mark.getAttribute("data-target"));
      if(f){if(f.tagName==="DETAILS")f.open=true;f.scrollIntoView({behavior:"smooth",block:"center"});flash(f)}return}
    var card=e.target.closest(".finding[data-first]");if(card&&!e.target.closest("a")){go(card.getAttribute("data-first"))}
  });
})();
`;
