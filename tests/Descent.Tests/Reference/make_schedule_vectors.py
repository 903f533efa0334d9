#!/usr/bin/env python3
"""Writes schedule_vectors.json: learning rates that torch.optim.lr_scheduler produces, step by step.

Each case builds a real scheduler on a one-parameter optimizer (SGD with base lr 0.1 unless the case says
otherwise) and records the learning rate used at steps 0..N-1 (optimizer.step() then scheduler.step(), as
PyTorch prescribes). "baseLr" is the optimizer rate the C# schedule is given: the optimizer's lr, except
for OneCycleLR, whose max_lr is the C# optimizer's rate. OneCycle cases also record the momentum used at
each step ("momenta": SGD's momentum or Adam's beta1), and "optimizerMomentum", the optimizer's own.
Made with Debian's python3-torch (1.13.1):  /usr/bin/python3 tests/Descent.Tests/Reference/make_schedule_vectors.py
"""
import json
import os

import torch
from torch.optim import lr_scheduler as S

STEPS = 60


def momentum_of(group):
    return group["betas"][0] if "betas" in group else group["momentum"]


def record(make, steps=STEPS, metrics=None, optimizer=None):
    p = torch.zeros(1, requires_grad=True)
    p.grad = torch.ones(1)
    opt = optimizer([p]) if optimizer else torch.optim.SGD([p], lr=0.1)
    sched = make(opt)
    rates, momenta = [], []
    for t in range(steps):
        rates.append(opt.param_groups[0]["lr"])
        momenta.append(momentum_of(opt.param_groups[0]))
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[t])
    return rates, momenta


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
    "polynomial": ({"totalIters": 30, "power": 2.0}, lambda o: S.PolynomialLR(o, total_iters=30, power=2.0)),
    # reaches exactly 0 at step 25 and stays there
    "polynomial linear to zero": ({"totalIters": 25, "power": 1.0}, lambda o: S.PolynomialLR(o, total_iters=25, power=1.0)),
    "polynomial square root": ({"totalIters": 40, "power": 0.5}, lambda o: S.PolynomialLR(o, total_iters=40, power=0.5)),
    # reaches exactly 0 at step 30, then climbs back along the cosine
    "cosine to zero": ({"tMax": 30, "etaMin": 0.0}, lambda o: S.CosineAnnealingLR(o, T_max=30, eta_min=0.0)),
    # LinearLR as a decay to 0 (end_factor 0)
    "linear decay to zero": ({"startFactor": 1.0, "endFactor": 0.0, "totalIters": 20},
                             lambda o: S.LinearLR(o, start_factor=1.0, end_factor=0.0, total_iters=20)),
    "exponential growth": ({"gamma": 1.1}, lambda o: S.ExponentialLR(o, gamma=1.1)),
    "step growth": ({"stepSize": 7, "gamma": 1.5}, lambda o: S.StepLR(o, step_size=7, gamma=1.5)),
    # inverse-time decay: f(t) = 1 / (1 + 0.1 t)
    "lambda inverse time": ({"lambda": "1 / (1 + 0.1 t)"}, lambda o: S.LambdaLR(o, lambda e: 1.0 / (1 + 0.1 * e))),
    # linear to 0 at step 40, then 0
    "lambda to zero": ({"lambda": "max(0, 1 - t / 40)"}, lambda o: S.LambdaLR(o, lambda e: max(0.0, 1 - e / 40))),
    "warm-up then cosine": ({"warmup": 10, "startFactor": 0.01, "tMax": 50, "etaMin": 0.0},
                            lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.01, end_factor=1.0, total_iters=10),
                                                         S.CosineAnnealingLR(o, T_max=50, eta_min=0.0)], milestones=[10])),
}


def sgd(momentum):
    return lambda params: torch.optim.SGD(params, lr=0.1, momentum=momentum)


def adam(beta1):
    return lambda params: torch.optim.Adam(params, lr=0.1, betas=(beta1, 0.999))


# name: (options, max_lr, total_steps, optimizer factory, optimizer's own momentum, OneCycleLR keyword arguments)
ONE_CYCLE = {
    "one-cycle": ({}, 0.5, 60, sgd(0.0), 0.0, {}),
    "one-cycle linear": ({"anneal": "linear", "pctStart": 0.25}, 0.4, 50, sgd(0.9), 0.9,
                         {"anneal_strategy": "linear", "pct_start": 0.25}),
    "one-cycle three-phase": ({"threePhase": True}, 0.5, 60, sgd(0.9), 0.9, {"three_phase": True}),
    "one-cycle three-phase linear": ({"threePhase": True, "anneal": "linear", "pctStart": 0.4, "divFactor": 10.0,
                                      "finalDivFactor": 100.0, "baseMomentum": 0.8, "maxMomentum": 0.9},
                                     0.3, 40, sgd(0.5), 0.5,
                                     {"three_phase": True, "anneal_strategy": "linear", "pct_start": 0.4,
                                      "div_factor": 10.0, "final_div_factor": 100.0, "base_momentum": 0.8,
                                      "max_momentum": 0.9}),
    "one-cycle adam": ({"baseMomentum": 0.8, "maxMomentum": 0.95, "pctStart": 0.2}, 0.01, 45, adam(0.9), 0.9,
                       {"base_momentum": 0.8, "max_momentum": 0.95, "pct_start": 0.2}),
    "one-cycle without momentum": ({"cycleMomentum": False}, 0.2, 30, sgd(0.9), 0.9, {"cycle_momentum": False}),
}


def main():
    out = {"generator": f"torch {torch.__version__}, tests/Descent.Tests/Reference/make_schedule_vectors.py",
           "baseLr": 0.1, "cases": []}
    for name, (options, make) in CASES.items():
        rates, _ = record(make)
        out["cases"].append({"name": name, "options": options, "baseLr": 0.1, "rates": rates})
    for name, (options, max_lr, total, optimizer, own, kwargs) in ONE_CYCLE.items():
        rates, momenta = record(lambda o: S.OneCycleLR(o, max_lr=max_lr, total_steps=total, **kwargs),
                                steps=total, optimizer=optimizer)
        out["cases"].append({"name": name, "options": dict(options, totalSteps=total), "baseLr": max_lr,
                             "optimizerMomentum": own, "rates": rates, "momenta": momenta})
    metrics = plateau_metrics()
    out["cases"].append({"name": "reduce on plateau", "options": {"factor": 0.5, "patience": 5, "threshold": 1e-4},
                         "metrics": metrics,
                         "baseLr": 0.1,
                         "rates": record(lambda o: S.ReduceLROnPlateau(o, mode="min", factor=0.5, patience=5, threshold=1e-4),
                                         metrics=metrics)[0]})
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "schedule_vectors.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {len(out['cases'])} cases to {path}")


if __name__ == "__main__":
    main()
