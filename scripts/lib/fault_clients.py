"""The fault run of scripts/bench-api: 16 clients file demands with Idempotency-Keys while
the server is killed (SIGKILL) and restarted.

Each client sends a demand titled "fault <key>" with that key. A 2xx answer is
"acknowledged" (its demand id is kept). A request that got no answer (connection refused
or reset: the server was gone) is sent again with the same key and body until it gets one,
which may be the stored first answer ("replayed") if the first attempt had committed.
Clients start new requests for BURST seconds, then finish their retries and stop.

Usage: python3 fault_clients.py URL TOKEN OUT.json PORT

scripts/bench-citus uses the same clients during a shard move: FAULT_PREFIX names the run (its
keys and titles, "fault" by default) and FAULT_BURST its length; each acknowledgement keeps
the time it arrived ("at", seconds since the epoch), from which the longest pause in
acknowledged writes is measured.
"""
import http.client
import json
import os
import sys
import threading
import time
import urllib.parse

url, token, out_path, port = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
path = urllib.parse.urlparse(url).path
BURST, CLIENTS, GIVE_UP = float(os.environ.get("FAULT_BURST", "12")), 16, 60.0
PREFIX = os.environ.get("FAULT_PREFIX", "fault")
if BURST + 30 > GIVE_UP:
    GIVE_UP = BURST + 30
lock = threading.Lock()
report = {"attempts": 0, "acknowledged": [], "retried": 0, "replayed": 0, "unanswered": 0, "errors": []}


def send(connection, key, body):
    connection.request("POST", path, body=body, headers={
        "Authorization": f"Bearer {token}", "Content-Type": "application/json", "Idempotency-Key": key})
    response = connection.getresponse()
    return response.status, response.getheader("Idempotent-Replayed"), response.read()


def client(number):
    connection = None
    started = time.monotonic()
    sequence = 0
    while time.monotonic() - started < BURST:
        sequence += 1
        key = f"{PREFIX}-{number}-{sequence}"
        body = json.dumps({"title": f"{PREFIX} {key}", "category": "safety", "org_code": f"G{1 + number % 7}{1 + sequence % 5}1",
                           "quantity": {"amount": "1", "unit": "job"}})
        tries = 0
        while True:
            tries += 1
            with lock:
                report["attempts"] += 1
                if tries == 2:
                    report["retried"] += 1
            try:
                if connection is None:
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
                status, replayed, payload = send(connection, key, body)
            except (OSError, http.client.HTTPException):
                # No answer: the server died or is not back yet. Same key, same body, again.
                if connection is not None:
                    connection.close()
                connection = None
                if time.monotonic() - started > GIVE_UP:
                    with lock:
                        report["unanswered"] += 1
                    break
                time.sleep(0.05)
                continue
            with lock:
                if 200 <= status < 300:
                    demand = json.loads(payload)["demand"]["id"]
                    report["acknowledged"].append({"key": key, "id": demand, "at": time.time()})
                    if replayed == "true":
                        report["replayed"] += 1
                else:
                    report["errors"].append({"key": key, "status": status, "body": payload.decode("utf-8", "replace")[:200]})
            break


threads = [threading.Thread(target=client, args=(n,)) for n in range(CLIENTS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
json.dump(report, open(out_path, "w"))
print(f"fault clients: {report['attempts']} requests, {len(report['acknowledged'])} acknowledged, "
      f"{report['retried']} retried, {report['replayed']} replayed, {len(report['errors'])} refused")
for error in report["errors"][:5]:
    print("  refused:", error)
