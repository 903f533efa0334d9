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

import sys

import torch
import torch.optim.nadam  # noqa: F401  (loads the module patched below)

torch.set_default_dtype(torch.float64)


def _single_tensor_nadam_as_documented(params, grads, exp_avgs, exp_avg_sqs, mu_products, state_steps, *,
                                       beta1, beta2, lr, weight_decay, momentum_decay, eps):
    """PyTorch 1.13's own _single_tensor_nadam with one line corrected.

    1.13 computes mu_product_next = mu_product * mu * mu_next, multiplying mu_t in twice; PyTorch 2.0
    corrected it to mu_product * mu_next, which is what the documented algorithm says
    (1 - prod_{i=1}^{t+1} mu_i). Everything else is 1.13's code, line for line.
    """
    for i, param in enumerate(params):
        grad = grads[i]
        exp_avg = exp_avgs[i]
        exp_avg_sq = exp_avg_sqs[i]
        mu_product = mu_products[i]
        step_t = state_steps[i]
        step_t += 1
        step = step_t.item()
        bias_correction2 = 1 - beta2 ** step
        if weight_decay != 0:
            grad = grad.add(param, alpha=weight_decay)
        mu = beta1 * (1. - 0.5 * (0.96 ** (step * momentum_decay)))
        mu_next = beta1 * (1. - 0.5 * (0.96 ** ((step + 1) * momentum_decay)))
        mu_product *= mu
        mu_product_next = mu_product * mu_next  # the corrected line
        exp_avg.mul_(beta1).add_(grad, alpha=1 - beta1)
        exp_avg_sq.mul_(beta2).addcmul_(grad, grad, value=1 - beta2)
        denom = exp_avg_sq.div(bias_correction2).sqrt().add_(eps)
        param.addcdiv_(grad, denom, value=-lr * (1. - mu) / (1. - mu_product.item()))
        param.addcdiv_(exp_avg, denom, value=-lr * mu_next / (1. - mu_product_next.item()))


sys.modules["torch.optim.nadam"]._single_tensor_nadam = _single_tensor_nadam_as_documented

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
    #  [, momentum or beta1 per step [, how many times the six gradients repeat]])
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
    ("adamax", "Adamax", {}, {}, 0.002, None),
    ("adamax weight decay betas", "Adamax", {"weightDecay": 0.1, "beta1": 0.8, "beta2": 0.9, "epsilon": 1e-4},
     {"weight_decay": 0.1, "betas": (0.8, 0.9), "eps": 1e-4}, 0.01, CHANGING),
    ("adadelta", "Adadelta", {}, {}, 1.0, None),
    ("adadelta rho weight decay", "Adadelta", {"rho": 0.5, "epsilon": 1e-3, "weightDecay": 0.2},
     {"rho": 0.5, "eps": 1e-3, "weight_decay": 0.2}, 0.5, CHANGING),
    ("nadam", "NAdam", {}, {}, 0.002, None),
    ("nadam momentum decay weight decay", "NAdam", {"momentumDecay": 0.1, "weightDecay": 0.1, "beta2": 0.9},
     {"momentum_decay": 0.1, "weight_decay": 0.1, "betas": (0.9, 0.9)}, 0.01, CHANGING),
    ("radam", "RAdam", {}, {}, 0.001, None),
    # 30 steps with beta2 = 0.95: rho_t passes 5 at step 6, so both of RAdam's branches run.
    ("radam rectified", "RAdam", {"beta2": 0.95, "weightDecay": 0.05}, {"betas": (0.9, 0.95), "weight_decay": 0.05},
     0.01, None, None, 5),
]

STATE_NAMES = {
    "momentum_buffer": "velocity",
    "sum": "sumOfSquares",
    "square_avg": "squareAverage",
    "grad_avg": "gradientAverage",
    "exp_avg": "firstMoment",
    "exp_avg_sq": "secondMoment",
    "max_exp_avg_sq": "maxSecondMoment",
    "exp_inf": "infinityNorm",
    "acc_delta": "deltaAverage",
}


def run(case):
    name, cls, options, kwargs, lr, multipliers = case[:6]
    momenta = case[6] if len(case) > 6 else None
    repeat = case[7] if len(case) > 7 else 1
    gradients = GRADIENTS * repeat
    theta = torch.tensor(INITIAL, requires_grad=True)
    if cls in ("Adagrad",):
        optimizer = getattr(torch.optim, cls)([theta], lr=lr, **kwargs)
    else:
        optimizer = getattr(torch.optim, cls)([theta], lr=lr, foreach=False, **kwargs)
    rates, after = [], []
    for step, g in enumerate(gradients):
        rate = lr * (multipliers[step % len(multipliers)] if multipliers else 1.0)
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
        "gradients": gradients,
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
