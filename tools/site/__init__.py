"""The course as a web site: ``make site`` builds it into build/site/, ``make test-site`` checks it in Chromium."""
