#!/usr/bin/env python3
"""Respite catalogue over HTTP: CSV import throughput and search latency (p50/p95) against a running distribution.

Usage: benchmarks/respite-http.py [base-url] [offerings] [--search-only] [--json FILE]
(default http://localhost:8181/api/v1 and 100000; --search-only skips the import, for a second run on the same data;
--json writes the figures to FILE, as benchmarks/run.sh uses it)
Needs the module installed and enabled for GM0363 (README). Imports synthetic offerings in files of 2,000 rows
as beheerder-amsterdam, then runs a warm-up and 400 measured searches (prefixes as typed, filters, distance) as
consulent-amsterdam on one keep-alive connection; the baseline is 400 GETs of /health (liveness: no login, no
database) on the same connection, measured in the same run.
"""
import base64, http.client, random, statistics, sys, time, urllib.parse

argv = [a for a in sys.argv[1:] if not a.startswith("--")]
json_out = sys.argv[sys.argv.index("--json") + 1] if "--json" in sys.argv else None
if json_out in argv:
    argv.remove(json_out)
base = argv[0] if len(argv) > 0 else "http://localhost:8181/api/v1"
n = int(argv[1]) if len(argv) > 1 else 100000
u = urllib.parse.urlparse(base)
WORDS = ["zorg", "dagopvang", "logeerhuis", "dementie", "ontmoeting", "tuin", "muziek", "wandelen", "koken", "rust",
         "vrijwilliger", "buurthuis", "zorgboerderij", "vakantie", "nacht", "oppas", "kinderen", "jongeren",
         "ouderen", "hersenletsel", "autisme", "creatief", "sport", "natuur", "samen"]
KINDS = ["dagopvang", "dagactiviteiten", "oppas-thuis", "logeerzorg", "nachtzorg", "respijtvakantie",
         "vrijwillige-respijtzorg", "overig"]
GROUPS = ["dementie", "lichamelijke-beperking", "verstandelijke-beperking", "psychische-aandoening",
          "niet-aangeboren-hersenletsel", "autisme", "chronische-ziekte", "terminale-zorg", "kinderen",
          "jonge-mantelzorgers", "ouderen"]
FIN = ["wmo-met-beschikking", "wmo-zonder-beschikking", "wlz", "zvw-basisverzekering", "aanvullende-verzekering",
       "jeugdwet", "pgb", "eigen-betaling", "gratis"]
rnd = random.Random(42)
conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=120)


def call(user, method, path, body=None, ctype=None):
    h = {"Authorization": "Basic " + base64.b64encode((user + ":demo").encode()).decode()}
    if ctype:
        h["Content-Type"] = ctype
    conn.request(method, u.path + path, body=body.encode() if body else None, headers=h)
    r = conn.getresponse()
    return r.status, r.read()


header = "externId;titel;omschrijving;soort;zorgplek;uitvoering;doelgroepen;financiering;aanbieder.naam;" \
         "aanbieder.contactpersoon.naam;locatie.lat;locatie.lon;werkgebied.postcodes;talen"
search_only = "--search-only" in sys.argv
rows_done, t_import = 0, 0.0
while rows_done < n and not search_only:
    lines = [header]
    for i in range(rows_done, min(n, rows_done + 2000)):
        home = rnd.random() < 0.25
        desc = " ".join(rnd.choice(WORDS) for _ in range(30))
        lines.append(";".join([f"http-{i}", f"{rnd.choice(WORDS).capitalize()} {rnd.choice(WORDS)} {i}", desc,
                               rnd.choice(KINDS), "thuis" if home else "locatie",
                               rnd.choice(["professioneel", "vrijwillig"]),
                               rnd.choice(GROUPS) + "|" + rnd.choice(GROUPS), rnd.choice(FIN), f"Aanbieder {i % 5000}",
                               "Contact Persoon", "" if home else f"{51.8 + rnd.random():.5f}",
                               "" if home else f"{4.5 + rnd.random():.5f}", str(1000 + rnd.randrange(8999)) if home else "",
                               "nl|en" if rnd.random() < 0.2 else "nl"]))
    t = time.perf_counter()
    status, body = call("beheerder-amsterdam", "POST", "/gemeenten/GM0363/respijtaanbod/importen",
                        "\n".join(lines) + "\n", "text/csv")
    t_import += time.perf_counter() - t
    assert status == 200, (status, body[:300])
    rows_done = min(n, rows_done + 2000)
if not search_only:
    print(f"import over HTTP: {rows_done} rows in {t_import:.1f} s = {rows_done / t_import:.0f} rows/s (files of 2,000 rows)")

t = time.perf_counter()
status, _ = call("consulent-amsterdam", "GET", "/gemeenten/GM0363/respijtaanbod?zoekterm=zorg")
print("load average", open("/proc/loadavg").read().split()[:3])
first_ms = (time.perf_counter() - t) * 1000
print(f"first search (index build after the import): {first_ms:.0f} ms, status {status}")


def query():
    w = rnd.choice(WORDS)
    typed = w[:min(len(w), 2 + rnd.randrange(6))]
    q = {"zoekterm": typed if rnd.random() < 0.5 else rnd.choice(WORDS) + " " + typed, "lat": "52.2", "lon": "5.0"}
    if rnd.random() < 0.33:
        q["soort"] = rnd.choice(KINDS)
    if rnd.random() < 0.5:
        q["doelgroep"] = rnd.choice(GROUPS)
    if rnd.random() < 0.5:
        q["maxAfstandKm"] = "25"
    if rnd.random() < 0.5:
        q["sortering"] = "afstand"
    return "/gemeenten/GM0363/respijtaanbod?" + urllib.parse.urlencode(q)


for _ in range(300):
    call("consulent-amsterdam", "GET", query())
times = []
for _ in range(400):
    p = query()
    t = time.perf_counter()
    status, _ = call("consulent-amsterdam", "GET", p)
    times.append((time.perf_counter() - t) * 1000)
    assert status == 200, status
times.sort()
baseline = []
for i in range(500):
    t = time.perf_counter()
    status, _ = call("consulent-amsterdam", "GET", "/health")
    if i >= 100:
        baseline.append((time.perf_counter() - t) * 1000)
    assert status == 200, status
baseline.sort()
print(f"baseline GET /health (400 after 100 warm-up): p50 {statistics.median(baseline):.1f} ms,"
      f" p95 {baseline[int(len(baseline) * 0.95)]:.1f} ms")
print(f"search over HTTP ({n} offerings, 400 queries after 300 warm-up): p50 {statistics.median(times):.1f} ms,"
      f" p95 {times[int(len(times) * 0.95)]:.1f} ms, max {times[-1]:.1f} ms")
if json_out:
    import json
    with open(json_out, "w") as f:
        json.dump({"offerings": n, "importRowsPerSecond": round(rows_done / t_import) if t_import else None,
                   "firstSearchMs": round(first_ms), "searchP50ms": round(statistics.median(times), 1),
                   "searchP95ms": round(times[int(len(times) * 0.95)], 1), "searchMaxMs": round(times[-1], 1),
                   "baselineP50ms": round(statistics.median(baseline), 1),
                   "baselineP95ms": round(baseline[int(len(baseline) * 0.95)], 1),
                   "baselineMaxMs": round(baseline[-1], 1)}, f)
