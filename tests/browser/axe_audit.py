"""The axe-core audit of the browser tests: axe from npm (``.ci/run`` installs it into
``.ci/npm``), injected into the page; :func:`audit` runs it on the kit's outputs (failing on
a serious or critical violation) and on JupyterLab's own interface (reported only).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from browser_pages import REPO

if TYPE_CHECKING:
    from lab_session import Session
    from playwright.sync_api import Page


#: axe-core from npm, installed into .ci/npm by .ci/run (``npm install --prefix .ci/npm``);
#: injected into the page from this file (never from a CDN).
AXE_VERSION = "4.14.1"
AXE_PREFIX = REPO / ".ci" / "npm"
AXE_JS = AXE_PREFIX / "node_modules" / "axe-core" / "axe.min.js"
#: Impacts that fail a test when found in the kit's own output; the rest are reported.
FAILING_IMPACTS = ("serious", "critical")
IMPACTS = ("critical", "serious", "moderate", "minor")
#: Where the kit's HTML is on a notebook page: the outputs of cells (its widgets, tables,
#: feedback and charts). Everything else is JupyterLab's own interface.
KIT_OUTPUTS = ".jp-OutputArea-output"

# Run in the page: axe.run on a context; each violation with its impact and failing nodes.
JS_AXE_RUN = """async (context) => {
  const result = await axe.run(context, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact || 'minor', help: v.help,
    nodes: v.nodes.map((n) => n.target.join(' ')),
    html: v.nodes.slice(0, 2).map((n) => n.html.slice(0, 160)),
  }));
}"""


@dataclass
class AxeResult:
    """One axe run: where, on what scope, and the violations found."""

    where: str
    scope: str  # "kit" or "lab"
    violations: list[dict[str, Any]]

    def counts(self) -> dict[str, int]:
        """Failing elements by impact (one violation can fail several elements)."""
        found = dict.fromkeys(IMPACTS, 0)
        for violation in self.violations:
            found[violation["impact"]] = found.get(violation["impact"], 0) + len(violation["nodes"])
        return found

    def failing(self) -> list[dict[str, Any]]:
        return [v for v in self.violations if v["impact"] in FAILING_IMPACTS]

    def record(self) -> dict[str, Any]:
        """What the terminal summary adds up (sent as a user property, so xdist carries it)."""
        rules: dict[str, int] = {}
        for violation in self.violations:
            key = f"{violation['id']} ({violation['impact']})"
            rules[key] = rules.get(key, 0) + len(violation["nodes"])
        return {"where": self.where, "scope": self.scope, "counts": self.counts(), "rules": rules}

    def summary(self) -> str:
        counts = ", ".join(f"{n} {impact}" for impact, n in self.counts().items() if n)
        return f"axe {self.scope} on {self.where}: {counts or 'no violations'}"


def run_axe(page: Page, where: str, scope: str, context: dict[str, Any]) -> AxeResult:
    """Inject axe-core (once per page) from the local file and run it on ``context``."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE_JS))
    return AxeResult(where, scope, page.evaluate(JS_AXE_RUN, context))


def audit(
    session: Session, where: str, kit: list[str] | None, *, lab: bool = True
) -> list[AxeResult]:
    """axe on the kit's HTML (the selectors in ``kit``; None: the whole page is the kit's)
    and, with ``lab``, on the rest of the page (JupyterLab's interface): reported, and the
    kit's serious or critical violations added to the session's problems."""
    if not AXE_JS.is_file():
        session.report.append(f"axe audit skipped: {AXE_JS} is missing (see test_axe_is_installed)")
        return []
    page = session.page
    if kit is None:
        results = [run_axe(page, where, "kit", {"include": [["html"]]})]
    else:
        results = [run_axe(page, where, "kit", {"include": [[s] for s in kit]})]
        if lab:
            outputs = {"exclude": [[KIT_OUTPUTS], *([s] for s in kit)]}
            results.append(run_axe(page, where, "lab", outputs))
    for result in results:
        session.report.append(result.summary())
        session.audits.append(result.record())
        if result.scope == "kit":
            for violation in result.failing():
                session.problems.append(
                    f"axe {violation['impact']} {violation['id']} ({violation['help']}) in "
                    f"{where}: {len(violation['nodes'])} element(s), e.g. {violation['nodes'][:3]} "
                    f"{violation['html'][:1]}"
                )
    return results
