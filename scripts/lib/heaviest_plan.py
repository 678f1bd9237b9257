"""Prints the slowest statement's plan that auto_explain wrote to a PostgreSQL server log
(scripts/bench-report). Usage: python3 heaviest_plan.py SERVER.log"""
import re
import sys

text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
# "… LOG:  duration: 1234.567 ms  plan:" then the plan's lines, up to the next log line.
plans = re.findall(r"LOG:  duration: ([0-9.]+) ms  plan:\n(.*?)(?=\n\S|\Z)", text, re.S)
if not plans:
    print("no statement over 250 ms was logged")
    sys.exit(0)
duration, plan = max(plans, key=lambda p: float(p[0]))
print(f"heaviest statement: {float(duration):.0f} ms; its plan (auto_explain):")
print("\n".join(plan.splitlines()[:80]))
