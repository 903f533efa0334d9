#!/usr/bin/env python3
"""Writes schedule_vectors.json: learning rates that torch.optim.lr_scheduler produces, step by step.

Each case builds a real scheduler on a one-parameter SGD optimizer with base lr 0.1 and records the
learning rate used at steps 0..N-1 (optimizer.step() then scheduler.step(), as PyTorch prescribes).
Made with Debian's python3-torch (1.13.1):  /usr/bin/python3 tests/Descent.Tests/Reference/make_schedule_vectors.py
"""
import json
import os

import torch
from torch.optim import lr_scheduler as S

STEPS = 60


def record(make, steps=STEPS, metrics=None):
    p = torch.zeros(1, requires_grad=True)
    opt = torch.optim.SGD([p], lr=0.1)
    sched = make(opt)
    rates = []
    for t in range(steps):
        rates.append(opt.param_groups[0]["lr"])
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[t])
    return rates


def plateau_metrics():
    # improves for 20 steps, flat for 25, improves a little, then flat again
    m = [10.0 - 0.4 * t for t in range(20)]
    m += [2.0] * 25
    m += [1.9 - 0.001 * t for t in range(5)]
    m += [1.895] * (STEPS - len(m))
    return m


CASES = {
    "constant": ({}, lambda o: S.LambdaLR(o, lambda e: 1.0)),
    "step": ({"stepSize": 10, "gamma": 0.5}, lambda o: S.StepLR(o, step_size=10, gamma=0.5)),
    "multistep": ({"milestones": [5, 17, 40], "gamma": 0.3}, lambda o: S.MultiStepLR(o, milestones=[5, 17, 40], gamma=0.3)),
    "exponential": ({"gamma": 0.95}, lambda o: S.ExponentialLR(o, gamma=0.95)),
    "cosine": ({"tMax": 40, "etaMin": 0.001}, lambda o: S.CosineAnnealingLR(o, T_max=40, eta_min=0.001)),
    "cosine warm restarts": ({"t0": 10, "tMult": 1, "etaMin": 0.0}, lambda o: S.CosineAnnealingWarmRestarts(o, T_0=10, T_mult=1, eta_min=0.0)),
    "cosine warm restarts mult 2": ({"t0": 5, "tMult": 2, "etaMin": 0.01}, lambda o: S.CosineAnnealingWarmRestarts(o, T_0=5, T_mult=2, eta_min=0.01)),
    "linear warm-up": ({"startFactor": 0.1, "endFactor": 1.0, "totalIters": 15}, lambda o: S.LinearLR(o, start_factor=0.1, end_factor=1.0, total_iters=15)),
    "one-cycle": ({"maxLr": 0.5, "totalSteps": 60, "pctStart": 0.3, "divFactor": 25.0, "finalDivFactor": 1e4},
                  lambda o: S.OneCycleLR(o, max_lr=0.5, total_steps=60, pct_start=0.3, div_factor=25.0, final_div_factor=1e4)),
    "polynomial": ({"totalIters": 30, "power": 2.0}, lambda o: S.PolynomialLR(o, total_iters=30, power=2.0)),
    "warm-up then cosine": ({"warmup": 10, "startFactor": 0.01, "tMax": 50, "etaMin": 0.0},
                            lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.01, end_factor=1.0, total_iters=10),
                                                         S.CosineAnnealingLR(o, T_max=50, eta_min=0.0)], milestones=[10])),
}


def main():
    out = {"generator": f"torch {torch.__version__}, tests/Descent.Tests/Reference/make_schedule_vectors.py", "baseLr": 0.1, "cases": []}
    for name, (options, make) in CASES.items():
        out["cases"].append({"name": name, "options": options, "rates": record(make)})
    metrics = plateau_metrics()
    out["cases"].append({"name": "reduce on plateau", "options": {"factor": 0.5, "patience": 5, "threshold": 1e-4},
                         "metrics": metrics,
                         "rates": record(lambda o: S.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=5, threshold=1e-4), metrics=metrics)})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schedule_vectors.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {len(out['cases'])} cases to {path}")


if __name__ == "__main__":
    main()
