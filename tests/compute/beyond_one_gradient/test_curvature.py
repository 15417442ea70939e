"""Lesson 10's second order: the Hessian against the formulas by hand, the steps, and the pictures' data.

The oracles are the hand-derived Hessian of the valley, torch.linalg for the eigenpairs and the
solve, and a quadratic, on which one Newton step lands exactly on the bottom.
"""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402
import torch  # noqa: E402

from autograd_lessons.compute.beyond_one_gradient.curvature import (  # noqa: E402
    by_hand_hessian, curvature_remark, curvature_segments, descend, gradient_and_hessian, quadratic_model,
    second_order, valley)
from autograd_lessons.drawing.beyond_one_gradient import plot_paths, plot_second_order  # noqa: E402


def bowl(p):
    """A quadratic with its bottom at (1, -2) and Hessian [[4, 1], [1, 2]]."""
    d = p - torch.tensor([1.0, -2.0], dtype=p.dtype)
    return 2 * d[0] ** 2 + d[0] * d[1] + d[1] ** 2


@pytest.mark.parametrize("point", [(-1.0, 0.5), (0.0, 1.0), (1.2, 0.5), (-1.0, 1.5)])
def test_the_hessian_is_the_one_worked_out_by_hand(point):
    reading = second_order(point)
    assert torch.allclose(reading.hessian, by_hand_hessian(*point))
    assert reading.value == pytest.approx(valley(torch.tensor(point, dtype=torch.float64)).item())


def test_the_curvatures_are_the_eigenvalues_along_the_eigenvectors():
    reading = second_order((-1.0, 0.5))
    assert reading.curvatures.tolist() == pytest.approx([2.0, 60.0])
    for k in range(2):
        d = reading.directions[:, k]
        assert torch.allclose(reading.hessian @ d, reading.curvatures[k] * d)
    assert reading.bowl and not second_order((-1.0, 1.5)).bowl


def test_the_steps_are_a_gradient_step_and_a_newton_step():
    reading = second_order((-1.0, 0.5), lr=0.02)
    assert reading.gradient.tolist() == pytest.approx([-14.0, -5.0])
    assert reading.gradient_step.tolist() == pytest.approx([-0.72, 0.6])
    assert reading.newton_step.tolist() == pytest.approx([-2 / 3, 1 / 3])
    assert torch.allclose(reading.hessian @ (reading.point - reading.newton_step), reading.gradient)


def test_on_a_quadratic_one_newton_step_lands_on_the_bottom_and_the_model_is_the_function():
    reading = second_order((3.0, 4.0), f=bowl)
    assert reading.newton_step.tolist() == pytest.approx([1.0, -2.0])
    xs = torch.linspace(-1, 2, 7, dtype=torch.float64)
    ys = torch.linspace(-3, 1, 5, dtype=torch.float64)
    grid_y, grid_x = torch.meshgrid(ys, xs, indexing="ij")
    exact = torch.stack([bowl(torch.stack([a, b])) for a, b in zip(grid_x.flatten(), grid_y.flatten())])
    assert torch.allclose(quadratic_model(reading, xs, ys).flatten(), exact)


def test_curvature_segments_lie_along_the_eigenvectors_through_the_point():
    reading = second_order((-1.0, 0.5))
    for k, (start, end, curvature) in enumerate(curvature_segments(reading, length=0.5)):
        middle = (torch.tensor(start) + torch.tensor(end)) / 2
        assert torch.allclose(middle, reading.point.float(), atol=1e-6)
        along = torch.tensor(end) - torch.tensor(start)
        assert along.norm().item() == pytest.approx(0.5)
        assert abs(torch.dot(along.double(), reading.directions[:, k]).item()) == pytest.approx(0.5)
        assert curvature == pytest.approx(reading.curvatures[k].item())


def test_newton_reaches_the_bottom_in_a_few_steps_where_gradient_descent_crawls():
    newton = [valley(p).item() for p in descend((-1.0, 0.5), "newton", steps=6)]
    slow = [valley(p).item() for p in descend((-1.0, 0.5), "gradient", steps=6)]
    assert newton[-1] < 1e-3 < 2 < slow[-1] < slow[0]
    assert len(newton) == len(slow) == 7


