"""Per question, the hidden assert that checks an answer without the course's checker (what patching it cannot fool).

A graded test cell first asks the question's checker (``qN.grade(...)``); a learner's own cell could replace
that checker (``q2._checker = lambda *a: ...``) or patch ``judge``, and a test that only asks it would then give
full marks (PITFALLS, "Grading with nbgrader"). So each test cell also holds, between nbgrader's hidden-test
markers, an assert that computes the right answer itself, from the exercise's own numbers, with torch and math
imported inside the cell and no course code:

- an answer that is plain data (a number, a word, a list of them: predictions such as Lesson 8's ``order``) is
  compared with the course's solution, run when the assignment is written and written into the cell as literals;
- Lesson 6's tensors are compared with the exact numbers of the exercise (``9 * 2.0**2 - 4`` for dy/dx);
- a learner's function or class (Lessons 7, 9, 10, 11) is run inside the test cell on fresh inputs, and its
  values and gradients compared with torch's on the same inputs.

What it cannot stop: the learner's code runs in the grading kernel, so a learner determined to cheat can
patch torch, math or builtins themselves; the class report lists every answer the checker called right and
the hidden assert did not, for the instructor to read.
"""

import math
import textwrap

import torch

TOLERANCE = "rel_tol=1e-4, abs_tol=1e-5"
IMPORTS = ("import math as _math, torch as _torch, warnings as _warnings\n"
           "_number = lambda v: float(v) if not hasattr(v, 'shape') else float(_torch.as_tensor(v).reshape(-1)[0])\n")
QUIET = "with _warnings.catch_warnings():  # a warning on stderr would cost the cell its points\n" \
        "    _warnings.simplefilter('ignore')\n"


def _close(expression, expected, what):
    """An assert that expression is one number close to expected (a float, a NumPy number, a one-number tensor)."""
    return (f"assert _math.isclose(_number({expression}), {expected}, {TOLERANCE}), "
            f"'hidden test: {what}'\n")


def _tensor(name, want, what):
    """An assert that name is a tensor holding the numbers want (a list, or one number)."""
    return (f"assert _torch.is_tensor({name}), 'hidden test: `{name}` is not a tensor'\n"
            f"assert _torch.allclose({name}.detach().double().reshape(-1), "
            f"_torch.tensor({want!r}, dtype=_torch.float64).reshape(-1), rtol=1e-4, atol=1e-5), "
            f"'hidden test: {what}'\n")


def _leaf_grad(name, value, grad, what):
    """An assert that name holds value and its .grad holds grad (numbers or lists)."""
    return _tensor(name, value, f"`{name}` does not start from {value}") + _tensor(f"{name}.grad", grad, what)


