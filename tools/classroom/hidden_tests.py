"""Per question, the hidden assert that checks an answer without the course's checker (what patching it cannot fool).

A graded test cell first asks the question's checker (``qN.grade(...)``); a learner's own cell could replace
that checker (``q2._checker = lambda *a: ...``) or patch ``judge``, and a test that only asks it would then give
full marks (PITFALLS, "Grading with nbgrader"). So each test cell also holds, between nbgrader's hidden-test
markers, an assert that computes the right answer itself, from the exercise's own numbers, with torch and math
imported inside the cell and no course code:

- an answer that is plain data (a number, a word, a list of them: predictions such as Lesson 8's ``order``) is
  compared with the course's solution, run when the assignment is written and written into the cell as literals;
- Lesson 6's tensors are compared with the exact numbers of the exercise (``9 * 2.0**2 - 4`` for dy/dx);
- a learner's function or class (Lessons 7, 9 to 13) is run inside the test cell on fresh inputs and judged by
  what torch measures there: its values and gradients against torch's (Lesson 7's through the learner's own
  ``backward()``), gradcheck, gradgradcheck and vmap (Lesson 12), the matrix products a backward runs
  (``FlopCounterMode``), the memory a forward saves (a saved-tensors hook), and the weights after training steps
  against the same steps written in the cell (Lessons 11 and 13);
- a number that depends on the lesson's own data (Lesson 13's bfloat16 gradients) is measured when the
  assignment is written, by running the notebook's own cells, and written into the cell as a literal.

What it cannot stop: the learner's code runs in the grading kernel, so a learner determined to cheat can
patch torch, math or builtins themselves; the class report lists every answer the checker called right and
the hidden assert did not, for the instructor to read.
"""

import contextlib
import functools
import io
import math
import re
import textwrap

import nbformat
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

# Lesson 7: the learner's Value through its own backward(), on expressions of x and y that use the op: the op
# followed by `* 3` (a gradient that is not 1 reaches it), one value of it used twice (backward must add, and wait
# for both users), the op mixed with + and *; and for `**`, number exponents at negative bases (the lesson divides
# and squares with them). Each is built twice, from Values and from float64 tensors, and compared with torch.
ENGINE = {  # question -> (the op as text of its inputs, points for a one-input op or a Value exponent)
    "q1": ("({}).exp()", [(0.5, 0.3), (-1.3, 0.7), (2.0, -0.4)]),
    "q2": ("({}) ** ({})", [(1.7, 0.6), (0.8, -1.2), (1.3, 2.5)]),
    "q3": ("({}).sigmoid()", [(0.5, 0.3), (-1.3, 0.7), (2.0, -0.4)]),
}
NUMBER_POWERS = [("x ** 3", (-1.5, 0.0)), ("x ** 3", (0.5, 0.0)), ("x ** -1", (-0.8, 0.0)),
                 ("x ** 0.5", (0.64, 0.0)), ("x * y ** -1", (1.5, -0.5)), ("(x + y * -1) ** 2", (0.5, 1.5))]


def engine_cases(op, points):
    """[(expression of x and y, (x, y))] that the hidden test of a Lesson 7 op runs."""
    binary = op.count("{}") == 2
    f = (lambda a, b: op.format(a, b)) if binary else (lambda a, b=None: op.format(a))
    cases = [(f"{f('x', 'y')} * 3", point) for point in points]
    cases += [(f"_diamond({f('x', 'y')})", points[0]), (f"_twice({f('x', 'y')})", points[1]),
              (f"({f('x', 'y')} + y) * {f('x', 'y * x' if binary else 'x * y')} + x", points[2]),
              (f"{f(f('x', 'y') + ' * 0.5', 'y')} * y + x", points[0])]
    return cases + (NUMBER_POWERS if binary else [])


