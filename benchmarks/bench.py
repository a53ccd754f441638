#!/usr/bin/env python3
"""Mantelkring benchmark suite (run on demand; not part of `mvn verify` or .ci/run). Entry point: benchmarks/run.sh.

Starts the real distribution (a fresh copy of karaf-assembly/target/mantelkring-<version>.tar.gz, demo data, its own
ports), measures, and records each figure with a baseline measured in the same run in benchmarks/results.json, from
which docs/performance.md is regenerated. Python standard library only; drives wrk for HTTP load.

    benchmarks/run.sh [all|api|registration|respite|startup] [options]
    benchmarks/run.sh soak [minutes] [options]

See benchmarks/README.md for what each benchmark measures and against which baseline.
"""
import argparse
import base64
import datetime
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import uuid

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
WORK = os.path.join(BENCH, "target")
RESULTS = os.path.join(BENCH, "results.json")
DOC = os.path.join(ROOT, "docs", "performance.md")
VARIANTS = (("", "H2"), ("-postgresql", "PostgreSQL"))
JVM_HEAP = "-Xms128m -Xmx1024m"
MODULES = ["registration", "respite", "employers", "appreciation"]


def basic(user, password="demo"):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


CONSULTANT = basic("consulent-amsterdam")
PLATFORM_ADMIN = basic("platformbeheerder")


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, flush=True)


def loadavg():
    return " ".join(open("/proc/loadavg").read().split()[:3])


def machine():
    mem_kb = int(re.search(r"MemTotal:\s+(\d+)", open("/proc/meminfo").read()).group(1))
    cpu = "?"
    for line in open("/proc/cpuinfo"):
        if line.startswith("model name"):
            cpu = line.split(":", 1)[1].strip()
            break
    jdk = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True)
    return {"cpus": os.cpu_count(), "cpuModel": cpu, "ramGiB": round(mem_kb / 1024 / 1024, 1),
            "jdk": jdk[1].strip() if len(jdk) > 1 else jdk[0], "os": platform.platform(),
            "wrk": (wrk.stdout + wrk.stderr).split("\n")[0].strip()}


# ------------------------------------------------------------------------------------------------ processes

def descendants(pid):
    """All descendant pids of pid (from /proc)."""
    children = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                ppid = int(open(f"/proc/{d}/stat").read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(d))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        for c in children.get(p, []):
            out.append(c)
            todo.append(c)
    return out


def rss_mib(pid):
    m = re.search(r"VmRSS:\s+(\d+) kB", open(f"/proc/{pid}/status").read())
    return round(int(m.group(1)) / 1024, 1)


def heap_used_mib(pid, gc=False):
    """Java heap in use (MiB) from jcmd GC.heap_info; with gc=True after a full collection (jcmd GC.run)."""
    if gc:
        subprocess.run(["jcmd", str(pid), "GC.run"], capture_output=True, text=True, timeout=120)
    out = subprocess.run(["jcmd", str(pid), "GC.heap_info"], capture_output=True, text=True, timeout=60).stdout
    m = re.search(r"total (\d+)K, used (\d+)K", out)
    return (round(int(m.group(2)) / 1024, 1), round(int(m.group(1)) / 1024, 1)) if m else (None, None)


def class_histogram(pid):
    """Live objects per class after a full GC (jcmd GC.class_histogram): {class: (instances, bytes)}."""
    out = subprocess.run(["jcmd", str(pid), "GC.class_histogram"], capture_output=True, text=True, timeout=300).stdout
    h = {}
    for m in re.finditer(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)", out, re.M):
        h[m.group(3)] = (int(m.group(1)), int(m.group(2)))
    return h