PRACTICE = {
    "q1": _tensor("answer", [9 * 2.0**2 - 4], "dy/dx of 3x³ − 4x at x = 2 is 9x² − 4 = 32"),
    "q2": _tensor("dz_dx", [2 * 1.0 * 2.0], "∂z/∂x = 2xy = 4 at (1, 2)")
          + _tensor("dz_dy", [1.0**2 + 5], "∂z/∂y = x² + 5 = 6 at (1, 2)"),
    "q3": _close("after_two", 2 * (4 * 3.0), "two backward passes of 2x² at x = 3 give 24")
          + _close("after_reset", 4 * 3.0, "after the reset, one backward gives 12"),
    "q5": _leaf_grad("w", [3.0], [4 * (2 * 3.0 + 2.0 - 10)], "∂loss/∂w = 4(2w + b − 10) = −8")
          + _leaf_grad("b", [2.0], [2 * (2 * 3.0 + 2.0 - 10)], "∂loss/∂b = 2(2w + b − 10) = −4"),
    "q6": _close("prediction", 2.0**2, "`square` is a constant 4 to autograd, so x.grad is 4"),
    "q7": _leaf_grad("x", [3.0], [4 * 3.0 + 2 * 3.0 + 1], "d(loss1 + loss2)/dx = 6x + 1 = 19"),
    "q8": _leaf_grad("x", [1.0, 2.0, 3.0], [3 * v**2 for v in (1.0, 2.0, 3.0)], "x.grad is 3x² per entry"),
    "q9": _close("prediction", 2 * (2 * 1.0 + 3), "two runs add 5 + 5 into x.grad"),
    "q10": _tensor("w", [1.0 - 0.1 * 2 * (1.0 - 3)], "one step moves w from 1 to 1.4")
           + "assert w.is_leaf and w.requires_grad and w._version > 0, "
             "'hidden test: w must stay the tracked leaf, changed in place where autograd counts it'\n",
    "q4": textwrap.dedent("""\
        _leaves = (x, y, z)
        assert all(_torch.is_tensor(t) and t.is_leaf and t.grad is not None for t in _leaves), \\
            'hidden test: x, y and z must be tracked leaves that a backward pass filled'
        _v = [t.detach().double().item() for t in _leaves]
        _g = [t.grad.detach().double().item() for t in _leaves]
        _rel = max(1e-4, 4 * max(_torch.finfo(t.dtype).eps for t in _leaves))
        _big = max(abs(v) for v in _v)
        assert min(abs(v) for v in _v) >= 0.01 and _big <= 1e4 and _big <= 0.1 / _rel * min(abs(v) for v in _v) \\
            and all(abs(a - b) >= max(0.01, 4 * _rel) * _big and abs(a + b) >= max(0.01, 4 * _rel) * _big
                    for a, b in ((_v[0], _v[1]), (_v[1], _v[2]), (_v[0], _v[2]))), \\
            'hidden test: at these values a wrong f could give the same gradients'
        _want = [_v[1] + _v[2], _v[0] + _v[2], _v[0] + _v[1]]
        _tol = _rel * max(map(abs, _want))
        assert all(_math.isclose(g, w, rel_tol=_rel, abs_tol=_tol) for g, w in zip(_g, _want)), \\
            'hidden test: each gradient of xy + yz + xz is the sum of the other two values'
        """),
}

ENGINE = {  # Lesson 7: the learner's Value, one op's _backward called with an upstream gradient of 3
    "q1": ("_y = _x.exp()", "_torch.exp(_t)", (0.5, -1.3, 2.0), None),
    "q2": ("_y = _x ** _p", "_t ** _s", (1.7, 0.6), (2.5, -1.2)),
    "q3": ("_y = _x.sigmoid()", "_torch.sigmoid(_t)", (0.5, -1.3, 2.0), None),
}


def engine_test(build, torch_build, bases, exponents):
    """The hidden test of a Lesson 7 op: the value and each input's grad against torch (upstream 3, a prior grad)."""
    pairs = [(a, b) for a in bases for b in (exponents or (None,))]
    return textwrap.dedent(f"""\
        for _a, _b in {pairs!r}:
            _x = Value(_a)
            _x.grad = 1.0  # backward adds: the op's share comes on top
            _p = Value(_b) if _b is not None else None
            {build}
            _y.grad = 3.0
            _y._backward()
            _t = _torch.tensor(_a, dtype=_torch.float64, requires_grad=True)
            _s = _torch.tensor(_b if _b is not None else 0.0, dtype=_torch.float64, requires_grad=True)
            _out = {torch_build}
            _out.backward(_torch.tensor(3.0, dtype=_torch.float64))
            assert _math.isclose(_y.data, _out.item(), rel_tol=1e-6), 'hidden test: the value is not torch\\'s'
            assert _math.isclose(_x.grad, 1.0 + _t.grad.item(), rel_tol=1e-6), \\
                'hidden test: the input\\'s grad is not 1 + torch\\'s (upstream gradient 3)'
            if _p is not None:
                assert _math.isclose(_p.grad, _s.grad.item(), rel_tol=1e-6), 'hidden test: the exponent\\'s grad'
        """)


