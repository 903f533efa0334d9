#!/usr/bin/env python3
"""Writes torch_vectors.json: the reference numbers the optimizer tests compare against.

Every case runs a real torch.optim optimizer in float64 on a fixed list of gradients (fed in
directly, so the C# side can feed exactly the same ones) and records the parameters after each
step and the optimizer state at the end. Made with Debian's python3-torch (1.13.1):

    apt-get install -y --no-install-recommends python3-torch
    /usr/bin/python3 tests/Descent.Tests/Reference/make_torch_vectors.py

CI does not need torch: the JSON is committed. Rerun this only to add cases.
"""
import json
import os

import torch

torch.set_default_dtype(torch.float64)

INITIAL = [1.0, -2.0, 0.5, 3.0, -0.125]
# Six steps of gradients. Column 2 is always zero (only weight decay moves it); column 3 mixes
# ordinary and very large components (1e8, 1e150); column 4 changes sign every step.
GRADIENTS = [
    [0.5, -1.5, 0.0, 1e8, 0.3],
    [0.25, 2.0, 0.0, -3e7, -0.3],
    [-0.75, 1e-3, 0.0, 1e150, 0.3],
    [0.1, -0.4, 0.0, 2.5, -0.3],
    [1.25, 0.6, 0.0, -1e8, 0.3],
    [-0.2, 0.05, 0.0, 0.5, -0.3],
]
# A schedule that changes the learning rate between steps (momentum buffers must not care).
CHANGING = [1.0, 1.0, 0.5, 0.5, 2.0, 0.25]
# A momentum (SGD/RMSprop) or beta1 (Adam) that changes between steps, as OneCycle's momentum cycling does.
MOMENTA = [0.95, 0.9, 0.85, 0.9, 0.95, 0.0]

CASES = [
    # (name, torch class, C# options, torch kwargs, base lr, lr multipliers per step or None
    #  [, momentum or beta1 per step])
    ("sgd", "SGD", {}, {}, 0.1, None),
    ("sgd weight decay", "SGD", {"weightDecay": 0.3}, {"weight_decay": 0.3}, 0.1, None),
    ("sgd momentum", "SGD", {"momentum": 0.9}, {"momentum": 0.9}, 0.05, None),
    ("sgd momentum dampening", "SGD", {"momentum": 0.8, "dampening": 0.3}, {"momentum": 0.8, "dampening": 0.3}, 0.05, None),
    ("sgd nesterov", "SGD", {"momentum": 0.9, "nesterov": True}, {"momentum": 0.9, "nesterov": True}, 0.05, None),
    ("sgd nesterov weight decay", "SGD", {"momentum": 0.7, "nesterov": True, "weightDecay": 0.1},
     {"momentum": 0.7, "nesterov": True, "weight_decay": 0.1}, 0.05, None),
    ("sgd momentum changing lr", "SGD", {"momentum": 0.9}, {"momentum": 0.9}, 0.05, CHANGING),
    ("sgd momentum zero lr", "SGD", {"momentum": 0.9}, {"momentum": 0.9}, 0.0, None),
    ("sgd changing momentum", "SGD", {"momentum": 0.95}, {"momentum": 0.95}, 0.05, None, MOMENTA),
    ("adagrad", "Adagrad", {}, {}, 0.1, None),
    ("adagrad lr decay", "Adagrad", {"learningRateDecay": 0.5}, {"lr_decay": 0.5}, 0.1, None),
    ("adagrad weight decay", "Adagrad", {"weightDecay": 0.2}, {"weight_decay": 0.2}, 0.1, None),
    ("adagrad initial accumulator", "Adagrad", {"initialAccumulatorValue": 0.4, "epsilon": 1e-6},
     {"initial_accumulator_value": 0.4, "eps": 1e-6}, 0.1, None),
    ("adagrad all options", "Adagrad", {"learningRateDecay": 0.1, "weightDecay": 0.05, "initialAccumulatorValue": 0.1},
     {"lr_decay": 0.1, "weight_decay": 0.05, "initial_accumulator_value": 0.1}, 0.3, None),
    ("rmsprop", "RMSprop", {}, {}, 0.01, None),
    ("rmsprop alpha", "RMSprop", {"alpha": 0.9, "epsilon": 1e-6}, {"alpha": 0.9, "eps": 1e-6}, 0.01, None),
    ("rmsprop weight decay", "RMSprop", {"weightDecay": 0.1}, {"weight_decay": 0.1}, 0.01, None),
    ("rmsprop momentum", "RMSprop", {"momentum": 0.9}, {"momentum": 0.9}, 0.01, None),
    ("rmsprop centered", "RMSprop", {"centered": True}, {"centered": True}, 0.01, None),
    ("rmsprop centered momentum weight decay", "RMSprop", {"centered": True, "momentum": 0.5, "weightDecay": 0.05, "alpha": 0.95},
     {"centered": True, "momentum": 0.5, "weight_decay": 0.05, "alpha": 0.95}, 0.01, None),
    ("rmsprop momentum changing lr", "RMSprop", {"momentum": 0.9}, {"momentum": 0.9}, 0.01, CHANGING),
    ("rmsprop changing momentum", "RMSprop", {"momentum": 0.95}, {"momentum": 0.95}, 0.01, None, MOMENTA),
    ("adam", "Adam", {}, {}, 0.001, None),
    ("adam betas", "Adam", {"beta1": 0.5, "beta2": 0.9, "epsilon": 1e-4}, {"betas": (0.5, 0.9), "eps": 1e-4}, 0.1, None),
    ("adam weight decay", "Adam", {"weightDecay": 0.1}, {"weight_decay": 0.1}, 0.01, None),
    ("adam amsgrad", "Adam", {"amsGrad": True}, {"amsgrad": True}, 0.01, None),
    ("adam amsgrad weight decay", "Adam", {"amsGrad": True, "weightDecay": 0.2, "beta2": 0.9},
     {"amsgrad": True, "weight_decay": 0.2, "betas": (0.9, 0.9)}, 0.01, None),
    ("adam changing lr", "Adam", {}, {}, 0.01, CHANGING),
    ("adam zero lr", "Adam", {}, {}, 0.0, None),
    ("adam changing beta1", "Adam", {"beta1": 0.95}, {"betas": (0.95, 0.999)}, 0.01, None, MOMENTA),
    ("adamw", "AdamW", {}, {}, 0.001, None),
    ("adamw strong decay", "AdamW", {"weightDecay": 0.5}, {"weight_decay": 0.5}, 0.05, None),
    ("adamw amsgrad", "AdamW", {"amsGrad": True, "weightDecay": 0.1}, {"amsgrad": True, "weight_decay": 0.1}, 0.01, None),
    ("adamw zero decay", "AdamW", {"weightDecay": 0.0}, {"weight_decay": 0.0}, 0.01, None),
]

