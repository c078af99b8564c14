import unittest

from odoo.tests import HttpCase


class AftersalesBrowserCase(HttpCase):
    """Browser tests that fail, never skip, when Chromium does not come up.

    Odoo turns a Chromium that is slow to open its devtools port (a loaded CI machine)
    into a skipped test. A skipped tour proves nothing: start Chromium again a few times,
    then fail with Odoo's reason.
    """

    browser_start_attempts = 3

    def browser_js(self, *args, **kwargs):
        reason = None
        for attempt in range(1, self.browser_start_attempts + 1):
            try:
                return super().browser_js(*args, **kwargs)
            except unittest.SkipTest as skip:
                # every SkipTest of browser_js comes from starting Chromium, before the
                # page is opened: nothing ran yet, so starting over is safe
                reason = skip
                self._logger.warning(
                    "Chromium did not come up (attempt %s of %s): %s",
                    attempt,
                    self.browser_start_attempts,
                    skip,
                )
        self.fail(
            f"Chromium did not come up after {self.browser_start_attempts} attempts: {reason}"
        )
