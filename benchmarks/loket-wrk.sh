#!/bin/bash
# The loket's anonymous operations under load (issue 18), next to GET /api/v1/health in the same run: the loket's page
# data, the public respite guide (postcode search, and with kind, target group and text) and the anonymous self-check
# (POST, answers of the tenant's questionnaire). A fresh copy of the built distribution (demo data) on port 38195 with
# the anonymous limit off (anonymousRequestsPerMinute = 0: the limit is tested in LoketIT; here it would only measure
# 429s) and OFFERINGS offerings (default 2000) imported with respite-http.py. wrk 2 threads / 8 connections, a 15 s
# warm-up per endpoint, then ROUNDS (default 3) interleaved 15 s rounds. JFR=1 profiles the self-check in round 2
# (/tmp/bench18/zelftest.jfr) and prints the hottest Mantelkring frames. Needs wrk, curl, python3, a JDK.
set -e
HERE=$(cd "$(dirname "$0")" && pwd)
DIST=$(ls "$HERE"/../karaf-assembly/target/mantelkring-*.tar.gz)
B=/tmp/bench18; rm -rf $B; mkdir -p $B; tar xzf $DIST -C $B; K=$(ls -d $B/*/)
P=38195
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $P/" $K/etc/org.ops4j.pax.web.cfg
grep -q "org.osgi.service.http.port" $K/etc/org.ops4j.pax.web.cfg || echo "org.osgi.service.http.port = $P" >> $K/etc/org.ops4j.pax.web.cfg
sed -i "s/^sshPort *=.*/sshPort = 38196/" $K/etc/org.apache.karaf.shell.cfg
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = 38197/; s/^rmiServerPort *=.*/rmiServerPort = 38198/" $K/etc/org.apache.karaf.management.cfg
sed -i "s/^anonymousRequestsPerMinute *=.*/anonymousRequestsPerMinute = 0/" $K/etc/nl.mantelkring.platform.loket.cfg
EXTRA_JAVA_OPTS="-Xms128m -Xmx1024m" $K/bin/karaf server > $B/karaf.out 2>&1 &
API=http://127.0.0.1:$P/api/v1
for i in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' $API/health/ready)" = 200 ] && break; sleep 0.5; done
for u in /gemeenten/GM0363/respijtwijzer-aanbod /gemeenten/GM0363/zelftests/vragenlijst; do
  for i in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' $API$u)" = 200 ] && break; sleep 0.5; done
done
python3 "$HERE/respite-http.py" $API "${OFFERINGS:-2000}" > $B/respite-import.txt
# one answer per question: the first choice of each (the outcome does not change the work done)
BODY=$(curl -s $API/gemeenten/GM0363/zelftests/vragenlijst | python3 -c '
import json, sys
q = json.load(sys.stdin)
print(json.dumps({"antwoorden": {v["id"]: v["antwoorden"][0]["code"] for v in q["vragen"]}, "postcode": "1011"}))')
echo "self-check body: $BODY"
cat > $B/post.lua <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
LUA
curl -s -o /dev/null -w 'self-check %{http_code}\n' -H 'Content-Type: application/json' -d "$BODY" $API/gemeenten/GM0363/zelftests
declare -A URL=( [health]=$API/health [loket]=$API/gemeenten/GM0363/loket-onderdelen
  [respijt]="$API/gemeenten/GM0363/respijtwijzer-aanbod?postcode=1011"
  [respijt-filters]="$API/gemeenten/GM0363/respijtwijzer-aanbod?postcode=1011&soort=dagopvang&doelgroep=dementie&zoekterm=zorg"
  [zelftest]=$API/gemeenten/GM0363/zelftests )
ORDER="health loket respijt respijt-filters zelftest"
PID=$(pgrep -f "java.*/tmp/bench18" | head -1)
echo "load before: $(cat /proc/loadavg)"
for e in $ORDER; do S=""; [ $e = zelftest ] && S="-s $B/post.lua"; wrk -t2 -c8 -d15s $S "${URL[$e]}" > /dev/null; done
for r in $(seq 1 "${ROUNDS:-3}"); do
  for e in $ORDER; do
    S=""; [ $e = zelftest ] && S="-s $B/post.lua"
    if [ "${JFR:-0}" = 1 ] && [ $r = 2 ] && [ $e = zelftest ]; then jcmd $PID JFR.start name=z duration=15s filename=$B/zelftest.jfr settings=profile > /dev/null; fi
    out=$(wrk -t2 -c8 -d15s --latency $S "${URL[$e]}")
    rps=$(echo "$out" | awk '/Requests\/sec/{print $2}'); p50=$(echo "$out" | awk '$1=="50%"{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}'); non=$(echo "$out" | awk '/Non-2xx/{print $4}')
    echo "round $r $e: $rps req/s p50 $p50 p99 $p99 non2xx ${non:-0} load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo "load after: $(cat /proc/loadavg)"
if [ "${JFR:-0}" = 1 ]; then
  sleep 2
  jfr print --events jdk.ExecutionSample $B/zelftest.jfr 2>/dev/null | grep "nl.mantelkring" | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -15
fi
$K/bin/stop > /dev/null 2>&1 || kill $PID
