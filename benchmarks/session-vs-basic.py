#!/usr/bin/env python3
"""Cost of a request with a back-office session vs HTTP Basic (issue 17): the same endpoint (GET /api/v1/gemeenten as
consulent-amsterdam) on the same running node in the same run, in interleaved rounds (basic, session, basic, ...) of
THREADS keep-alive clients for SECONDS each, after a 15 s warm-up of each. Python standard library only (no wrk).
  PORT=8181 THREADS=4 SECONDS=10 ROUNDS=4 python3 benchmarks/session-vs-basic.py"""
import base64, http.client, json, os, statistics, threading, time

PORT = int(os.environ.get("PORT", "8181"))
PATH = "/api/v1/gemeenten"
THREADS = int(os.environ.get("THREADS", "4"))
SECONDS = float(os.environ.get("SECONDS", "10"))
ROUNDS = int(os.environ.get("ROUNDS", "3"))
USER = "consulent-amsterdam"

def sign_in():
    c = http.client.HTTPConnection("127.0.0.1", PORT)
    c.request("POST", "/api/v1/sessies", json.dumps({"gebruikersnaam": USER, "wachtwoord": "demo"}),
              {"Content-Type": "application/json"})
    r = c.getresponse(); r.read()
    assert r.status == 201, r.status
    return r.getheader("Set-Cookie").split(";")[0]

def run(headers, seconds):
    lat, errors = [], [0]
    stop = time.monotonic() + seconds
    def worker():
        c = http.client.HTTPConnection("127.0.0.1", PORT)
        mine = []
        while time.monotonic() < stop:
            t = time.perf_counter()
            c.request("GET", PATH, headers=headers)
            r = c.getresponse(); r.read()
            mine.append(time.perf_counter() - t)
            if r.status != 200:
                errors[0] += 1
        lat.extend(mine)
    ts = [threading.Thread(target=worker) for _ in range(THREADS)]
    start = time.monotonic()
    [t.start() for t in ts]; [t.join() for t in ts]
    elapsed = time.monotonic() - start
    lat.sort()
    return {"requests": len(lat), "rps": len(lat) / elapsed, "median_ms": statistics.median(lat) * 1000,
            "p99_ms": lat[int(len(lat) * 0.99)] * 1000, "errors": errors[0]}

basic = {"Authorization": "Basic " + base64.b64encode(f"{USER}:demo".encode()).decode()}
session = {"Cookie": sign_in()}
print("load average before:", open("/proc/loadavg").read().strip())
for name, h in (("basic", basic), ("session", session)):
    run(h, 15)  # warm-up (JIT)
results = {"basic": [], "session": []}
for i in range(ROUNDS):
    for name, h in (("basic", basic), ("session", session)):
        r = run(h, SECONDS)
        results[name].append(r)
        print(f"round {i + 1} {name:8s} {r['rps']:7.0f} req/s  median {r['median_ms']:.2f} ms  p99 {r['p99_ms']:.2f} ms  errors {r['errors']}", flush=True)
print("load average after:", open("/proc/loadavg").read().strip())
for name in results:
    rs = results[name]
    print(f"{name:8s} mean {statistics.mean(r['rps'] for r in rs):7.0f} req/s, median latency {statistics.median(r['median_ms'] for r in rs):.2f} ms, p99 {statistics.median(r['p99_ms'] for r in rs):.2f} ms")
