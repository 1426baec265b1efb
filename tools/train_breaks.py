#!/usr/bin/env python3
"""Train the paragraph-break model of `reflow` from generated gold pages.

usage: train_breaks.py --train DIR [DIR ...] --test DIR [DIR ...] [--out FILE]

Each DIR holds pages made by ../shared/tools/pagegen (pNNN.txt + pNNN.gold.json).
The Rust example `features` (crates/core/examples/features.rs) prints the
features of every line boundary inside body text; this script labels each
boundary from the gold (does a gold paragraph end where the line ends?), fits an
L2-regularised logistic regression by plain gradient descent (no third-party
packages), reports accuracy on the held-out DIRs, and writes the weights as
Rust source (crates/core/src/reflow_model.rs by default).

Reproducible: fixed iteration count and learning rate, no randomness.
"""
import argparse
import json
import math
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WS = re.compile(r"\s+")


def norm(s):
    return WS.sub("", s or "")


def features_binary():
    subprocess.run(["cargo", "build", "--quiet", "--release", "-p", "banmian", "--example", "features"],
                   cwd=ROOT, check=True)
    return os.path.join(ROOT, "target", "release", "examples", "features")


def page_labels(txt, gold):
    """Line number -> (ends a gold paragraph, inside a gold paragraph)."""
    lines = open(txt, encoding="utf-8").read().split("\n")
    stream, ends_at = "", []
    for line in lines:
        stream += norm(line)
        ends_at.append(len(stream))
    para_ends, covered = set(), [False] * (len(stream) + 1)
    for art in gold["articles"]:
        for p in art["paragraphs"]:
            p = norm(p)
            i = stream.find(p)
            if not p or i < 0:
                continue
            para_ends.add(i + len(p))
            for k in range(i, i + len(p)):
                covered[k] = True
    labels = {}
    for no, end in enumerate(ends_at, start=1):
        if end == 0:
            continue
        labels[no] = (end in para_ends, covered[end - 1])
    return labels


def load(dirs, binary):
    xs, ys = [], []
    for d in dirs:
        pages = sorted(f for f in os.listdir(d) if f.endswith(".gold.json"))
        txts = [os.path.join(d, f[: -len(".gold.json")] + ".txt") for f in pages]
        out = subprocess.run([binary, *txts], capture_output=True, text=True, check=True).stdout
        labels = {t: page_labels(t, json.load(open(os.path.join(d, g), encoding="utf-8")))
                  for t, g in zip(txts, pages)}
        broke = {}  # (page, line b) -> a gold paragraph ends before line b
        for row in out.splitlines():
            r = json.loads(row)
            lab = labels[r["page"]]
            # a_first: a gold paragraph ended just before `a`, or `a` opens
            # its run (no boundary ends at it; runs are printed in order).
            a_first = broke.get((r["page"], r["a"]), True)
            broke[(r["page"], r["b"])] = lab.get(r["a"], (False, False))[0]
            r["f"][-2] = 1.0 if a_first else 0.0
            r["f"][-1] = r["f"][-2] * r["f"][3]
            if r["hard"]:
                continue  # decided by rule (indent, jump, dateline), not by the model
            a_end, a_in = lab.get(r["a"], (False, False))
            _, b_in = lab.get(r["b"], (False, False))
            if not (a_in and b_in):
                continue  # a headline or caption line mistaken for body: no label
            xs.append(r["f"])
            ys.append(1.0 if a_end else 0.0)
    return xs, ys