class Distribution:
    """A Karaf distribution unpacked/copied into benchmarks/target/<name>, on its own ports, started as a process."""

    def __init__(self, name, source, port, ready_path, ready_check=None):
        self.name, self.port, self.ready_path, self.ready_check = name, port, ready_path, ready_check
        self.dir = os.path.join(WORK, name)
        shutil.rmtree(self.dir, ignore_errors=True)
        if source.endswith(".tar.gz"):
            os.makedirs(self.dir)
            subprocess.run(["tar", "xzf", source, "-C", self.dir, "--strip-components=1"], check=True)
        else:
            shutil.copytree(source, self.dir, symlinks=True)
        self.set("etc/org.ops4j.pax.web.cfg", {"org.osgi.service.http.port": port})
        self.set("etc/org.apache.karaf.shell.cfg", {"sshPort": port + 1})
        self.set("etc/org.apache.karaf.management.cfg", {"rmiRegistryPort": port + 2, "rmiServerPort": port + 3})
        self.proc = None
        self.pid = None

    def set(self, rel, values):
        """Sets key = value lines in a .cfg file (replacing an existing line with that key)."""
        path = os.path.join(self.dir, rel)
        lines = open(path).read().splitlines() if os.path.exists(path) else []
        for k, v in values.items():
            pat = re.compile(r"\s*" + re.escape(k) + r"\s*=")
            new = f"{k} = {v}"
            hit = [i for i, line in enumerate(lines) if pat.match(line)]
            for i in hit:
                lines[i] = new
            if not hit:
                lines.append(new)
        with open(path, "w") as f:
            f.write("\n".join(lines) + "\n")

    def start(self, timeout=400):
        """Starts bin/karaf server; returns seconds from process start to readiness. The heap is set explicitly
        (JVM_HEAP): Karaf 4.4's scripts ignore JAVA_MAX_MEM/JAVA_MIN_MEM, so without it the JVM takes its default
        (a quarter of the machine's RAM)."""
        env = dict(os.environ)
        env["EXTRA_JAVA_OPTS"] = JVM_HEAP + " -Djdk.util.zip.disableZip64ExtraFieldValidation=true"
        t0 = time.perf_counter()
        self.proc = subprocess.Popen([os.path.join(self.dir, "bin", "karaf"), "server"], cwd=self.dir, env=env,
                                     stdout=open(os.path.join(self.dir, "console.log"), "w"),
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = t0 + timeout
        last = ""
        while time.perf_counter() < deadline:
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited with {self.proc.returncode}; see {self.dir}/console.log")
            try:
                status, body = http_get(self.port, self.ready_path, auth=None, timeout=5)
                if status == 200 and (self.ready_check is None or self.ready_check(self)):
                    seconds = time.perf_counter() - t0
                    self.pid = self.java_pid()
                    return seconds
                last = f"{status} {body[:200]!r}"
            except OSError as e:
                last = str(e)
            time.sleep(0.1)
        self.stop()
        raise SystemExit(f"{self.name} not ready within {timeout} s: {last}")

    def java_pid(self):
        for p in descendants(self.proc.pid):
            try:
                if open(f"/proc/{p}/comm").read().strip() == "java":
                    return p
            except OSError:
                pass
        raise SystemExit(f"no java process under {self.proc.pid}")

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        pids = descendants(self.proc.pid) + [self.proc.pid]
        for p in pids:
            try:
                os.kill(p, signal.SIGTERM)
            except ProcessLookupError:
                pass
        try:
            self.proc.wait(90)
        except subprocess.TimeoutExpired:
            for p in pids:
                try:
                    os.kill(p, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            self.proc.wait(30)
        # the JVM is a child of bin/karaf: wait for it too
        for _ in range(300):
            if self.pid is None or not os.path.exists(f"/proc/{self.pid}"):
                break
            time.sleep(0.1)


def http_get(port, path, auth=CONSULTANT, timeout=30):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        c.request("GET", path, headers={"Authorization": auth} if auth else {})
        r = c.getresponse()
        return r.status, r.read()
    finally:
        c.close()


# one consultant request per module that answers 200 only when the module is installed, enabled for GM0363 and its
# resources are published
MODULE_PROBES = {"registration": "/api/v1/gemeenten/GM0363/mantelzorgers?paginaGrootte=1",
                 "respite": "/api/v1/gemeenten/GM0363/respijtaanbod?paginaGrootte=1",
                 "employers": "/api/v1/gemeenten/GM0363/werkgevers?paginaGrootte=1",
                 "appreciation": "/api/v1/gemeenten/GM0363/waarderingsaanvragen?paginaGrootte=1"}


def all_modules_ready(node):
    """Readiness of the whole demo installation: all four modules installed (/modules) and answering for GM0363."""
    status, body = http_get(node.port, "/api/v1/modules?paginaGrootte=100", auth=PLATFORM_ADMIN, timeout=5)
    if status != 200 or not all(m in {x["id"] for x in json.loads(body)["resultaten"]} for m in MODULES):
        return False
    return all(http_get(node.port, path, timeout=5)[0] == 200 for path in MODULE_PROBES.values())


def mantelkring(args, name="mantelkring"):
    dists = sorted(f for f in os.listdir(os.path.join(ROOT, "karaf-assembly", "target"))
                   if re.match(r"mantelkring-.*\.tar\.gz$", f)) \
        if os.path.isdir(os.path.join(ROOT, "karaf-assembly", "target")) else []
    if not dists:
        raise SystemExit("No distribution: build it first with  mvn -B -ntp -o clean package -DskipTests  "
                         "(or clean verify); benchmarks/run.sh builds nothing of the platform itself.")
    node = Distribution(name, os.path.join(ROOT, "karaf-assembly", "target", dists[-1]), args.port,
                        "/api/v1/health/ready", all_modules_ready)
    if args.postgresql:
        node.set("etc/org.ops4j.datasource-mantelkring.cfg", postgresql_datasource(args.postgresql))
    return node


def postgresql_datasource(admin_url):
    """Creates a fresh database on the server of admin_url (jdbc:postgresql://host:port/db?user=..&password=..)
    with psql and returns the datasource lines for it."""
    u = urllib.parse.urlparse(admin_url[len("jdbc:"):])
    q = dict(urllib.parse.parse_qsl(u.query))
    db = "mkbench_" + time.strftime("%Y%m%d%H%M%S")
    psql(admin_url, f"create database {db} encoding 'UTF8' template template0")
    return {"osgi.jdbc.driver.class": "org.postgresql.Driver",
            "url": f"jdbc:postgresql://{u.hostname}:{u.port or 5432}/{db}", "user": q.get("user", "postgres"),
            ".password": q.get("password", "")}


def psql(admin_url, sql):
    u = urllib.parse.urlparse(admin_url[len("jdbc:"):])
    q = dict(urllib.parse.parse_qsl(u.query))
    subprocess.run(["psql", "-h", u.hostname, "-p", str(u.port or 5432), "-U", q.get("user", "postgres"), "-d",
                    u.path.lstrip("/") or "postgres", "-q", "-v", "ON_ERROR_STOP=1", "-c", sql], check=True,
                   env=dict(os.environ, PGPASSWORD=q.get("password", "")))


def drop_database(node, admin_url):
    """Drops the benchmark's PostgreSQL database again (after the node stopped)."""
    url = open(os.path.join(node.dir, "etc", "org.ops4j.datasource-mantelkring.cfg")).read()
    m = re.search(r"url = jdbc:postgresql://[^/]+/(mkbench_\d+)", url)
    if m:
        psql(admin_url, f"drop database if exists {m.group(1)}")


# ------------------------------------------------------------------------------------------------ wrk

def wrk(port, scenario, params, duration, connections, threads=2, timeout="10s"):
    """Runs wrk with the scenario (lua files concatenated after params) and returns its summary as a dict."""
    os.makedirs(WORK, exist_ok=True)
    script = os.path.join(WORK, "wrk-" + "-".join(scenario) + ".lua")
    with open(script, "w") as f:
        for k, v in params.items():
            f.write(f"{k} = {lua(v)}\n")
        for s in scenario + ["report"]:
            f.write(open(os.path.join(BENCH, "lua", s + ".lua")).read() + "\n")
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", f"--timeout={timeout}", "-s", script,
           f"http://127.0.0.1:{port}"]
    out = subprocess.run(cmd, capture_output=True, text=True, timeout=duration + 120)
    line = [x for x in out.stdout.splitlines() if x.startswith("WRKJSON ")]
    if not line:
        raise SystemExit(f"wrk gave no summary: {out.stdout}\n{out.stderr}")
    r = json.loads(line[0][len("WRKJSON "):])
    seconds = r["durationUs"] / 1e6
    e = r["errors"]
    r["rps"] = round(r["requests"] / seconds, 1)
    r["errorCount"] = e["connect"] + e["read"] + e["write"] + e["status"] + e["timeout"]
    r["p50ms"] = round(r["latencyUs"]["p50"] / 1000, 2)
    r["p99ms"] = round(r["latencyUs"]["p99"] / 1000, 2)
    r["command"] = " ".join(cmd[:6]) + " -s " + "+".join(scenario) + ".lua " + cmd[-1]
    return r


def lua(v):
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, list):
        return "{" + ",".join(lua(x) for x in v) + "}"
    raise TypeError(v)