FUNCTIONS = {  # Lessons 9 and 10: the learner's function on fresh inputs, against torch on the same inputs
    "when_gradients_go_wrong.q1": """
        _x = _torch.tensor([-1.0, 0.0, 0.25, 4.0], dtype=_torch.float64, requires_grad=True)
        _out = sqrt_or_zero(_x)
        _out.sum().backward()
        assert _torch.allclose(_out.detach(), _torch.tensor([0.0, 0.0, 0.5, 2.0], dtype=_torch.float64)), \\
            'hidden test: √x where x > 0, else 0'
        assert _torch.allclose(_x.grad, _torch.tensor([0.0, 0.0, 1.0, 0.25], dtype=_torch.float64)), \\
            'hidden test: the gradient is 1/(2√x) where x > 0, else 0, with no nan'
        """,
    "when_gradients_go_wrong.q2": """
        _w = _torch.tensor(0.7, dtype=_torch.float64, requires_grad=True)
        _xs = _torch.tensor([1.0, -2.0, 3.0], dtype=_torch.float64)
        _ys = _torch.tensor([0.5, 1.0, 2.0], dtype=_torch.float64)
        _out = loss_fn(_w, _xs, _ys)
        _out.backward()
        _want = ((0.7 * _xs - _ys) ** 2).mean()
        _dw = (2 * (0.7 * _xs - _ys) * _xs).mean()
        assert _torch.is_tensor(_out) and _math.isclose(_out.item(), _want.item(), rel_tol=1e-6), \\
            'hidden test: the mean squared error'
        assert _math.isclose(_w.grad.item(), _dw.item(), rel_tol=1e-6), 'hidden test: its gradient in w'
        """,
    "when_gradients_go_wrong.q3": """
        _x = _torch.tensor([-3.0, -0.5, 0.0, 2.0], dtype=_torch.float64, requires_grad=True)
        _v = _torch.tensor([1.0, 2.0, -1.0, 0.5], dtype=_torch.float64)
        _out = Sigmoid.apply(_x)
        _out.backward(_v)
        _s = _torch.sigmoid(_x.detach())
        assert _torch.allclose(_out.detach(), _s), 'hidden test: the forward is the sigmoid'
        assert _torch.allclose(_x.grad, _v * _s * (1 - _s)), 'hidden test: backward gives grad_output · s(1 − s)'
        """,
    "when_gradients_go_wrong.q4": """
        _totals = _torch.tensor([6.0, 0.0, 5.0, 3.0], dtype=_torch.float64, requires_grad=True)
        _counts = _torch.tensor([3.0, 0.0, 2.0, 0.0], dtype=_torch.float64)
        _out = mean_per_group(_totals, _counts)
        _out.sum().backward()
        assert _torch.allclose(_out.detach(), _torch.tensor([2.0, 0.0, 2.5, 0.0], dtype=_torch.float64)), \\
            'hidden test: totals / counts, 0 where the count is 0'
        assert _torch.allclose(_totals.grad, _torch.tensor([1 / 3, 0.0, 0.5, 0.0], dtype=_torch.float64)), \\
            'hidden test: the gradient is 1/count, 0 where the count is 0, with no nan'
        """,
    "beyond_one_gradient.q2": """
        _f = lambda t: _torch.sin(t) * t.sum()
        _x = _torch.tensor([0.3, -1.2, 2.0], dtype=_torch.float64)
        _v = _torch.tensor([1.0, 0.5, -2.0], dtype=_torch.float64)
        _out = jvp_forward(_f, _x, _v)
        _want = _torch.func.jvp(_f, (_x,), (_v,))[1]
        assert _torch.is_tensor(_out) and _torch.allclose(_out, _want), 'hidden test: J v, as torch.func.jvp gives it'
        """,
    "beyond_one_gradient.q3": """
        _loss = lambda w, x, y: (x @ w - y) ** 2
        _gen = _torch.Generator().manual_seed(7)
        _w = _torch.randn(3, generator=_gen, dtype=_torch.float64)
        _X = _torch.randn(5, 3, generator=_gen, dtype=_torch.float64)
        _Y = _torch.randn(5, generator=_gen, dtype=_torch.float64)
        _out = per_sample_grads(_loss, _w, _X, _Y)
        _want = _torch.stack([2 * (_X[i] @ _w - _Y[i]) * _X[i] for i in range(5)])
        assert _torch.is_tensor(_out) and _torch.allclose(_out, _want), 'hidden test: one gradient per example'
        """,
    "beyond_one_gradient.q4": """
        _f = lambda t: (t ** 3).sum() + t[0] * t[1]
        _x = _torch.tensor([0.5, -1.0, 2.0], dtype=_torch.float64)
        _v = _torch.tensor([1.0, 2.0, -1.0], dtype=_torch.float64)
        _out = hvp(_f, _x, _v)
        _want = _torch.autograd.functional.hessian(_f, _x) @ _v
        assert _torch.is_tensor(_out) and _torch.allclose(_out, _want), 'hidden test: H v'
        """,
    "inside_pytorch_backward.q4": """
        assert _torch.is_tensor(x) and x.is_leaf and x.grad is not None, 'hidden test: x is a leaf backward filled'
        _e = _torch.exp(_torch.tensor([-1.0, 0.5, 2.0], dtype=_torch.float64)) + 1
        assert _math.isclose(float(loss), (_e * _e).sum().item(), rel_tol=1e-5), 'hidden test: loss = Σ (eˣ + 1)²'
        assert _torch.allclose(x.grad.double(), 2 * _e * (_e - 1), rtol=1e-5), 'hidden test: x.grad = 2(eˣ + 1)eˣ'
        """,
}

