import base64, http.client, random, statistics, sys, time, json
host, port = "localhost", int(sys.argv[1]) if len(sys.argv) > 1 else 8181
n = int(sys.argv[2]) if len(sys.argv) > 2 else 300
auth = "Basic " + base64.b64encode(b"consulent-amsterdam:demo").decode()
c = http.client.HTTPConnection(host, port)
names = ["anna", "bram", "jansen", "de vries", "mulder", "fatima", "van leeuwen", "sanne", "dijkstra", "noor"]
def q(path):
    t = time.perf_counter()
    c.request("GET", "/api/v1/gemeenten/GM0363/mantelzorgers" + path, headers={"Authorization": auth})
    r = c.getresponse(); body = r.read()
    assert r.status == 200, (r.status, body[:200])
    return (time.perf_counter() - t) * 1000, json.loads(body)["paginering"]["totaal"]
kinds = {
  "list (newest first, no filter)": lambda: "",
  "name contains (typing)": lambda: "?naam=" + random.choice(names)[: random.randint(3, 8)].replace(" ", "%20"),
  "postcode area (4 digits)": lambda: "?postcode=%d" % random.randint(1000, 9999),
  "postcode area (2 digits)": lambda: "?postcode=%d" % random.randint(10, 99),
  "young caregivers": lambda: "?jongeMantelzorger=true",
  "working + name": lambda: "?werkend=true&naam=" + random.choice(names).replace(" ", "%20"),
  "registered on a date range": lambda: "?geregistreerdVanaf=2026-01-01&geregistreerdTot=2026-12-31&sorteer=naam",
}
for _ in range(20):
    q("?naam=anna")
print("| query | n | p50 ms | p95 ms | matches (last) |")
print("| --- | --- | --- | --- | --- |")
for name, f in kinds.items():
    ts = []; m = 0
    for _ in range(n):
        t, m = q(f())
        ts.append(t)
    ts.sort()
    print("| %s | %d | %.1f | %.1f | %d |" % (name, n, ts[len(ts)//2], ts[int(len(ts)*0.95)], m))
