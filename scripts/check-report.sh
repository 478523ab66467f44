#!/usr/bin/env bash
# Opens the generated Allure report in headless Chromium and checks that every claim of
# reports/summary.json appears with its verdict: on the Overview page (the Environment widget's
# first entry, "claims  C1 REPRODUCED · C2 ...") and, when it recorded cases, as a feature on the Behaviors page
# (claims whose every case was skipped carry no feature label). Also saves a screenshot
# of the Overview page next to the report. Installs Debian's chromium when no browser is found.
#
#   scripts/check-report.sh [REPORTS_DIR]      (default: reports; run after mvn -B verify)
#
# Exit status: 0 all claims found with their verdicts, 1 something missing, 2 no report to check.
set -euo pipefail

reports="${1:-reports}"
report="$reports/allure-report"
summary="$reports/summary.json"
if [ ! -f "$report/index.html" ] || [ ! -f "$summary" ]; then
  echo "check-report: $report/index.html or $summary is missing: run 'mvn -B verify' first" >&2
  exit 2
fi

browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [ -z "$browser" ]; then
  echo "check-report: no Chromium found, installing Debian's chromium package" >&2
  sudo_cmd=""
  if [ "$(id -u)" != 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
  browser="$(command -v chromium)"
fi

# Allure's page loads its data with XHR, which browsers refuse for file:// URLs: serve it locally.
port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')"
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$report" >/dev/null 2>&1 &
server=$!
work="$(mktemp -d)"
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 50); do
  if python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html', timeout=1)" 2>/dev/null; then break; fi
  sleep 0.2
done

chrome() {
  timeout 120 "$browser" --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --hide-scrollbars \
    --virtual-time-budget=20000 --window-size=1400,1800 "$@" 2>/dev/null
}
chrome --dump-dom "http://127.0.0.1:$port/index.html#" > "$work/overview.html"
chrome --dump-dom "http://127.0.0.1:$port/index.html#behaviors" > "$work/behaviors.html"
chrome --screenshot="$reports/allure-report-overview.png" "http://127.0.0.1:$port/index.html#" >/dev/null || true

python3 - "$summary" "$work/overview.html" "$work/behaviors.html" <<'PY'
import html, json, re, sys

summary = json.load(open(sys.argv[1], encoding="utf-8"))

def text(path):
    raw = open(path, encoding="utf-8", errors="replace").read()
    raw = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", raw)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", raw)))

overview, behaviors = text(sys.argv[2]), text(sys.argv[3])
m = re.search(r"\bclaims\s+(C\d.*?)\s+summary\.status", overview)
if not m:
    print("check-report: the Overview page shows no claim (did the page render? %d characters)" % len(overview))
    sys.exit(1)
missing = []
for c in summary["claims"]:
    cid, verdict, claim = c["id"], c["verdict"], c["claim"]
    if not re.search(r"(^|· )" + re.escape(cid + " " + verdict) + r"( ·|$)", m.group(1)):
        missing.append("%s: verdict %s not on the Overview page" % (cid, verdict))
    elif c["cases"] and (cid + ": " + claim) not in behaviors:
        missing.append("%s: feature '%s: %s' not on the Behaviors page" % (cid, cid, claim))
    else:
        print("check-report: %-4s %-12s %s" % (cid, verdict, claim))
for line in missing:
    print("check-report: MISSING " + line)
print("check-report: summary status %s; %d of %d claims shown with their verdicts"
      % (summary["status"], len(summary["claims"]) - len(missing), len(summary["claims"])))
sys.exit(1 if missing else 0)
PY
