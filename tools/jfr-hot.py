#!/usr/bin/env python3
"""Hot methods of a JFR recording: top frames (self) and frames anywhere on the stack (total), by sample count.
   jfr print --events jdk.ExecutionSample x.jfr | tools/jfr-hot.py [N]"""
import re, sys, collections
n = int(sys.argv[1]) if len(sys.argv) > 1 else 25
top, total, samples, stack = collections.Counter(), collections.Counter(), 0, []
frame = re.compile(r'^\s+([\w$.<>/]+)\(.*line:')
def flush():
    global samples
    if stack:
        samples += 1
        top[stack[0]] += 1
        for f in set(stack):
            total[f] += 1
for line in sys.stdin:
    if line.startswith('jdk.ExecutionSample'):
        flush(); stack = []
    else:
        m = frame.match(line)
        if m:
            stack.append(m.group(1))
flush()
print(f"{samples} samples")
print("self:")
for f, c in top.most_common(n):
    print(f"  {100*c/samples:5.1f}%  {f}")
print("total:")
for f, c in total.most_common(n):
    print(f"  {100*c/samples:5.1f}%  {f}")
