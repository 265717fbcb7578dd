"""Filters by association and by status: two selects and a small inline script.

Rows and blocks carry ``data-association`` and ``data-status``; the script
hides what does not match (the ``hidden`` attribute), and a table or report
block whose rows are all hidden. It needs nothing from the network.
"""

from __future__ import annotations

from html import escape

from finsam_warehouse.reconciliation.report.vocabulary import label
from finsam_warehouse.reconciliation.rows import STATUSES

FILTER_SCRIPT = """
(function () {
  var byAssociation = document.getElementById("filter-association");
  var byStatus = document.getElementById("filter-status");
  var shown = document.getElementById("filter-shown");
  function apply() {
    var association = byAssociation.value, status = byStatus.value, rows = 0, visible = 0;
    document.querySelectorAll("[data-association], [data-status]").forEach(function (el) {
      var a = el.getAttribute("data-association"), s = el.getAttribute("data-status");
      el.hidden = Boolean((association && a !== null && a !== association) ||
                          (status && s !== null && s !== status));
      if (el.tagName === "TR") { rows += 1; if (!el.hidden) { visible += 1; } }
    });
    document.querySelectorAll("table").forEach(function (table) {
      if (table.querySelector("tbody tr[data-status]")) {
        table.hidden = !table.querySelector("tbody tr[data-status]:not([hidden])");
      }
    });
    document.querySelectorAll("section.report-block").forEach(function (block) {
      if (!block.hidden && block.querySelector("tbody tr") &&
          !block.querySelector("tbody tr:not([hidden])")) { block.hidden = true; }
    });
    shown.textContent = visible + " of " + rows + " rows shown";
  }
  byAssociation.addEventListener("change", apply);
  byStatus.addEventListener("change", apply);
  apply();
})();
"""


def _options(choices: dict[str, str], everything: str) -> str:
    options = [f'<option value="">{escape(everything)}</option>']
    options += [f'<option value="{escape(value)}">{escape(text)}</option>' for value, text in choices.items()]
    return "".join(options)


def filter_bar(associations: dict[str, str]) -> str:
    """The two selects; ``associations`` maps id to name."""
    by_name = dict(sorted(associations.items(), key=lambda item: item[1]))
    statuses = {status: label("status", status) for status in STATUSES}
    return (
        '<form class="filters" onsubmit="return false">'
        f'<label>Association <select id="filter-association">{_options(by_name, "all associations")}</select></label> '
        f'<label>Status <select id="filter-status">{_options(statuses, "all statuses")}</select></label> '
        '<span id="filter-shown" class="note"></span></form>'
    )
