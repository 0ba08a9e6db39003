"""Compares the C yardstick's final beta with `dln train --json`'s for one case, as 64-bit patterns; one JSON line on
stdout. Usage: python3 compare.py N D B C_BETA.json DLN.json"""
import json
import struct
import sys


def main():
    n, d, b = (int(a) for a in sys.argv[1:4])
    with open(sys.argv[4]) as f:
        c = json.load(f)
    with open(sys.argv[5]) as f:
        dln = json.load(f)
    ours, theirs = c["beta"], dln["beta"]
    if len(ours) != len(theirs):
        sys.exit(f"compare.py: beta has {len(ours)} entries from C and {len(theirs)} from dln")
    identical = sum(struct.pack("<d", x) == struct.pack("<d", y) for x, y in zip(ours, theirs))
    scale = max(max(abs(y) for y in theirs), 1e-300)
    print(json.dumps({"n": n, "d": d, "b": b, "steps": c["steps"], "dlnSteps": dln["steps"], "coordinates": len(ours),
                      "identical": identical, "maxAbsDifferenceOverMaxAbs": max(abs(x - y) for x, y in zip(ours, theirs)) / scale}))


if __name__ == "__main__":
    main()
