#!/bin/bash
# Session cookie vs HTTP Basic (issue 17): same endpoint (GET /api/v1/gemeenten as consulent-amsterdam), same node, same
# run; wrk 2 threads / 8 connections, 30 s warm-up per mode, then 5 interleaved 15 s rounds; JFR=1 records a profile
# of the second session round (/tmp/bench17/session.jfr) and prints the hottest Mantelkring frames. Needs wrk, curl, a JDK.
set -e
DIST=$(ls "$(dirname "$0")"/../karaf-assembly/target/mantelkring-*.tar.gz)
B=/tmp/bench17; rm -rf $B; mkdir -p $B; tar xzf $DIST -C $B; K=$(ls -d $B/*/)
P=38191
sed -i "s/^org.osgi.service.http.port *=.*/org.osgi.service.http.port = $P/" $K/etc/org.ops4j.pax.web.cfg
grep -q "org.osgi.service.http.port" $K/etc/org.ops4j.pax.web.cfg || echo "org.osgi.service.http.port = $P" >> $K/etc/org.ops4j.pax.web.cfg
sed -i "s/^sshPort *=.*/sshPort = 38192/" $K/etc/org.apache.karaf.shell.cfg
sed -i "s/^rmiRegistryPort *=.*/rmiRegistryPort = 38193/; s/^rmiServerPort *=.*/rmiServerPort = 38194/" $K/etc/org.apache.karaf.management.cfg
EXTRA_JAVA_OPTS="-Xms128m -Xmx1024m" $K/bin/karaf server > $B/karaf.out 2>&1 &
for i in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' http://127.0.0.1:$P/api/v1/health/ready)" = 200 ] && break; sleep 0.5; done
for i in $(seq 1 600); do [ "$(curl -s -o /dev/null -w '%{http_code}' -u consulent-amsterdam:demo http://127.0.0.1:$P/api/v1/gemeenten)" = 200 ] && break; sleep 0.5; done
COOKIE=$(curl -s -D - -o /dev/null -H 'Content-Type: application/json' -d '{"gebruikersnaam":"consulent-amsterdam","wachtwoord":"demo"}' http://127.0.0.1:$P/api/v1/sessies | grep -i '^set-cookie: mk_sessie' | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//' | tr -d '\r')
BASIC="Authorization: Basic $(printf 'consulent-amsterdam:demo' | base64)"
URL=http://127.0.0.1:$P/api/v1/gemeenten
echo "cookie set: ${COOKIE:0:12}..."
curl -s -o /dev/null -w 'session check %{http_code}\n' -H "Cookie: $COOKIE" $URL
PID=$(pgrep -f "java.*/tmp/bench17" | head -1)
echo "load before: $(cat /proc/loadavg)"
wrk -t2 -c8 -d30s -H "$BASIC" $URL > /dev/null; wrk -t2 -c8 -d30s -H "Cookie: $COOKIE" $URL > /dev/null
for r in 1 2 3 4 5; do
  for mode in basic session; do
    if [ $mode = basic ]; then H="$BASIC"; else H="Cookie: $COOKIE"; fi
    if [ "${JFR:-0}" = 1 ] && [ $r = 2 ] && [ $mode = session ]; then jcmd $PID JFR.start name=s duration=15s filename=$B/session.jfr settings=profile > /dev/null; fi
    out=$(wrk -t2 -c8 -d15s --latency -H "$H" $URL)
    rps=$(echo "$out" | awk '/Requests\/sec/{print $2}'); p50=$(echo "$out" | awk '$1=="50%"{print $2}'); p99=$(echo "$out" | awk '$1=="99%"{print $2}'); non=$(echo "$out" | awk '/Non-2xx/{print $4}')
    echo "round $r $mode: $rps req/s p50 $p50 p99 $p99 non2xx ${non:-0} load $(cut -d' ' -f1 /proc/loadavg)"
  done
done
echo "load after: $(cat /proc/loadavg)"
sleep 2
jfr print --events jdk.ExecutionSample $B/session.jfr 2>/dev/null | grep -E "^\s+nl\.mantelkring|line:" | grep "nl.mantelkring" | sed 's/line:.*//' | sort | uniq -c | sort -rn | head -15
$K/bin/stop > /dev/null 2>&1 || kill $PID
