"""Measures the employers module over HTTP against a running distribution (one client, keep-alive).

Usage: python3 bench.py <http-port> [employers]   (default 1000)
Needs: the distribution running with mantelkring-employers installed and enabled for GM0363, demo users, and an
empty employers table for GM0363 (KvK numbers 70000000 + i are created). Creates the employers and one recognition
each, then times searches, reads, the tenant-wide expiring list, two reports (JSON and CSV) and the calculator.
"""
import base64, http.client, json, statistics, sys, time, random
PORT = int(sys.argv[1]); N = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
AUTH = {"Authorization": "Basic " + base64.b64encode(b"consulent-amsterdam:demo").decode()}
c = http.client.HTTPConnection("localhost", PORT)
def call(method, path, body=None, accept="application/json"):
    h = dict(AUTH); h["Accept"] = accept
    if body is not None: h["Content-Type"] = "application/json"
    t = time.perf_counter()
    c.request(method, "/api/v1/gemeenten/GM0363" + path, body=None if body is None else json.dumps(body), headers=h)
    r = c.getresponse(); data = r.read()
    return r.status, (time.perf_counter() - t) * 1000, data
def stats(name, ms):
    ms = sorted(ms)
    print(f"{name}: n={len(ms)} p50={statistics.median(ms):.1f} ms p95={ms[int(len(ms)*0.95)-1]:.1f} ms max={ms[-1]:.1f} ms")
sectors = ["zorg-en-welzijn", "onderwijs", "overheid", "bouw", "handel", "ict"]
ms = []; ids = []
for i in range(N):
    s, t, d = call("POST", "/werkgevers", {"naam": f"Bench {i:05d} BV", "kvkNummer": f"{70000000 + i}", "sector": sectors[i % 6],
        "grootteklasse": "klein", "contactpersoon": {"naam": "Bench Contact", "email": "bench@example.nl"}})
    assert s == 201, (s, d); ms.append(t); ids.append(json.loads(d)["id"])
stats("POST /werkgevers", ms)
crit = {k: {"voldaan": True, "onderbouwing": "x"} for k in ("bespreekbaarheid", "verlofregelingen", "maatwerk")}
ms = []
for i, e in enumerate(ids):
    s, t, d = call("POST", f"/werkgevers/{e}/erkenningen", {"status": "erkend", "geinteresseerdOp": "2024-01-01", "erkendOp": f"2024-{1 + i % 12:02d}-15", "criteria": crit})
    assert s == 201, (s, d); ms.append(t)
stats("POST /werkgevers/{id}/erkenningen", ms)
for name, path, accept in [("GET /werkgevers?naam=bench 001&paginaGrootte=100", "/werkgevers?naam=bench%20001&paginaGrootte=100", "application/json"),
                           ("GET /werkgevers/{id}", None, "application/json"),
                           ("GET /erkenningen?verlooptBinnenDagen=365", "/erkenningen?verlooptBinnenDagen=365&paginaGrootte=100", "application/json"),
                           ("GET rapport werkgevers-per-status-en-sector", "/werkgeversrapportages/werkgevers-per-status-en-sector", "application/json"),
                           ("GET rapport verlopende-erkenningen CSV (365 d)", "/werkgeversrapportages/verlopende-erkenningen?binnenDagen=365", "text/csv")]:
    ms = []
    for j in range(100):
        p = path or f"/werkgevers/{random.choice(ids)}"
        s, t, d = call("GET", p, accept=accept); assert s == 200, (s, d[:300]); ms.append(t)
    stats(name + f" ({len(d)} bytes)", ms)
ms = []
for j in range(500):
    s, t, d = call("POST", "/zorgverlofberekeningen", {"arbeidsduurPerWeek": 24 + j % 16, "uurloon": 20, "eersteVerlofdag": "2026-05-11", "aanvraagdatum": "2026-05-01"})
    assert s == 200, d; ms.append(t)
stats("POST /zorgverlofberekeningen", ms)
