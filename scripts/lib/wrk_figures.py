"""Reads wrk's report (with --latency) on stdin; prints requests/s, p50 ms, p99 ms, the
number of non-2xx answers and the socket errors, separated by spaces."""
import re
import sys

text = sys.stdin.read()


def ms(label):
    m = re.search(r"^\s*" + label + r"\s+([0-9.]+)(us|ms|s)\s*$", text, re.M)
    if not m:
        return float("nan")
    return float(m.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[m.group(2)]


rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", text).group(1))
bad = re.search(r"Non-2xx or 3xx responses: (\d+)", text)
errors = re.search(r"Socket errors: (.*)", text)
socket_errors = errors.group(1).replace(" ", "") if errors else "none"
print(f"{rps:.0f} {ms('50%'):.2f} {ms('99%'):.2f} {bad.group(1) if bad else 0} {socket_errors}")
