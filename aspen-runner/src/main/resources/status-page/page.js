"use strict";
(() => {
  const tokenRequired = document.body.dataset.tokenRequired === "true";
  const table = document.getElementById("apps");
  const live = document.getElementById("live");
  const tokenForm = document.getElementById("token-form");
  const tokenInput = document.getElementById("token");
  const runNow = document.getElementById("run-now");
  const forget = document.getElementById("forget-token");
  const filterForm = document.getElementById("filter");
  const symbols = {DEPLOYED: "\u2714", UNCHANGED: "\u2713", CHANGED: "\u2191", ADOPTED: "\u2295", FAILED: "\u2716",
    BLOCKED: "\u2298", DRIFTED: "\u2248", HELD: "\u2016"};
  let passes = JSON.parse(document.getElementById("passes-data").textContent);
  let pending = null;

  const time = iso => iso.replace("T", " ").replace(/\.\d+/, "").replace(/Z$/, "Z");
  const say = text => { live.textContent = text; };
  const token = () => sessionStorage.getItem("aspen-token");
  const el = (name, cls, text) => {
    const e = document.createElement(name);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };

  function tag(ref) {
    const at = ref.indexOf("@");
    const name = at >= 0 ? ref.slice(0, at) : ref;
    const colon = name.lastIndexOf(":");
    return colon > name.lastIndexOf("/") ? name.slice(colon + 1) : at >= 0 ? "" : "latest";
  }

  function fill(td, r) {
    td.textContent = "";
    td.dataset.status = r.status;
    const st = el("span", "st st-" + r.status);
    const sym = el("span", "", symbols[r.status] || "\u2013");
    sym.setAttribute("aria-hidden", "true");
    st.append(sym, " " + r.status);
    td.append(st);
    const images = Object.entries(r.images || {});
    const versions = images.map(([service, ref]) => images.length === 1 ? tag(ref) : service + " " + tag(ref));
    if (versions.join("")) td.append(" ", el("span", "ver", versions.join(", ")));
    const digests = images.map(([, ref]) => ref.indexOf("@") >= 0 ? ref.slice(ref.indexOf("@") + 1) : null).filter(d => d);
    if (images.length && digests.length === 1) {
      const code = el("code", "dg", digests[0].replace(/^sha256:/, "").slice(0, 12));
      code.title = digests[0];
      td.append(" ", code);
    }
    if (r.deployedAt) {
      const dep = el("span", "dep", "deployed " + time(r.deployedAt));
      const rev = r.deployedRevision || "";
      if (rev) {
        const shown = rev.slice(0, 12);
        const base = document.body.dataset.commitUrl;
        if (base && /^[0-9a-f]{7,64}$/.test(rev)) {
          const a = el("a", "", shown);
          a.href = base + rev;
          dep.append(" from ", a);
        } else {
          dep.append(" from " + shown);
        }
      }
      td.append(" ", dep);
    }
    let when = "";
    if (r.status === "BLOCKED" && r.since) when = "since " + time(r.since);
    if (r.status === "HELD") when = "held by " + (r.heldBy || "another runner") + (r.since ? " since " + time(r.since) : "");
    if (when) td.append(" ", el("span", "when", when));
    if (r.reason) td.append(" ", el("span", "why", (r.step ? r.step + ": " : "") + r.reason));
    if (r.status === "BLOCKED") {
      const b = el("button", "retry", "Retry");
      b.type = "button";
      td.append(" ", b);
    }
  }

  function row(app, path) {
    const found = [...table.tBodies[0].rows].find(tr => tr.dataset.app === app);
    if (found) return found;
    const tr = document.createElement("tr");
    const parts = path.split("/");
    tr.dataset.app = app;
    tr.dataset.team = parts.length > 3 ? parts.slice(0, -3).join("/") : "";
    const th = el("th", "", app);
    th.scope = "row";
    tr.append(th, el("td", "", tr.dataset.team));
    for (const head of table.tHead.rows[0].querySelectorAll("th[data-cluster]")) {
      const td = el("td", "cell");
      td.dataset.cluster = head.dataset.cluster;
      td.dataset.status = "";
      td.append(el("span", "none", "not here"));
      tr.append(td);
    }
    table.tBodies[0].append(tr);
    const empty = document.getElementById("empty");
    if (empty) empty.remove();
    return tr;
  }

  function column(cluster) {
    const head = table.tHead.rows[0];
    if ([...head.cells].some(c => c.dataset.cluster === cluster)) return;
    const th = el("th", "", cluster);
    th.scope = "col";
    th.dataset.cluster = cluster;
    head.append(th);
    for (const tr of table.tBodies[0].rows) {
      const td = el("td", "cell");
      td.dataset.cluster = cluster;
      td.dataset.status = "";
      td.append(el("span", "none", "not here"));
      tr.append(td);
    }
    const option = el("option", "", cluster);
    option.value = cluster;
    filterForm.cluster.append(option);
  }

  function showResult(r) {
    column(r.cluster);
    const td = [...row(r.application, r.path).cells].find(c => c.dataset.cluster === r.cluster);
    fill(td, r);
    table.caption.textContent = table.tBodies[0].rows.length + " apps on "
      + table.tHead.rows[0].querySelectorAll("th[data-cluster]").length + " clusters";
    enableButtons();
    applyFilter();
  }

  function drawTimeline() {
    const svg = document.getElementById("timeline");
    const ns = "http://www.w3.org/2000/svg";
    const width = 600, height = 48, kept = 30, slot = width / kept;
    passes = passes.slice(-kept);
    const longest = Math.max(1, ...passes.map(p => p.seconds * 1000));
    svg.textContent = "";
    passes.forEach((p, i) => {
      const h = Math.max(3, (height - 2) * p.seconds * 1000 / longest);
      const rect = document.createElementNS(ns, "rect");
      rect.setAttribute("class", p.crashed ? "crashed" : p.failed > 0 ? "failed" : p.changed > 0 ? "changed" : "quiet");
      [["x", i * slot + 1], ["y", height - h], ["width", slot - 2], ["height", h]].forEach(([k, v]) => rect.setAttribute(k, v.toFixed(1)));
      const title = document.createElementNS(ns, "title");
      title.textContent = p.crashed ? time(p.startedAt) + ": the pass failed as a whole"
        : time(p.startedAt) + ": " + p.seconds.toFixed(1) + " s, " + p.apps + " apps, " + p.changed + " changed, " + p.failed + " failed";
      rect.append(title);
      svg.append(rect);
    });
  }

  async function refreshHealth() {
    try {
      const h = await (await fetch("/healthz", {cache: "no-store"})).json();
      const health = document.getElementById("health");
      health.textContent = h.status;
      health.className = "health-" + h.status;
      document.getElementById("loop").textContent = h.state;
    } catch (e) { /* the next event tries again */ }
  }

  async function resync() {
    try {
      const doc = await (await fetch("/api/v1/applications", {cache: "no-store"})).json();
      (doc.results || []).forEach(showResult);
    } catch (e) { /* the stream's next reconnect tries again */ }
  }

  function applyFilter() {
    const text = filterForm.q.value.trim().toLowerCase();
    const cluster = filterForm.cluster.value;
    const status = filterForm.status.value;
    table.querySelectorAll("th[data-cluster], td[data-cluster]").forEach(c => { c.hidden = cluster !== "" && c.dataset.cluster !== cluster; });
    for (const tr of table.tBodies[0].rows) {
      const named = !text || tr.dataset.app.toLowerCase().includes(text) || tr.dataset.team.toLowerCase().includes(text);
      const cells = [...tr.querySelectorAll("td[data-cluster]")].filter(c => !c.hidden && c.dataset.status);
      tr.hidden = !(named && cells.some(c => !status || c.dataset.status === status));
    }
    const query = new URLSearchParams();
    if (text) query.set("q", filterForm.q.value.trim());
    if (cluster) query.set("cluster", cluster);
    if (status) query.set("status", status);
    history.replaceState(null, "", query.toString() ? "?" + query : location.pathname);
  }

  async function act(method, path, done) {
    if (tokenRequired && !token()) {
      pending = () => act(method, path, done);
      tokenForm.hidden = false;
      tokenInput.focus();
      say("Enter the API token to do this.");
      return;
    }
    const headers = token() ? {Authorization: "Bearer " + token()} : {};
    try {
      const response = await fetch(path, {method, headers});
      const body = await response.json().catch(() => ({}));
      if (response.status === 401) {
        sessionStorage.removeItem("aspen-token");
        forget.hidden = true;
        say("The token was refused: " + (body.message || response.status));
      } else {
        say(response.ok ? done + (body.message ? ": " + body.message : "") : "Refused (" + response.status + "): " + (body.message || ""));
      }
    } catch (e) {
      say("The runner did not answer: " + e);
    }
  }

  function enableButtons() {
    table.querySelectorAll("button.retry").forEach(b => { b.hidden = false; });
  }

  tokenForm.addEventListener("submit", e => {
    e.preventDefault();
    sessionStorage.setItem("aspen-token", tokenInput.value);
    tokenInput.value = "";
    tokenForm.hidden = true;
    forget.hidden = false;
    const next = pending;
    pending = null;
    if (next) next();
  });
  forget.addEventListener("click", () => { sessionStorage.removeItem("aspen-token"); forget.hidden = true; say("Token forgotten."); });
  runNow.addEventListener("click", () => act("POST", "/api/v1/sync/trigger", "Pass asked for"));
  table.addEventListener("click", e => {
    const b = e.target.closest("button.retry");
    if (!b) return;
    const td = b.closest("td");
    const app = td.closest("tr").dataset.app;
    act("POST", "/api/v1/applications/" + encodeURIComponent(td.dataset.cluster) + "/" + encodeURIComponent(app) + "/retry",
      "Retry of " + td.dataset.cluster + "/" + app + " asked for");
  });
  filterForm.addEventListener("input", applyFilter);
  filterForm.addEventListener("submit", e => { e.preventDefault(); applyFilter(); });

  runNow.hidden = false;
  forget.hidden = !token();
  enableButtons();

  const events = new EventSource("/api/v1/events");
  events.addEventListener("open", () => { document.body.dataset.live = "true"; resync(); refreshHealth(); });
  events.addEventListener("error", () => { document.body.dataset.live = "false"; });
  events.addEventListener("app", e => showResult(JSON.parse(e.data)));
  events.addEventListener("pass", e => {
    const p = JSON.parse(e.data);
    passes.push(p);
    drawTimeline();
    document.getElementById("last-pass").textContent = p.crashed ? time(p.startedAt) + ", failed as a whole"
      : time(p.startedAt) + ", " + p.seconds.toFixed(1) + " s, revision " + (p.revision ? p.revision.slice(0, 12) : "unknown");
    refreshHealth();
  });
})();
