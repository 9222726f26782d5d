(function () {
  "use strict";
  var panel = document.getElementById("soegning");
  var box = document.getElementById("soeg");
  var count = document.getElementById("antal");
  if (!panel || !box || !count) { return; }
  var packs = Array.prototype.slice.call(document.querySelectorAll("article[data-soeg]"));
  var noun = panel.getAttribute("data-flertal") || "";
  function fold(text) {
    var folded = String(text).toLowerCase()
      .replace(/\u00e6/g, "ae").replace(/\u00f8/g, "oe").replace(/\u00e5/g, "aa");
    if (folded.normalize) { folded = folded.normalize("NFD").replace(/[\u0300-\u036f]/g, ""); }
    return folded;
  }
  var haystacks = packs.map(function (pack) { return fold(pack.getAttribute("data-soeg")); });
  function update() {
    var words = fold(box.value).split(/\s+/).filter(function (word) { return word.length > 0; });
    var shown = 0;
    packs.forEach(function (pack, index) {
      var match = words.every(function (word) { return haystacks[index].indexOf(word) !== -1; });
      pack.hidden = !match;
      if (match) { shown += 1; }
    });
    var text = "Viser " + shown + " af " + packs.length + " " + noun;
    if (shown === 0) { text += ". Pr\u00f8v et andet navn."; }
    count.textContent = text;
  }
  box.addEventListener("input", update);
  panel.hidden = false;
  update();
})();