def engine_test(op, points):
    """The hidden test of a Lesson 7 op: the value and each input's grad, through backward(), against torch's."""
    rows = ",\n    ".join(f"(lambda x, y: {text}, {point!r})" for text, point in engine_cases(op, points))
    return textwrap.dedent("""\
        _diamond = lambda m: m * 2 + m * 3
        _twice = lambda m: m + m
        for _build, _point in [
            {rows}]:
            _vs = [Value(_v) for _v in _point]
            _ts = [_torch.tensor(_v, dtype=_torch.float64, requires_grad=True) for _v in _point]
            _out, _want = _build(*_vs), _build(*_ts)
            _want.backward()
            _out.backward()
            assert _math.isclose(_out.data, _want.item(), rel_tol=1e-6), 'hidden test: the value is not torch\\'s'
            for _v, _t in zip(_vs, _ts):
                assert _math.isclose(_v.grad, 0.0 if _t.grad is None else _t.grad.item(), rel_tol=1e-6,
                                     abs_tol=1e-9), 'hidden test: a grad after backward() is not torch\\'s'
        """).replace("{rows}", rows)


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
        {close_levels}
        class _Cube(_torch.autograd.Function):  # forward mode only: reverse mode cannot get through it
            @staticmethod
            def forward(t):
                return t ** 3
            @staticmethod
            def setup_context(ctx, inputs, output):
                ctx.save_for_forward(inputs[0])
            @staticmethod
            def jvp(ctx, tangent):
                return 3 * ctx.saved_tensors[0] ** 2 * tangent
        _x = _torch.tensor([0.3, -1.2, 2.0], dtype=_torch.float64)
        _v = _torch.tensor([1.0, 0.5, -2.0], dtype=_torch.float64)
        _cases = ((lambda t: _torch.sin(t) * t.sum(), None), (lambda t: _Cube.apply(t) + t, 3 * _x ** 2 * _v + _v))
        for _f, _want in _cases:
            if _want is None:
                _want = _torch.func.jvp(_f, (_x,), (_v,))[1]
            _out = jvp_forward(_f, _x, _v)
            _open = _fwAD._current_level >= 0
            {close_levels_inner}
            assert not _open, 'hidden test: jvp_forward returns with its dual level still open'
            assert _torch.is_tensor(_out) and _torch.allclose(_out, _want), 'hidden test: J v, in forward mode'
        """,
    "beyond_one_gradient.q3": """
        {close_levels}
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
        {close_levels}
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

# a dual level an earlier cell left open would make every forward-mode call raise: not this answer's fault
CLOSE_LEVELS = ("import torch.autograd.forward_ad as _fwAD\n"
                "        while _fwAD._current_level >= 0:\n"
                "            _fwAD.exit_dual_level()")
FUNCTIONS = {key: body.replace("{close_levels}", CLOSE_LEVELS)
             .replace("{close_levels_inner}", CLOSE_LEVELS.replace("\n    ", "\n        "))
             for key, body in FUNCTIONS.items()}

NAMED = {  # Lessons 8 and 10: answers written as names, in any of the spellings the lesson's text uses
    "inside_pytorch_backward.q1": r"""
        import re as _re
        _items = order
        if isinstance(order, str):
            _items = [p for p in _re.split(r'\s*(?:,|;|→|->|=>)\s*', order.strip()) if p]
            _items = _items if len(_items) > 1 else order.split()
        def _node(name):
            text = _re.sub(r'[\s_()\[\].]', '', str(name).lower()).removeprefix('torch')
            text = {'+': 'add', '*': 'mul'}.get(text, text)
            text = _re.sub(r'backward\d*$', '', text).removesuffix('grad') if text != 'accumulategrad' else text
            return _re.sub(r'^(accumulategrad|accumulate|leaf)(?=[ab]$)', '', text)
        _want = ['add', 'exp', 'mul', 'b', 'sin', 'a']
        assert isinstance(_items, (list, tuple)) and all(isinstance(i, str) for i in _items), \
            'hidden test: `order` is a list of names'
        _got = [_node(i) for i in _items]
        assert len(_got) == 6 and all(g == w or (w in 'ab' and g in ('accumulategrad', 'accumulate', 'leaf'))
                                      for g, w in zip(_got, _want)), 'hidden test: the order the engine runs'
        """,
    "inside_pytorch_backward.q3": r"""
        import re as _re
        _line = _re.fullmatch(r'\s*(?:line\s*)?(\d+)\s*', line, _re.I) if isinstance(line, str) else None
        _line = int(_line.group(1)) if _line else line
        assert not isinstance(_line, bool) and isinstance(_line, (int, float)) and _line == 6, \
            'hidden test: the line that raises'
        _why = _re.fullmatch(r'\s*\(?([a-dA-D])\)?\s*', reason) if isinstance(reason, str) else None
        assert _why is not None and _why.group(1).lower() == 'b', 'hidden test: why it raises'
        """,
    "beyond_one_gradient.q1": r"""
        import re as _re
        _modes = {'forward': 'forward', 'fwd': 'forward', 'jvp': 'forward', 'jacfwd': 'forward',
                  'forwardad': 'forward', 'reverse': 'reverse', 'rev': 'reverse', 'backward': 'reverse',
                  'vjp': 'reverse', 'jacrev': 'reverse', 'backprop': 'reverse', 'backpropagation': 'reverse'}
        def _mode(text):
            return _modes.get(_re.sub(r'[\s_\-.()]', '', text.lower()).removesuffix('mode')) \
                if isinstance(text, str) else None
        assert _mode(loss_mode) == 'reverse', 'hidden test: the mode for the loss'
        assert _mode(curve_mode) == 'forward', 'hidden test: the mode for the curve'
        """,
}