def by_gid(ax, gid):
    return next(artist for artist in ax.get_children() if artist.get_gid() == gid)


def test_the_picture_holds_the_point_both_steps_the_curvatures_and_the_model():
    reading = second_order((-1.0, 0.5))
    ax = plot_second_order(reading)
    assert list(by_gid(ax, "point").get_xydata()[0]) == pytest.approx([-1.0, 0.5])
    assert list(by_gid(ax, "newton-end").get_xydata()[0]) == pytest.approx(reading.newton_step.tolist())
    assert list(by_gid(ax, "gradient-end").get_xydata()[0]) == pytest.approx(reading.gradient_step.tolist())
    for k, (start, end, curvature) in enumerate(curvature_segments(reading)):
        line = by_gid(ax, f"curvature-{k}")
        assert torch.allclose(torch.tensor(line.get_xydata()), torch.tensor([start, end], dtype=torch.float64))
        assert line.get_color() == "#1e7b34"  # both bend up here
    assert by_gid(ax, "model") is not None and by_gid(ax, "contours") is not None
    down = plot_second_order(second_order((-1.0, 1.5)), ax=plt.subplots()[1])
    assert by_gid(down, "curvature-0").get_color() == "#b45f06"


def test_the_paths_picture_holds_every_step():
    paths = {"gradient": descend((-1.0, 0.5), "gradient", 5), "newton": descend((-1.0, 0.5), "newton", 3)}
    ax = plot_paths(paths)
    for method, points in paths.items():
        assert torch.allclose(torch.tensor(by_gid(ax, f"{method}-path").get_xydata()), torch.stack(points))


@pytest.mark.parametrize("f", [valley, bowl, lambda p: (p[0] * p[1]).sin() + p[0] ** 3, lambda p: 3 * p[0] + p[1]],
                         ids=["valley", "bowl", "wavy", "linear"])
def test_the_double_backward_hessian_is_torch_funcs(f):
    from torch.func import grad, hessian

    for point in [(-1.0, 0.5), (0.3, -1.2)]:
        reading_point = torch.tensor(point, dtype=torch.float64)
        g, h = gradient_and_hessian(f, reading_point)
        assert torch.allclose(g, grad(f)(reading_point)) and torch.allclose(h, hessian(f)(reading_point))


# --- a singular Hessian: on the valley, along y = x² + 0.1 ------------------------------------------------------

SINGULAR = [(-1.5, 2.35), (-1.0, 1.1), (-0.5, 0.35), (0.0, 0.1), (0.5, 0.35), (1.0, 1.1), (1.5, 2.35)]


@pytest.mark.parametrize("point", SINGULAR)
def test_where_the_hessian_is_singular_there_is_no_newton_step_and_the_remark_says_why(point):
    assert torch.linalg.det(by_hand_hessian(*point)) == pytest.approx(0.0, abs=1e-9)  # the oracle: det = 0 there
    reading = second_order(point)
    assert reading.singular and reading.newton_step is None
    assert torch.allclose(reading.gradient_step, reading.point - 0.02 * reading.gradient)
    text, kind = curvature_remark(reading)
    assert "singular" in text and "no Newton step" in text and kind == "warning"
    ax = plot_second_order(reading)
    assert [a.get_gid() for a in ax.get_children() if a.get_gid() in ("newton-step", "newton-end")] == []
    assert [a.get_gid() for a in ax.get_children() if a.get_gid() == "gradient-step"] == ["gradient-step"]
    plt.close(ax.figure)


def test_near_the_singular_curve_the_newton_step_is_still_taken():
    reading = second_order((1.0, 1.2))  # det(H) = -200 (y - x² - 0.1) = -20
    assert not reading.singular and torch.allclose(
        reading.newton_step, reading.point - torch.linalg.solve(by_hand_hessian(1.0, 1.2), reading.gradient))


def test_newtons_walk_stops_at_a_singular_point():
    assert len(descend((1.0, 1.1), "newton", steps=3)) == 1
    assert len(descend((1.0, 1.1), "gradient", steps=3)) == 4