STATE_NAMES = {
    "momentum_buffer": "velocity",
    "sum": "sumOfSquares",
    "square_avg": "squareAverage",
    "grad_avg": "gradientAverage",
    "exp_avg": "firstMoment",
    "exp_avg_sq": "secondMoment",
    "max_exp_avg_sq": "maxSecondMoment",
}


def run(case):
    name, cls, options, kwargs, lr, multipliers = case[:6]
    momenta = case[6] if len(case) > 6 else None
    theta = torch.tensor(INITIAL, requires_grad=True)
    if cls in ("Adagrad",):
        optimizer = getattr(torch.optim, cls)([theta], lr=lr, **kwargs)
    else:
        optimizer = getattr(torch.optim, cls)([theta], lr=lr, foreach=False, **kwargs)
    rates, after = [], []
    for step, g in enumerate(GRADIENTS):
        rate = lr * (multipliers[step] if multipliers else 1.0)
        for group in optimizer.param_groups:
            group["lr"] = rate
            if momenta and cls == "Adam":
                group["betas"] = (momenta[step], group["betas"][1])
            elif momenta:
                group["momentum"] = momenta[step]
        theta.grad = torch.tensor(g)
        optimizer.step()
        rates.append(rate)
        after.append(theta.detach().tolist())
    state = {STATE_NAMES[k]: v.tolist() for k, v in optimizer.state[theta].items()
             if k in STATE_NAMES and torch.is_tensor(v) and v.numel() == len(INITIAL)}
    result = {
        "name": name,
        "optimizer": cls,
        "options": options,
        "learningRates": rates,
        "initial": INITIAL,
        "gradients": GRADIENTS,
        "expected": after,
        "finalState": state,
    }
    if momenta:
        result["momenta"] = momenta
    return result


def main():
    out = {
        "generator": f"torch {torch.__version__}, float64, tests/Descent.Tests/Reference/make_torch_vectors.py",
        "cases": [run(c) for c in CASES],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "torch_vectors.json")
    with open(path, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {len(out['cases'])} cases to {path}")


if __name__ == "__main__":
    main()