EXTENDING = {  # Lesson 12: the learner's Function class or function on fresh float64 inputs, against torch's
    "extending_autograd.q1": """
        assert isinstance(Sigmoid, type) and issubclass(Sigmoid, _torch.autograd.Function), \\
            'hidden test: Sigmoid is a torch.autograd.Function class'
        _fresh = lambda: _torch.tensor([-1.7, -0.3, 0.4, 2.2], dtype=_torch.float64, requires_grad=True)
        _x, _v = _fresh(), _torch.tensor([0.5, -1.5, 2.0, 1.0], dtype=_torch.float64)
        _out = Sigmoid.apply(_x)
        (_out * _v).sum().backward()
        _s = _torch.sigmoid(_x.detach())
        assert _torch.allclose(_out.detach(), _s), 'hidden test: forward is σ(x)'
        assert _x.grad is not None and _torch.allclose(_x.grad, _v * _s * (1 - _s)), \\
            'hidden test: backward gives grad_output · s(1 − s)'
        assert _torch.autograd.gradcheck(Sigmoid.apply, (_fresh(),)), 'hidden test: gradcheck'
        """,
    "extending_autograd.q2": """
        assert isinstance(SiLU, type) and issubclass(SiLU, _torch.autograd.Function), \\
            'hidden test: SiLU is a torch.autograd.Function class'
        _fresh = lambda: _torch.tensor([-2.5, -0.7, 0.0, 0.8, 3.0], dtype=_torch.float64, requires_grad=True)
        _slope = lambda t: _torch.sigmoid(t) * (1 + t * (1 - _torch.sigmoid(t)))
        _x, _v = _fresh(), _torch.tensor([2.0, -1.0, 0.5, 1.5, -3.0], dtype=_torch.float64)
        _out = SiLU.apply(_x)
        (_out * _v).sum().backward()
        _t = _x.detach()
        assert _torch.allclose(_out.detach(), _t * _torch.sigmoid(_t)), 'hidden test: forward is x · σ(x)'
        assert _x.grad is not None and _torch.allclose(_x.grad, _v * _slope(_t)), \\
            'hidden test: backward gives grad_output · (σ(x) + x · σ(x)(1 − σ(x)))'
        assert _torch.autograd.gradcheck(SiLU.apply, (_fresh(),)), 'hidden test: gradcheck'
        assert _torch.autograd.gradgradcheck(SiLU.apply, (_fresh(),)), 'hidden test: gradgradcheck'
        _b = _torch.tensor([[0.3, -1.2, 2.2], [-0.4, 1.1, -2.0]], dtype=_torch.float64)
        _vals = _torch.func.vmap(SiLU.apply)(_b)
        assert _torch.allclose(_vals, _b * _torch.sigmoid(_b)), 'hidden test: vmap runs forward on each row'
        _rows = _torch.func.vmap(_torch.func.grad(lambda row: SiLU.apply(row).sum()))(_b)
        assert _torch.allclose(_rows, _slope(_b)), 'hidden test: vmap(grad(...)) gives each row\\'s SiLU\\'(x)'
        """,
    # q3 counts the multiply-adds backward runs (FlopCounterMode, at PyTorch's dispatcher, so @, mm, matmul and
    # einsum all count): a backward that reads ctx.needs_input_grad runs only the matrix products someone needs
    "extending_autograd.q3": """
        from torch.utils.flop_counter import FlopCounterMode as _Flops
        assert isinstance(Linear, type) and issubclass(Linear, _torch.autograd.Function), \\
            'hidden test: Linear is a torch.autograd.Function class'
        _B, _I, _O = 5, 4, 3
        for _tracked in ((True, True, True), (False, True, True), (False, True, None), (True, False, False)):
            _gen = _torch.Generator().manual_seed(2024)
            _made = [None if _f is None else _torch.randn(_shape, generator=_gen, dtype=_torch.float64)
                     for _shape, _f in zip(((_B, _I), (_O, _I), (_O,)), _tracked)]
            _ins = [None if _t is None else _t.clone().requires_grad_(_f) for _t, _f in zip(_made, _tracked)]
            _refs = [None if _t is None else _t.clone().requires_grad_(_f) for _t, _f in zip(_made, _tracked)]
            _up = _torch.linspace(-1.5, 2.5, _B * _O, dtype=_torch.float64).reshape(_B, _O)
            _out = Linear.apply(*_ins)
            _want = _torch.nn.functional.linear(*_refs)
            assert _torch.allclose(_out.detach(), _want.detach()), 'hidden test: forward is x Wᵀ + b'
            (_want * _up).sum().backward()
            with _Flops(display=False) as _counter:
                (_out * _up).sum().backward()
            for _mine, _ref in zip(_ins, _refs):
                if _ref is not None and _ref.requires_grad:
                    assert _mine.grad is not None and _torch.allclose(_mine.grad, _ref.grad), \\
                        'hidden test: each tracked input gets nn.functional.linear\\'s gradient'
            assert _counter.get_total_flops() <= sum(map(bool, _tracked[:2])) * 2 * _B * _I * _O, \\
                'hidden test: backward runs only the matrix products ctx.needs_input_grad asks for'
        """,
    "extending_autograd.q4": """
        for _n, _h, _b, _seed in ((3, 6, 5, 21), (2, 4, 7, 22)):
            _gen = _torch.Generator().manual_seed(_seed)
            _linear = lambda i, o: _torch.nn.utils.skip_init(_torch.nn.Linear, i, o, dtype=_torch.float64)
            _model = _torch.nn.Sequential(_linear(_n, _h), _torch.nn.Tanh(), _linear(_h, 1))
            with _torch.no_grad():
                for _p in _model.parameters():
                    _p.copy_(_torch.randn(_p.shape, generator=_gen, dtype=_torch.float64))
            _X = _torch.randn(_b, _n, generator=_gen, dtype=_torch.float64)
            _penalty = gradient_penalty(_model, _X.clone())
            assert all(_p.grad is None for _p in _model.parameters()), \\
                'hidden test: the penalty ran no backward into the parameters\\' .grad'
            assert _torch.is_tensor(_penalty) and _penalty.numel() == 1 and _penalty.grad_fn is not None, \\
                'hidden test: one number, with a grad_fn'
            _Xr = _X.clone().requires_grad_(True)
            _g, = _torch.autograd.grad(_model(_Xr).sum(), _Xr, create_graph=True)
            _want = _g.pow(2).sum(dim=1).mean()
            _params = list(_model.parameters())
            _wants = _torch.autograd.grad(_want, _params, allow_unused=True)
            assert _math.isclose(_penalty.item(), _want.item(), rel_tol=1e-4, abs_tol=1e-5), \\
                'hidden test: the mean over the batch of each example\\'s squared input-gradient norm'
            _penalty.backward()
            for _p, _w in zip(_params, _wants):
                _got = _torch.zeros_like(_p) if _p.grad is None else _p.grad
                assert _torch.allclose(_got, _torch.zeros_like(_p) if _w is None else _w), \\
                    'hidden test: its backward sends the parameters the penalty\\'s gradient'
        """,
}

