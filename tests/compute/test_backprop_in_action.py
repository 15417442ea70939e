"""autograd_lessons.compute.backprop_in_action: the gradient of z = x·y + y² and the lesson's descent loop, checked against oracles."""

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

from autograd_lessons.compute.backprop_in_action import (BLOW_UP, GradientDescent, best_fit, gradient_readout, line_data, mse, saddle,
                                      surface)

coordinate = st.floats(-3, 3, allow_nan=False).map(lambda v: round(v, 1))


def test_the_seed_point():
    readout = gradient_readout(2, 3)
    assert (readout.z, readout.dz_dx, readout.dz_dy) == (15.0, 3.0, 8.0)
    assert (readout.by_hand_dx, readout.by_hand_dy) == (3.0, 8.0)
    assert readout.length == pytest.approx(math.sqrt(73))


@settings(max_examples=60, deadline=None)
@given(coordinate, coordinate)
def test_one_backward_agrees_with_the_hand_formulas_and_finite_differences(x, y):
    readout = gradient_readout(x, y)
    assert readout.dz_dx == pytest.approx(readout.by_hand_dx, abs=1e-5)
    assert readout.dz_dy == pytest.approx(readout.by_hand_dy, abs=1e-5)
    h = 1e-6
    assert readout.dz_dx == pytest.approx((saddle(x + h, y) - saddle(x - h, y)) / (2 * h), abs=1e-4)
    assert readout.dz_dy == pytest.approx((saddle(x, y + h) - saddle(x, y - h)) / (2 * h), abs=1e-4)


def test_surface_rows_follow_y_and_columns_follow_x():
    xs, ys, z = surface(saddle, (-1, 1), (0, 2), points=5)
    assert z.shape == (5, 5)
    assert z[3, 1].item() == pytest.approx(saddle(xs[1].item(), ys[3].item()))


def test_line_data_is_the_notebooks_and_leaves_the_global_generator_alone():
    torch.manual_seed(123)
    state = torch.random.get_rng_state()
    xs, ys = line_data()
    assert torch.equal(torch.random.get_rng_state(), state)
    assert [(round(u, 2), round(v, 2)) for u, v in zip(xs[:3].tolist(), ys[:3].tolist())] == \
        [(-2.0, -3.34), (-1.79, -2.92), (-1.58, -2.23)]  # the notebook prints these
    torch.manual_seed(0)
    assert torch.equal(ys, 2 * xs + 1 + 0.3 * torch.randn(20))


def test_mse_on_a_grid_is_the_mse_at_each_point():
    xs, ys = line_data()
    ws, bs = torch.tensor([[0.0, 2.0], [1.0, -1.0]]), torch.tensor([[0.0, 1.0], [0.5, 3.0]])
    grid = mse(ws, bs, xs, ys)
    for i in range(2):
        for j in range(2):
            assert grid[i, j].item() == pytest.approx(((ws[i, j] * xs + bs[i, j] - ys) ** 2).mean().item())


def test_a_hundred_steps_reach_the_lessons_fit_like_torch_optim_sgd():
    descent = GradientDescent(lr=0.05)
    for _ in range(100):
        state = descent.step()
    w, b = torch.tensor(0.0, requires_grad=True), torch.tensor(0.0, requires_grad=True)
    optimizer = torch.optim.SGD([w, b], lr=0.05)
    xs, ys = line_data()
    for _ in range(100):
        optimizer.zero_grad()
        ((w * xs + b - ys) ** 2).mean().backward()
        optimizer.step()
    assert (state.w, state.b) == pytest.approx((w.item(), b.item()), abs=1e-6)
    assert (f"{state.w:.3f}", f"{state.b:.3f}", f"{state.loss:.4f}") == ("2.145", "1.104", "0.0667")
    assert (state.w, state.b) == pytest.approx(best_fit(xs, ys), abs=1e-4)
    assert state.step == 100 and len(descent.path) == 101 and descent.losses[0] == pytest.approx(8.0659, abs=1e-4)


def test_one_step_is_the_update_by_hand_and_leaves_the_grads_zeroed():
    descent = GradientDescent(lr=0.1)
    xs, ys = descent.xs, descent.ys
    grad_w = (2 * (0 * xs + 0 - ys) * xs).mean().item()  # dL/dw at (0, 0), by hand
    grad_b = (2 * (0 * xs + 0 - ys)).mean().item()
    state = descent.step()
    assert (state.w_grad, state.b_grad) == pytest.approx((grad_w, grad_b), rel=1e-5)
    assert (state.w, state.b) == pytest.approx((-0.1 * grad_w, -0.1 * grad_b), rel=1e-5)
    assert descent.w.grad.item() == 0.0 and descent.b.grad.item() == 0.0
    assert descent.w.is_leaf and descent.w.requires_grad
    assert state.kind == "ok" and "went down" in state.message


def test_too_large_a_step_raises_the_loss_and_says_so():
    descent = GradientDescent(lr=0.68)
    states = [descent.step() for _ in range(5)]
    assert any(state.kind == "warning" and "The loss went up" in state.message for state in states)


def test_divergence_stops_with_a_message_and_only_finite_points():
    descent = GradientDescent(lr=0.9)
    for _ in range(200):
        state = descent.step()
        if descent.diverged:
            break
    assert descent.diverged and state.kind == "error"
    assert state.message.startswith("Diverged: with lr = 0.9 the loss grew from 8.066 to ")
    assert "Lower lr and press reset." in state.message and "\n" not in state.message
    assert state.loss > BLOW_UP * descent.losses[0]
    assert all(math.isfinite(v) for point in descent.path for v in point)
    path, again = list(descent.path), descent.step()  # stepping on does nothing more
    assert descent.path == path and again.kind == "error" and again.step == state.step
    assert descent.reset().step == 0 and not descent.diverged and descent.path == [(0.0, 0.0)]


def test_an_overflow_to_inf_is_caught_and_never_enters_the_path():
    descent = GradientDescent(torch.tensor([1e19]), torch.tensor([1.0]), lr=1.0)
    state = descent.step()
    assert descent.diverged and "overflowed" in state.message
    assert descent.path == [(0.0, 0.0)] and math.isfinite(state.loss)


def test_next_step_is_where_step_goes_and_leaves_grad_alone():
    from autograd_lessons.compute.backprop_in_action import GradientDescent

    descent = GradientDescent(lr=0.3)
    for _ in range(3):
        dw, db = descent.next_step()
        assert descent.w.grad is None or descent.w.grad.item() == 0.0  # autograd.grad returns, never adds
        w, b = descent.path[-1]
        state = descent.step()
        assert (state.w, state.b) == pytest.approx((w + dw, b + db), rel=1e-6)