# Lesson 11: the learner's fit against the same loop written here, from the same fresh model and data
TRAINING = """
    from autograd_lessons import fresh_model_and_data as _fresh
    import torch.nn.functional as _F
    _model, _X, _Y = _fresh()
    _losses = fit(_model, _X, _Y)
    _ref, _, _ = _fresh()
    {freeze}
    _opt = _torch.optim.SGD([p for p in _ref.parameters() if p.requires_grad], lr=2.0)
    _want = []
    for _step in range(60):
        _l = _F.binary_cross_entropy_with_logits(_ref(_X).squeeze(1), _Y)
        _opt.zero_grad()
        _l.backward()
        _opt.step()
        _want.append(_l.item())
    assert len(_losses) == 60 and all(_math.isclose(float(a), b, rel_tol=1e-3, abs_tol=1e-4)
                                      for a, b in zip(_losses, _want)), 'hidden test: the losses of a working loop'
    assert all(_torch.allclose(p, q, rtol=1e-3, atol=1e-4) for p, q in zip(_model.parameters(), _ref.parameters())), \\
        'hidden test: the trained parameters of a working loop'
    """


def training_test(question_name):
    """The hidden test of a Lesson 11 question: q4 trains only the new head, the others every parameter."""
    freeze = "_ref[0].requires_grad_(False)" if question_name == "q4" else "pass"
    return textwrap.dedent(TRAINING).format(freeze=freeze)


def plain_data(value):
    """True for what a literal can hold exactly: None, bools, numbers, strings, and lists or tuples of them."""
    if isinstance(value, (list, tuple)):
        return all(plain_data(item) for item in value)
    return value is None or isinstance(value, (bool, int, float, str))


def data_test(question):
    """The hidden test of a question whose answers are plain data: the solution's values, run now, as literals.

    Returns None when the solution's answers are not plain data (tensors, functions, classes).
    """
    namespace = {"torch": torch, "math": math}
    try:
        exec(question.solution_code, namespace)  # the course's own solution, run once when the assignment is written
    except Exception:
        return None
    values = [namespace.get(name, Ellipsis) for name in question.arguments]
    if not all(plain_data(value) for value in values):
        return None
    lines = ["def _same(a, b):",
             "    if isinstance(b, str):",
             "        return isinstance(a, str) and a.strip().casefold() == b.strip().casefold()",
             "    if isinstance(b, (list, tuple)):",
             "        return isinstance(a, (list, tuple)) and len(a) == len(b) and all(map(_same, a, b))",
             "    if isinstance(b, (int, float)) and not isinstance(b, bool):",
             f"        return not isinstance(a, (str, bool)) and _math.isclose(float(a), b, {TOLERANCE})",
             "    return a == b"]
    for name, value in zip(question.arguments, values):
        lines.append(f"assert _same({name}, {value!r}), 'hidden test: `{name}` is not the expected answer'")
    return "\n".join(lines) + "\n"


def hidden_test(lesson_stem, question):
    """Return the source of the hidden assert for a question, or None when none is known (the tool then says so)."""
    key = f"{lesson_stem}.{question.name}"
    if lesson_stem == "practice_exercises" and question.name in PRACTICE:
        body = PRACTICE[question.name]
    elif lesson_stem == "build_your_own_autograd" and question.name in ENGINE:
        body = engine_test(*ENGINE[question.name])
    elif key in FUNCTIONS:
        body = textwrap.dedent(FUNCTIONS[key]).lstrip("\n")
    elif lesson_stem == "training_a_network":
        body = training_test(question.name)
    else:
        body = data_test(question)
    return None if body is None else IMPORTS + QUIET + textwrap.indent(body, "    ")