def solve(a, v):
    """Solves a x = v by Gaussian elimination with partial pivoting."""
    n = len(v)
    m = [row[:] + [v[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(n):
            if r != c and m[c][c]:
                f = m[r][c] / m[c][c]
                m[r] = [x - f * y for x, y in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] if m[i][i] else 0.0 for i in range(n)]


# Weight of a break against a join in the loss. Breaks are rarer (about 1
# in 15 boundaries); fully balancing the classes (weight ~7) traded too many
# false breaks for missed ones, and no weighting missed breaks: on the
# training sets accuracy peaks near 2 (1: 0.9978, 2: 0.9982, 4: 0.9982,
# balanced: 0.9965).
BREAK_WEIGHT = 2.0


def fit(xs, ys, l2=1.0, iters=12):
    """L2-regularised logistic regression by Newton's method (IRLS), breaks
    weighted BREAK_WEIGHT times a join. Deterministic."""
    rows = [[1.0] + list(x) for x in xs]
    k = len(rows[0])
    cw = {1.0: BREAK_WEIGHT, 0.0: 1.0}
    beta = [0.0] * k
    for _ in range(iters):
        grad = [0.0] * k
        hess = [[0.0] * k for _ in range(k)]
        for x, y in zip(rows, ys):
            z = sum(bi * xi for bi, xi in zip(beta, x))
            p = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
            c = cw[y]
            e, h = (p - y) * c, p * (1 - p) * c
            for i in range(k):
                grad[i] += e * x[i]
                hi = h * x[i]
                row = hess[i]
                for j in range(i, k):
                    row[j] += hi * x[j]
        for i in range(k):
            for j in range(i):
                hess[i][j] = hess[j][i]
            if i:
                grad[i] += l2 * beta[i]
                hess[i][i] += l2
        step = solve(hess, grad)
        beta = [bi - si for bi, si in zip(beta, step)]
        if max(abs(s) for s in step) < 1e-6:
            break
    return beta[1:], beta[0]


def accuracy(xs, ys, w, b):
    ok = sum((b + sum(wi * xi for wi, xi in zip(w, x)) > 0) == (y > 0.5) for x, y in zip(xs, ys))
    return ok / max(1, len(xs))


def write_rust(path, w, b, names, stats):
    with open(path, "w", encoding="utf-8") as f:
        f.write("//! Paragraph-break model: generated by `tools/train_breaks.py`; do not edit.\n")
        f.write(f"//! {stats}\n\n")
        f.write("/// Weights for [`crate::reflow::FEATURES`], in order.\n")
        f.write(f"pub const WEIGHTS: [f32; {len(w)}] = [\n")
        for name, wi in zip(names, w):
            f.write(f"    {wi:.5f}, // {name}\n")
        f.write("];\n\n/// Intercept.\n")
        f.write(f"pub const BIAS: f32 = {b:.5f};\n")


def feature_names():
    src = open(os.path.join(ROOT, "crates/core/src/reflow.rs"), encoding="utf-8").read()
    block = src[src.index("pub const FEATURES"):]
    block = block[: block.index("];")]
    return re.findall(r'"([a-z_]+)"', block)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", nargs="+", required=True)
    ap.add_argument("--test", nargs="+", required=True)
    ap.add_argument("--out", default=os.path.join(ROOT, "crates/core/src/reflow_model.rs"))
    args = ap.parse_args()
    binary = features_binary()
    xtr, ytr = load(args.train, binary)
    xte, yte = load(args.test, binary)
    w, b = fit(xtr, ytr)
    tr, te = accuracy(xtr, ytr, w, b), accuracy(xte, yte, w, b)
    name = lambda dirs: " ".join(os.path.basename(os.path.normpath(d)) for d in dirs)
    stats = (f"train ({name(args.train)}): {len(xtr)} boundaries ({int(sum(ytr))} breaks), "
             f"accuracy {tr:.4f}; held out ({name(args.test)}): {len(xte)} boundaries, accuracy {te:.4f}")
    print(stats, file=sys.stderr)
    write_rust(args.out, w, b, feature_names(), stats)
    # Aligned as `cargo fmt` would, so that CI's format check passes.
    subprocess.run(["rustfmt", "--edition", "2021", args.out], check=True)


if __name__ == "__main__":
    main()
