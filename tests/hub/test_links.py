"""tools/hub/links.py: the link pulls into the clone the server start syncs from, and opens the learner's copy."""

import urllib.parse

import pytest

from tools.hub import learner_start, links


def test_the_link_pulls_into_the_start_hooks_clone_and_opens_my_lessons():
    repo = "https://git.example.org/autograd-lessons"
    link = links.lesson_link("https://hub.example.org/", repo, "03_backward.ipynb")
    url = urllib.parse.urlsplit(link)
    assert url.path == "/hub/user-redirect/git-pull"
    query = dict(urllib.parse.parse_qsl(url.query))
    assert query == {"repo": repo, "branch": "main",
                     "targetPath": learner_start.CLONE, "urlpath": f"lab/tree/{learner_start.FOLDER}/03_backward.ipynb"}


def test_lessons_are_found_by_number():
    assert links.lesson_names(["3"]) == ["03_backward.ipynb"]
    assert "06_practice_exercises.ipynb" in links.lesson_names()
    with pytest.raises(SystemExit, match="no lesson numbered 99"):
        links.lesson_names(["99"])
