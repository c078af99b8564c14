import unittest
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tests.common import ChromeBrowser

from .common_browser import AftersalesBrowserCase

SUCCESS = "console.log('test successful')"


@tagged("post_install", "-at_install")
class TestBrowserStart(AftersalesBrowserCase):
    """A Chromium that does not come up is started again, then fails the test."""

    def _spawn_failing(self, failures):
        spawn = ChromeBrowser._spawn_chrome
        calls = []

        def spawn_chrome(browser, cmd):
            calls.append(cmd)
            if len(calls) <= failures:
                raise unittest.SkipTest("Failed to detect chrome devtools port after 10.0s.")
            return spawn(browser, cmd)

        return patch.object(ChromeBrowser, "_spawn_chrome", spawn_chrome), calls

    def test_slow_start_is_retried(self):
        spawn_patch, calls = self._spawn_failing(failures=1)
        with spawn_patch:
            self.browser_js("/web/login", SUCCESS)
        self.assertEqual(len(calls), 2)

    def test_chromium_that_never_starts_fails_the_test(self):
        spawn_patch, calls = self._spawn_failing(failures=self.browser_start_attempts)
        with spawn_patch, self.assertRaisesRegex(AssertionError, "did not come up after 3"):
            self.browser_js("/web/login", SUCCESS)
        self.assertEqual(len(calls), self.browser_start_attempts)