MEMORY = {  # Lesson 13: the learner's function on a fresh network, against the same steps written here
    # q1 counts the storages the forward saves (a saved-tensors hook, as Lesson 13 counts them), then compares the
    # gradients with those of the loss without checkpointing
    "memory_and_time.q1": """
        def _problem():
            _gen = _torch.Generator().manual_seed(1313)
            _layers = []
            for _ in range(4):
                _layers += [_torch.nn.utils.skip_init(_torch.nn.Linear, 24, 24), _torch.nn.Tanh()]
            _net = _torch.nn.Sequential(*_layers, _torch.nn.utils.skip_init(_torch.nn.Linear, 24, 1))
            with _torch.no_grad():
                for _p in _net.parameters():
                    _p.copy_(_torch.randn(_p.shape, generator=_gen) * 0.3)
            return _net[:8], _net[8:], _torch.randn(48, 24, generator=_gen), _torch.randn(48, 1, generator=_gen)

        def _kept(step, block, head, X, y):
            _seen = {}
            def _pack(t):
                _s = t.untyped_storage()
                _seen.setdefault(_s.data_ptr(), _s)
                return t
            with _torch.autograd.graph.saved_tensors_hooks(_pack, lambda t: t):
                _loss = step(block, head, X, y)
            _own = {t.untyped_storage().data_ptr() for t in [*block.parameters(), *head.parameters(), X, y]}
            return _loss, sum(_s.nbytes() for _k, _s in _seen.items() if _k not in _own)

        _block, _head, _X, _y = _problem()
        _loss, _bytes = _kept(loss_of, _block, _head, _X, _y)
        assert _torch.is_tensor(_loss) and _loss.numel() == 1 and _loss.grad_fn is not None, \\
            'hidden test: one number, with a grad_fn'
        _loss.backward()
        _rblock, _rhead, _rX, _ry = _problem()
        _plain_loss = lambda b, h, X, y: _torch.nn.functional.mse_loss(h(b(X)), y)
        _rloss, _plain = _kept(_plain_loss, _rblock, _rhead, _rX, _ry)
        _rloss.backward()
        for _mine, _ref in zip([*_block.parameters(), *_head.parameters()],
                               [*_rblock.parameters(), *_rhead.parameters()]):
            assert _mine.grad is not None and _torch.allclose(_mine.grad, _ref.grad, rtol=1e-5, atol=1e-7), \\
                'hidden test: the same gradients as without checkpointing'
        assert _bytes <= _plain - _X.shape[0] * 24 * _X.element_size(), \\
            'hidden test: the forward keeps at least one layer\\'s output less than without checkpointing'
        """,
    # q2: three steps at a scale of 2¹², then one at 2⁴⁰ (float16 gradients overflow), against the recipe run here
    "memory_and_time.q2": """
        def _problem(scale):
            _gen = _torch.Generator().manual_seed(2048)
            _model = _torch.nn.Sequential(_torch.nn.utils.skip_init(_torch.nn.Linear, 12, 12), _torch.nn.Tanh(),
                                          _torch.nn.utils.skip_init(_torch.nn.Linear, 12, 1))
            with _torch.no_grad():
                for _p in _model.parameters():
                    _p.copy_(_torch.randn(_p.shape, generator=_gen) * 0.4)
            _X, _Y = _torch.randn(24, 12, generator=_gen), 4 * _torch.randn(24, 1, generator=_gen)
            _opt = _torch.optim.SGD(_model.parameters(), lr=0.1)
            return _model, _opt, _torch.amp.GradScaler('cpu', init_scale=scale), _X, _Y

        def _recipe(model, optimizer, scaler, X, y):
            optimizer.zero_grad()
            with _torch.autocast('cpu', dtype=_torch.float16):
                _l = _torch.nn.functional.mse_loss(model(X), y)
            scaler.scale(_l).backward()
            scaler.unscale_(optimizer)
            _norm = _torch.nn.utils.clip_grad_norm_(model.parameters(), max_norm=1.0)
            scaler.step(optimizer)
            scaler.update()
            return _norm

        _mine, _ref = _problem(2.0 ** 12), _problem(2.0 ** 12)
        for _ in range(3):
            _got, _want = train_step(*_mine), _recipe(*_ref)
            assert not isinstance(_got, (bool, str)) and _math.isclose(float(_got), float(_want), rel_tol=1e-3), \\
                'hidden test: the norm clip_grad_norm_ measures on the unscaled gradients'
        assert all(_torch.allclose(_p, _q, rtol=1e-4, atol=1e-6)
                   for _p, _q in zip(_mine[0].parameters(), _ref[0].parameters())), \\
            'hidden test: the weights after three steps in the right order'
        _model, _opt, _scaler, _X, _Y = _problem(2.0 ** 40)
        _start = [_p.detach().clone() for _p in _model.parameters()]
        train_step(_model, _opt, _scaler, _X, _Y)
        assert all(_torch.equal(_a, _p) for _a, _p in zip(_start, _model.parameters())), \\
            'hidden test: a step whose float16 gradients overflowed moves no weight'
        assert _scaler.get_scale() == 2.0 ** 39, 'hidden test: after an overflow, the scale is halved'
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
    assert not any(_torch.is_tensor(a) and a.grad_fn is not None for a in _losses), \\
        'hidden test: the list holds numbers, not loss tensors that keep their graphs'
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


# names a solution reads from its lesson's earlier cells: the values are computed when the assignment is written
LESSON_DATA = {"memory_and_time.q3": ("g_32", "g_bf16")}


@functools.lru_cache(maxsize=None)
def lesson_values(lesson_stem, names):
    """Run a lesson's setup cell and the cells that assign names, from its notebook; return {name: value}.

    The notebook's own cells, not a copy of them: its seed and thread count hold while they run, and are put
    back after (nothing they print is shown).
    """
    from .lessons import NOTEBOOKS
    notebook = nbformat.read(next(NOTEBOOKS.glob(f"*_{lesson_stem}.ipynb")), as_version=4)
    sources = [cell.source for cell in notebook.cells if cell.cell_type == "code"]
    assigns = re.compile(r"^(%s)\s*=" % "|".join(map(re.escape, names)), re.MULTILINE)
    namespace, threads = {}, torch.get_num_threads()
    try:
        with torch.random.fork_rng(), contextlib.redirect_stdout(io.StringIO()):
            for source in [sources[0]] + [source for source in sources[1:] if assigns.search(source)]:
                exec(source, namespace)  # the course's own cells, run once when the assignment is written
    finally:
        torch.set_num_threads(threads)
    return {name: namespace[name] for name in names}


def bfloat16_test(question, g_32, g_bf16):
    """The hidden test of Lesson 13's q3: the solution's letter, and its relative difference within 5 %, as literals.

    The relative difference depends on the lesson's own gradients, so it is measured now, from the notebook's
    cells; divided by either gradient's norm, as the question allows.
    """
    namespace = {"torch": torch, "math": math, "g_32": g_32, "g_bf16": g_bf16}
    exec(question.solution_code, namespace)
    difference = (g_bf16 - g_32).norm()
    wants = [float(namespace["how_much"]), (difference / g_bf16.norm()).item()]
    return textwrap.dedent(f"""\
        import re as _re
        _letter = _re.fullmatch(r'\\s*\\(?([a-dA-D])\\)?\\s*', why) if isinstance(why, str) else None
        assert _letter is not None and _letter.group(1).lower() == {namespace["why"].lower()!r}, \\
            'hidden test: `why` is not the expected reason'
        assert not isinstance(how_much, (bool, str)) and _torch.as_tensor(how_much).numel() == 1, \\
            'hidden test: `how_much` is one number'
        assert any(_math.isclose(float(how_much), _w, rel_tol=0.05) for _w in {wants!r}), \\
            'hidden test: ‖g_bf16 − g_32‖ / ‖g_32‖ measured on the gradients of the lesson'
        """)


def hidden_test(lesson_stem, question):
    """Return the source of the hidden assert for a question, or None when none is known (the tool then says so)."""
    key = f"{lesson_stem}.{question.name}"
    if lesson_stem == "practice_exercises" and question.name in PRACTICE:
        body = PRACTICE[question.name]
    elif lesson_stem == "build_your_own_autograd" and question.name in ENGINE:
        body = engine_test(*ENGINE[question.name])
    elif key in FUNCTIONS or key in NAMED or key in EXTENDING or key in MEMORY:
        body = textwrap.dedent({**FUNCTIONS, **NAMED, **EXTENDING, **MEMORY}[key]).lstrip("\n")
    elif key in LESSON_DATA:
        body = bfloat16_test(question, *lesson_values(lesson_stem, LESSON_DATA[key]).values())
    elif lesson_stem == "training_a_network":
        body = training_test(question.name)
    else:
        body = data_test(question)
    return None if body is None else IMPORTS + QUIET + textwrap.indent(body, "    ")