def caregiver_ids(port, n=100):
    status, body = http_get(port, f"/api/v1/gemeenten/GM0363/mantelzorgers?paginaGrootte={n}")
    assert status == 200, (status, body[:300])
    return [m["id"] for m in json.loads(body)["resultaten"]]


def caregiver_total(port):
    status, body = http_get(port, "/api/v1/gemeenten/GM0363/mantelzorgers?paginaGrootte=1")
    assert status == 200, (status, body[:300])
    return json.loads(body)["paginering"]["totaal"]


def ensure_caregivers(port, n, run_tag):
    """Registers caregivers until the tenant has at least n (so that search and read have data)."""
    missing = n - caregiver_total(port)
    if missing <= 0:
        return
    log(f"registering {missing} caregivers as data for the GET benchmarks")
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    names = ["Anna", "Bram", "Jan", "Noor", "Sanne", "Fatima"]
    for i in range(missing):
        body = json.dumps({"naam": {"voornaam": names[i % len(names)], "achternaam": f"Jansen {run_tag}x{i}"},
                           "geboortedatum": f"19{50 + i % 50}-0{1 + i % 9}-1{i % 10}",
                           "adres": {"huisnummer": 1 + i % 200, "postcode": f"{1000 + i % 9000}AB"}})
        c.request("POST", "/api/v1/gemeenten/GM0363/mantelzorgers", body=body,
                  headers={"Authorization": CONSULTANT, "Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        assert r.status == 201, r.status
    c.close()


# ------------------------------------------------------------------------------------------------ benchmarks

def bench_api(node, args, run):
    """GET and POST throughput/p99 vs the liveness endpoint (/api/v1/health: no database, no login) and vs an
    authenticated endpoint without database work (/api/v1/modules), same container, same wrk settings."""
    d, c = args.duration, args.connections
    ensure_caregivers(node.port, 200, run["tag"])
    ids = caregiver_ids(node.port)
    # warm-up of every path (JIT, caches), not measured
    for paths, auth in ((["/api/v1/health"], None), (["/api/v1/gemeenten/GM0363/mantelzorgers?naam=jans"], CONSULTANT)):
        wrk(node.port, ["get"], {"PATHS": paths, "AUTH": auth or ""} if auth else {"PATHS": paths}, 5, c)
    wrk(node.port, ["register"], {"AUTH": CONSULTANT, "RUN": run["tag"] + "w"}, 5, c)
    rows = []

    def measure(label, scenario, params, note):
        r = wrk(node.port, scenario, params, d, c)
        r["load"] = loadavg()
        log(f"{label}: {r['rps']} req/s, p99 {r['p99ms']} ms, errors {r['errorCount']} (load {r['load']})")
        rows.append({"label": label, "result": r, "note": note})
        return r

    base = measure("GET /api/v1/health (liveness: no login, no database)", ["get"], {"PATHS": ["/api/v1/health"]},
                   "baseline")
    auth_base = measure("GET /api/v1/modules (login, no database)", ["get"],
                        {"PATHS": ["/api/v1/modules"], "AUTH": PLATFORM_ADMIN}, "second baseline")
    search = measure("GET caregiver search ?naam=<prefix> (login, policy, query, audit)", ["get"],
                     {"PATHS": [f"/api/v1/gemeenten/GM0363/mantelzorgers?naam={n}" for n in
                                ("anna", "jans", "bram", "noor", "sanne", "fati", "de%20vr", "mulder")],
                      "AUTH": CONSULTANT}, "")
    read = measure("GET caregiver by id (login, read, audit)", ["get"],
                   {"PATHS": [f"/api/v1/gemeenten/GM0363/mantelzorgers/{i}" for i in ids], "AUTH": CONSULTANT}, "")
    before = caregiver_total(node.port)
    post = measure("POST caregiver registration (login, validation, duplicate check, insert, audit)", ["register"],
                   {"AUTH": CONSULTANT, "RUN": run["tag"]}, "")
    after = caregiver_total(node.port)
    post["stored"] = after - before
    log(f"registrations answered 201: {post['requests'] - post['errorCount']}, stored (count before/after): "
        f"{post['stored']}")
    return {"jvmHeap": JVM_HEAP, "rows": rows, "baseline": base, "authBaseline": auth_base, "search": search, "read": read, "post": post,
            "connections": c, "duration": d}


def bench_registration(node, args, run, api=None):
    """Registrations over the API (audited) vs raw JDBC inserts of the same rows into a separate database with the
    module's DDL (H2: a separate file, as the container holds the lock on its own; PostgreSQL: a separate schema)."""
    if api is None:
        wrk(node.port, ["register"], {"AUTH": CONSULTANT, "RUN": run["tag"] + "w"}, 5, args.connections)
        before = caregiver_total(node.port)
        post = wrk(node.port, ["register"], {"AUTH": CONSULTANT, "RUN": run["tag"]}, args.duration,
                   args.connections)
        post["stored"] = caregiver_total(node.port) - before
        post["load"] = loadavg()
    else:
        post = api["post"]
    rows = max(post["requests"], 10000)
    ddl = os.path.join(ROOT, "bundles", "nl.mantelkring.registration", "src", "main", "resources", "db",
                       "registration", "V1__registration.sql")
    if args.postgresql:
        ds = dict(l.split(" = ", 1) for l in open(os.path.join(node.dir, "etc", "org.ops4j.datasource-mantelkring.cfg"))
                  .read().splitlines() if " = " in l and not l.startswith("#"))
        jar = find_jar(node, "org/postgresql/postgresql")
        url, user, pw, where = ds["url"], ds["user"], ds.get(".password", ""), "a separate schema of the same PostgreSQL database"
    else:
        jar = find_jar(node, "com/h2database/h2")
        h2dir = os.path.join(WORK, "jdbc-baseline")
        shutil.rmtree(h2dir, ignore_errors=True)
        url = f"jdbc:h2:{h2dir}/raw;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000"
        user, pw, where = "sa", "", "a separate H2 file (same H2 version and URL options as the container's)"
    out = {}
    for mode in ("batch", "row"):
        if not args.postgresql:
            shutil.rmtree(os.path.join(WORK, "jdbc-baseline"), ignore_errors=True)
        cmd = ["java", "-cp", jar, os.path.join(BENCH, "jdbc", "RawRegistrationInsert.java"), url, user, pw, ddl,
               str(rows), mode, "500"]
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=1800)
        if p.returncode != 0:
            raise SystemExit(f"JDBC baseline failed: {p.stdout}\n{p.stderr}")
        out[mode] = json.loads(p.stdout.strip().splitlines()[-1])
        out[mode]["load"] = loadavg()
        log(f"raw JDBC ({mode}): {out[mode]['rowsPerSecond']} registrations/s")
    api_rate = round((post["requests"] - post["errorCount"]) / (post["durationUs"] / 1e6), 1)
    return {"apiPerSecond": api_rate, "apiStored": post.get("stored"), "apiErrors": post["errorCount"],
            "apiLoad": post["load"], "apiConnections": args.connections, "jdbc": out, "where": where,
            "rows": rows, "database": "PostgreSQL" if args.postgresql else "H2 (file)"}


def find_jar(node, rel):
    base = os.path.join(node.dir, "system", rel)
    for dirpath, _, files in os.walk(base):
        for f in files:
            if f.endswith(".jar"):
                return os.path.join(dirpath, f)
    raise SystemExit(f"no jar under {base}")


def bench_respite(node, args, run):
    """benchmarks/respite-http.py: import of N synthetic offerings, then search p50/p95 (one keep-alive connection),
    with the liveness endpoint's p50/p95 on the same kind of connection as the baseline."""
    out = os.path.join(WORK, "respite.json")
    cmd = [sys.executable, os.path.join(BENCH, "respite-http.py"), f"http://127.0.0.1:{node.port}/api/v1",
           str(args.offerings), "--json", out]
    log("respite: importing", args.offerings, "offerings and searching (respite-http.py)")
    p = subprocess.run(cmd, text=True, timeout=7200)
    if p.returncode != 0:
        raise SystemExit("respite-http.py failed")
    r = json.load(open(out))
    r["load"] = loadavg()
    return r


def bench_startup(args, run):
    """Cold start (process start -> ready) and resident memory, Mantelkring with all modules vs bare Karaf + CXF."""
    cxf_src = os.path.join(BENCH, "karaf-cxf", "target", "assembly")
    if not os.path.isdir(cxf_src):
        log("building the baseline distribution benchmarks/karaf-cxf (offline, from ~/.m2)")
        subprocess.run(["mvn", "-B", "-ntp", "-o", "-q", "-f", os.path.join(BENCH, "karaf-cxf", "pom.xml"),
                        "package"], check=True)
    res = {"jvmHeap": JVM_HEAP}
    for name, make in (("karaf-cxf", lambda: Distribution("karaf-cxf", cxf_src, args.port, "/cxf")),
                       ("mantelkring", lambda: mantelkring(args))):
        node = make()
        load = loadavg()
        try:
            seconds = node.start()
            time.sleep(1)
            r = {"coldStartSeconds": round(seconds, 2), "loadBefore": load, "rssAfterStartMiB": rss_mib(node.pid)}
            heap, _ = heap_used_mib(node.pid)
            r["heapAfterStartMiB"] = heap
            # second start on the same data folder (no first-run work: migrations, demo data, feature install)
            # comes after the load: first the load, the same for both: the cheapest public endpoint for 20 s
            path = "/cxf" if name == "karaf-cxf" else "/api/v1/health"
            w = wrk(node.port, ["get"], {"PATHS": [path]}, 20, args.connections)
            r["loadPath"], r["loadRps"] = path, w["rps"]
            if name == "mantelkring":
                ensure_caregivers(node.port, 200, run["tag"])
                w = wrk(node.port, ["register"], {"AUTH": CONSULTANT, "RUN": run["tag"] + "s"}, 10, args.connections)
                r["loadPath"] += " + 10 s of registrations"
            r["rssAfterLoadMiB"] = rss_mib(node.pid)
            r["heapAfterLoadGcMiB"], r["heapCommittedMiB"] = heap_used_mib(node.pid, gc=True)
            node.stop()
            r["restartSeconds"] = round(node.start(), 2)
            r["rssAfterRestartMiB"] = rss_mib(node.pid)
            r["loadAfter"] = loadavg()
            log(name, r)
            res[name] = r
        finally:
            node.stop()
    return res


def bench_soak(node, args, run, minutes):
    """A fixed mixed load for `minutes`, in one-minute wrk runs; after each: errors, throughput, heap after a full GC
    (jcmd GC.run + GC.heap_info) and RSS."""
    ensure_caregivers(node.port, 500, run["tag"])
    log(f"soak: importing {args.soak_offerings} respite offerings first")
    subprocess.run([sys.executable, os.path.join(BENCH, "respite-http.py"), f"http://127.0.0.1:{node.port}/api/v1",
                    str(args.soak_offerings), "--json", os.path.join(WORK, "soak-respite.json")], check=True,
                   timeout=3600)
    ids = caregiver_ids(node.port)
    params = {"AUTH": CONSULTANT, "IDS": ids, "DELAY_MS": args.soak_delay}
    intervals = []
    t_end = time.time() + minutes * 60
    i = 0
    while time.time() < t_end - 5:
        i += 1
        d = int(min(60, t_end - time.time()))
        params["RUN"] = f"{run['tag']}k{i}"
        r = wrk(node.port, ["register", "mixed"], params, d, args.soak_connections)
        heap, committed = heap_used_mib(node.pid, gc=True)
        iv = {"minute": i, "seconds": round(r["durationUs"] / 1e6, 1), "requests": r["requests"], "rps": r["rps"],
              "errors": r["errorCount"], "statusErrors": r["errors"]["status"], "p50ms": r["p50ms"],
              "p99ms": r["p99ms"], "kinds": r["kinds"], "heapAfterGcMiB": heap, "heapCommittedMiB": committed,
              "rssMiB": rss_mib(node.pid), "load": loadavg()}
        intervals.append(iv)
        if i == 1:
            first_histogram = class_histogram(node.pid)
        log(f"soak {i}: {iv['rps']} req/s, errors {iv['errors']}, p99 {iv['p99ms']} ms, heap after GC "
            f"{heap} MiB, RSS {iv['rssMiB']} MiB, load {iv['load']}")
    growth = []
    if intervals:
        last = class_histogram(node.pid)
        for cls, (inst, size) in last.items():
            inst0, size0 = first_histogram.get(cls, (0, 0))
            growth.append({"class": cls, "instancesFirst": inst0, "instancesLast": inst,
                           "kibFirst": size0 // 1024, "kibLast": size // 1024, "kibGrowth": (size - size0) // 1024})
        growth = sorted(growth, key=lambda g: -g["kibGrowth"])[:12]
    heaps = [iv["heapAfterGcMiB"] for iv in intervals]
    n = len(heaps)
    slope = None
    if n >= 3:
        xs = list(range(n))
        mx, my = statistics.mean(xs), statistics.mean(heaps)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, heaps)) / sum((x - mx) ** 2 for x in xs)
    return {"jvmHeap": JVM_HEAP, "minutes": minutes, "connections": args.soak_connections, "delayMs": args.soak_delay,
            "intervals": intervals, "errors": sum(iv["errors"] for iv in intervals),
            "requests": sum(iv["requests"] for iv in intervals),
            "rps": round(sum(iv["requests"] for iv in intervals) / sum(iv["seconds"] for iv in intervals), 1),
            "heapSlopeMiBPerHour": round(slope * 60, 1) if slope is not None else None,
            "heapFirstMiB": heaps[0] if heaps else None, "heapLastMiB": heaps[-1] if heaps else None,
            "heapMaxMiB": max(heaps) if heaps else None, "caregiversAtEnd": caregiver_total(node.port),
            "histogramGrowth": growth,
            "mix": "35% caregiver search, 30% caregiver read, 10% registration (POST), 25% respite search"}


# ------------------------------------------------------------------------------------------------ report

def ratio(a, b):
    return f"{a / b:.2f}" if a and b else "–"


def third(soak, k):
    """Median heap after GC of the k-th third of the soak's intervals."""
    heaps = [iv["heapAfterGcMiB"] for iv in soak["intervals"]]
    n = len(heaps) // 3 or 1
    part = heaps[k * n:(k + 1) * n] if k < 2 else heaps[-n:]
    return round(statistics.median(part), 1) if part else None


def render(results):
    L = ["# Performance", "",
         "Generated by `benchmarks/run.sh` from `benchmarks/results.json` — do not edit by hand; rerun the benchmark "
         "instead (see `benchmarks/README.md`). Every figure comes with a baseline measured **in the same run** on "
         "the same machine; the ratio is the point, absolute numbers depend on the machine and on what else ran "
         "(the load average is recorded with each figure). The machine is shared: other builds ran at the same "
         "time.", ""]
    runs = results.get("runs", {})
    if runs:
        L += ["## Runs", "", "| run | date (UTC) | command | machine | JDK | load average at start |",
              "| --- | --- | --- | --- | --- | --- |"]
        for rid, r in sorted(runs.items(), key=lambda kv: kv[1]["date"]):
            m = r["machine"]
            L.append(f"| {rid} | {r['date']} | `{r['command']}` | {m['cpus']} CPUs ({m['cpuModel']}), "
                     f"{m['ramGiB']} GiB RAM, {m['os']} | {m['jdk']} | {r['loadStart']} |")
        L.append("")
    L += ["## Summary", "", "| benchmark | figure | baseline (same run) | ratio | load average | run |",
          "| --- | --- | --- | --- | --- | --- |"]
    for sfx, db in VARIANTS:
        api, reg, rs = (results.get(k + sfx) for k in ("api", "registration", "respite"))
        if api:
            v = api["value"]
            b = v["baseline"]
            for key, label in (("search", "API GET caregiver search"), ("read", "API GET caregiver by id"),
                               ("post", "API POST caregiver registration")):
                r = v[key]
                L.append(f"| {label} ({db}): throughput | {r['rps']} req/s (p99 {r['p99ms']} ms, {r['errorCount']} errors) | "
                         f"{b['rps']} req/s (p99 {b['p99ms']} ms) `GET /api/v1/health` | {ratio(r['rps'], b['rps'])} | "
                         f"{r['load']} | {api['run']} |")
                L.append(f"| {label} ({db}): p99 latency | {r['p99ms']} ms | {b['p99ms']} ms `GET /api/v1/health` | "
                         f"{ratio(r['p99ms'], b['p99ms'])} | {r['load']} | {api['run']} |")
        if reg:
            v = reg["value"]
            jb = v["jdbc"]["batch"]
            L.append(f"| Registration writes over the API (audited), {v['database']} | {v['apiPerSecond']} /s "
                     f"({v['apiConnections']} connections) | {jb['rowsPerSecond']} /s raw JDBC batches of "
                     f"{jb['batchSize']} | {ratio(v['apiPerSecond'], jb['rowsPerSecond'])} | {v['apiLoad']} | "
                     f"{reg['run']} |")
        if rs:
            v = rs["value"]
            L.append(f"| Respite search ({db}), {v['offerings']:,} offerings: p50 | {v['searchP50ms']} ms | "
                     f"{v['baselineP50ms']} ms `GET /api/v1/health` | {ratio(v['searchP50ms'], v['baselineP50ms'])} | "
                     f"{v['load']} | {rs['run']} |")
            L.append(f"| Respite search ({db}), {v['offerings']:,} offerings: p95 | {v['searchP95ms']} ms | "
                     f"{v['baselineP95ms']} ms `GET /api/v1/health` | {ratio(v['searchP95ms'], v['baselineP95ms'])} | "
                     f"{v['load']} | {rs['run']} |")
    st = results.get("startup")
    if st:
        m, k = st["value"]["mantelkring"], st["value"]["karaf-cxf"]
        for key, label, unit in (("coldStartSeconds", "Cold start to ready, all modules (first start, empty data)", "s"),
                                 ("restartSeconds", "Restart to ready (existing data)", "s"),
                                 ("rssAfterStartMiB", "Resident memory after start", "MiB"),
                                 ("rssAfterLoadMiB", "Resident memory after load", "MiB"),
                                 ("heapAfterLoadGcMiB", "Java heap after load and a full GC", "MiB")):
            L.append(f"| {label} | {m[key]} {unit} | {k[key]} {unit} bare Karaf + CXF | {ratio(m[key], k[key])} | "
                     f"{m['loadBefore']} | {st['run']} |")
    L.append("| Payment run, 100,000 and 1,000,000 grants (time, peak heap) | `PaymentRunBenchmark`, figures in "
             "[performance-appreciation.md](performance-appreciation.md) | plain StAX writing the same XML (same run) "
             "| see there | – | – |")
    for so in (results.get("soak"), results.get("soak-previous")):
        if not so:
            continue
        v = so["value"]
        L.append(f"| Soak, {v['minutes']:g} min mixed load | {v['rps']} req/s, {v['errors']} errors, heap after GC "
                 f"{v['heapFirstMiB']} → {v['heapLastMiB']} MiB (median first/last third {third(v, 0)}/{third(v, 2)}) "
                 f"| flat heap, 0 errors | slope "
                 f"{v['heapSlopeMiBPerHour']} MiB/h | {v['intervals'][-1]['load'] if v['intervals'] else '–'} | "
                 f"{so['run']} |")
    L.append("")
    for sfx, db in VARIANTS:
        api, reg, rs = (results.get(k + sfx) for k in ("api", "registration", "respite"))
        if api:
            v = api["value"]
            L += [f"## API throughput and p99 ({db})", "",
                  f"wrk, {v['connections']} connections, 2 threads, {v['duration']} s per line after a 5 s warm-up of "
                  f"each path, all against the same running distribution (JVM heap {v.get('jvmHeap', 'default')}). "
                  f"`/api/v1/health` is the liveness endpoint: no login, no database — the container's floor. "
                  f"`/api/v1/modules` adds HTTP Basic login (JAAS, cached) and authorisation, still no database.", "",
                  "| request | req/s | p50 ms | p99 ms | errors | vs health (throughput) | load average |",
                  "| --- | --- | --- | --- | --- | --- | --- |"]
            for row in v["rows"]:
                r = row["result"]
                L.append(f"| {row['label']} | {r['rps']} | {r['p50ms']} | {r['p99ms']} | {r['errorCount']} | "
                         f"{ratio(r['rps'], v['baseline']['rps'])} | {r['load']} |")
            L += ["", f"Registrations answered 201 in the POST line: {v['post']['requests'] - v['post']['errorCount']}; "
                  f"caregivers stored in that time (count before/after): {v['post'].get('stored')} (the difference: requests "
                  f"in flight when wrk stopped, stored but not counted by wrk).", ""]
        if reg:
            v = reg["value"]
            L += [f"## Registration writes vs raw JDBC ({db})", "",
                  f"API: wrk POSTs of unique registrations, {v['apiConnections']} connections, 20 s after a 5 s "
                  f"warm-up (the POST line of the API section when both ran together; each registration: HTTP, "
                  f"login, JSON validation, duplicate check, caregiver + name tokens + history rows in one "
                  f"transaction, an audit entry with hash chain; {v.get('apiStored')} caregivers stored, "
                  f"{v['apiErrors']} errors). "
                  f"The baseline inserts the same rows (caregiver, name tokens, history; no audit entry) for "
                  f"{v['rows']:,} registrations with plain JDBC into {v['where']}, created from the module's own "
                  f"`V1__registration.sql`, one thread (`benchmarks/jdbc/RawRegistrationInsert.java`).", "",
                  "| writer | registrations/s | vs API | load average |", "| --- | --- | --- | --- |",
                  f"| API, {v['apiConnections']} concurrent connections | {v['apiPerSecond']} | 1.00 | {v['apiLoad']} |"]
            for mode, label in (("batch", "raw JDBC, batches of 500, one commit per batch"),
                                ("row", "raw JDBC, one transaction per registration")):
                j = v["jdbc"][mode]
                L.append(f"| {label} | {j['rowsPerSecond']} | {ratio(j['rowsPerSecond'], v['apiPerSecond'])} | "
                         f"{j['load']} |")
            L.append("")
        if rs:
            v = rs["value"]
            L += [f"## Respite search ({db})", "", f"`benchmarks/respite-http.py`: {v['offerings']:,} synthetic offerings "
                  f"imported over the API as CSV in files of 2,000 rows ({v.get('importRowsPerSecond', '–')} rows/s), "
                  f"then 300 warm-up and 400 measured searches (prefixes as typed, filters, distance) on one keep-alive "
                  f"connection; the baseline is 400 `GET /api/v1/health` on the same kind of connection.", "",
                  "| | p50 ms | p95 ms | max ms |", "| --- | --- | --- | --- |",
                  f"| respite search | {v['searchP50ms']} | {v['searchP95ms']} | {v['searchMaxMs']} |",
                  f"| `GET /api/v1/health` | {v['baselineP50ms']} | {v['baselineP95ms']} | {v['baselineMaxMs']} |",
                  f"| first search after the import (index build) | {v['firstSearchMs']} | | |", ""]
    if st:
        m, k = st["value"]["mantelkring"], st["value"]["karaf-cxf"]
        L += ["## Cold start and memory", "",
              f"Both distributions are started fresh (`bin/karaf server`, `EXTRA_JAVA_OPTS={st['value'].get('jvmHeap', 'JVM default heap')}`) "
              "from a clean copy, one after the other. Ready means: Mantelkring — `/api/v1/health/ready` 200 and "
              "`/api/v1/modules` lists all four modules and a consultant's list request to each module answers 200 for "
              "GM0363 (on the first start the demo configuration installs the module features, every bundle runs "
              "its migrations and the demo municipalities are created and get the modules enabled); bare Karaf + CXF "
              "(`benchmarks/karaf-cxf`: Karaf's standard boot features + `http` + `cxf-jaxrs`, same versions) — "
              "CXF's servlet answers 200 at `/cxf`. RSS from `/proc/<pid>/status` (VmRSS); heap from `jcmd GC.heap_info`. "
              "Load: 20 s of wrk on the cheapest endpoint (plus, for Mantelkring, 10 s of registrations). RSS and "
              "heap used without a GC depend on when the last collection ran (both JVMs start with 128 MiB and "
              "grow the heap as they go); the heap after a full GC is the live set, the comparable memory figure.", "",
              "| | Mantelkring | bare Karaf + CXF | ratio |", "| --- | --- | --- | --- |"]
        for key, label in (("coldStartSeconds", "first start → ready (s)"), ("restartSeconds", "restart → ready (s)"),
                           ("rssAfterStartMiB", "RSS after start (MiB)"), ("heapAfterStartMiB", "heap used after start (MiB)"),
                           ("rssAfterLoadMiB", "RSS after load (MiB)"), ("heapAfterLoadGcMiB", "heap after load + full GC (MiB)"),
                           ("rssAfterRestartMiB", "RSS after restart (MiB)"), ("loadRps", "load phase: req/s on the cheapest endpoint (`/api/v1/health`, JAX-RS with the platform's "
                                        "filters, vs CXF's service-list servlet `/cxf`)")):
            L.append(f"| {label} | {m[key]} | {k[key]} | {ratio(m[key], k[key])} |")
        L += ["", f"Load average before/after: Mantelkring {m['loadBefore']} / {m['loadAfter']}; bare Karaf "
              f"{k['loadBefore']} / {k['loadAfter']}.", ""]
    L += ["## Payment run", "", "100,000 and 1,000,000 grants (time, peak heap) vs writing the same XML with plain "
          "StAX in the same run: `PaymentRunBenchmark` in `bundles/nl.mantelkring.appreciation` (in-process, its own "
          "command); figures, and appreciation applications over HTTP, in "
          "[performance-appreciation.md](performance-appreciation.md).", ""]
    for title, so in (("Soak", results.get("soak")), ("Soak (the run before)", results.get("soak-previous"))):
        if not so:
            continue
        v = so["value"]
        L += [f"## {title}", "", f"Run {so['run']}. "
              f"`benchmarks/run.sh soak {v['minutes']:g}` (JVM heap: "
              f"{v.get('jvmHeap', 'the JVM default, max = a quarter of the RAM (6 GiB here): Karaf ignores JAVA_MAX_MEM')}): "
              f"{v['connections']} connections with "
              f"{v['delayMs']} ms think time each (a fixed offered load), mix {v['mix']}; one-minute wrk runs, "
              f"after each a full GC (`jcmd GC.run`) and `GC.heap_info`. Criterion: 0 errors and a flat heap after "
              f"GC. Result: {v['requests']:,} requests, {v['errors']} errors, {v['rps']} req/s on average, heap after "
              f"GC {v['heapFirstMiB']} MiB in the first minute, {v['heapLastMiB']} MiB in the last (max "
              f"{v['heapMaxMiB']}), median of the first third {third(v, 0)} MiB and of the last third "
              f"{third(v, 2)} MiB, linear trend {v['heapSlopeMiBPerHour']} MiB/hour; {v['caregiversAtEnd']:,} "
              f"caregivers in the tenant at the end (the database grows during the soak: every request is audited, "
              f"10 % register a caregiver).", "",
              "| minute | req/s | errors | p50 ms | p99 ms | heap after GC MiB | heap committed MiB | RSS MiB | load average |",
              "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
        if v.get("histogramGrowth"):
            L[-2:-2] = ["Live objects that grew most between the end of minute 1 and the end of the soak "
                        "(`jcmd GC.class_histogram`, after a full GC):", "",
                        "| class | instances (minute 1 → end) | KiB (minute 1 → end) | growth KiB |",
                        "| --- | --- | --- | --- |"] + [
                f"| `{g['class']}` | {g['instancesFirst']:,} → {g['instancesLast']:,} | {g['kibFirst']:,} → "
                f"{g['kibLast']:,} | {g['kibGrowth']:,} |" for g in v["histogramGrowth"]] + ["", ""]
        for iv in v["intervals"]:
            L.append(f"| {iv['minute']} | {iv['rps']} | {iv['errors']} | {iv['p50ms']} | {iv['p99ms']} | "
                     f"{iv['heapAfterGcMiB']} | {iv['heapCommittedMiB']} | {iv['rssMiB']} | {iv['load']} |")
        L.append("")
    return "\n".join(L)


def save(results, key, run, value):
    results.setdefault("runs", {})[run["id"]] = {k: run[k] for k in ("date", "command", "machine", "loadStart")}
    results[key] = {"run": run["id"], "value": value}
    # drop runs no benchmark refers to any more
    used = {v["run"] for k, v in results.items() if k != "runs"}
    results["runs"] = {k: v for k, v in results["runs"].items() if k in used}
    with open(RESULTS, "w") as f:
        json.dump(results, f, indent=1, sort_keys=True)
        f.write("\n")
    with open(DOC, "w") as f:
        f.write(render(results) + "\n")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("what", nargs="?", default="all", choices=["all", "api", "registration", "respite", "startup",
                                                              "soak", "report"])
    ap.add_argument("minutes", nargs="?", type=float, default=30, help="soak: duration in minutes (default 30)")
    ap.add_argument("--port", type=int, default=int(os.environ.get("MK_BENCH_PORT", "38181")),
                    help="HTTP port of the started distribution (ssh, RMI: the next three); default 38181")
    ap.add_argument("--duration", type=int, default=20, help="seconds per wrk measurement (default 20)")
    ap.add_argument("--connections", type=int, default=8, help="wrk connections (default 8)")
    ap.add_argument("--offerings", type=int, default=100000, help="respite offerings (default 100000)")
    ap.add_argument("--postgresql", default=os.environ.get("MK_BENCH_POSTGRESQL"),
                    help="administrative JDBC URL of a PostgreSQL server: run on a fresh database there")
    ap.add_argument("--soak-connections", type=int, default=8)
    ap.add_argument("--soak-delay", type=int, default=40, help="soak think time per connection, ms (default 40)")
    ap.add_argument("--soak-offerings", type=int, default=20000)
    ap.add_argument("--no-save", action="store_true", help="print, do not write results.json / performance.md")
    args = ap.parse_args()
    results = json.load(open(RESULTS)) if os.path.exists(RESULTS) else {}
    if args.what == "report":
        with open(DOC, "w") as f:
            f.write(render(results) + "\n")
        return
    for tool in ("wrk", "jcmd", "java"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed on the PATH")
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", args.port)) == 0:
            raise SystemExit(f"port {args.port} is in use: choose another with --port")
    argv = " ".join(sys.argv[1:])
    run = {"id": time.strftime("%Y%m%d-%H%M%S", time.gmtime()), "tag": uuid.uuid4().hex[:6],
           "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M"),
           "command": ("benchmarks/run.sh " + argv).strip() + (" (PostgreSQL)" if args.postgresql else ""),
           "machine": machine(), "loadStart": loadavg()}
    os.makedirs(WORK, exist_ok=True)
    keep = (lambda key, value: save(results, key, run, value)) if not args.no_save else \
        (lambda key, value: print(json.dumps({key: value}, indent=1)))
    suffix = "-postgresql" if args.postgresql else ""
    if args.what in ("all", "startup") and not args.postgresql:
        keep("startup", bench_startup(args, run))
    if args.what == "startup":
        return
    node = mantelkring(args)
    try:
        log("starting the distribution on port", args.port)
        log(f"ready after {node.start():.1f} s (pid {node.pid})")
        if args.what == "soak":
            value = bench_soak(node, args, run, args.minutes)
            if "soak" + suffix in results and not args.no_save:
                results["soak-previous" + suffix] = results["soak" + suffix]  # the report shows the last two soaks
            keep("soak" + suffix, value)
            return
        api = None
        if args.what in ("all", "api"):
            api = bench_api(node, args, run)
            keep("api" + suffix, api)
        if args.what in ("all", "registration"):
            keep("registration" + suffix, bench_registration(node, args, run, api))
        if args.what in ("all", "respite"):
            keep("respite" + suffix, bench_respite(node, args, run))
    finally:
        node.stop()
        if args.postgresql:
            drop_database(node, args.postgresql)


if __name__ == "__main__":
    main()
