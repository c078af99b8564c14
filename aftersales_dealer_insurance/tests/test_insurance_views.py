from odoo.tests import tagged

from .common import InsuranceCommon


@tagged("post_install", "-at_install")
class TestInsuranceViews(InsuranceCommon):
    def test_actions_open_for_each_role(self):
        """Every window action of the addon opens its views for the users who see its menu."""
        action_ids = (
            self.env["ir.model.data"]
            .search(
                [
                    ("module", "=", "aftersales_dealer_insurance"),
                    ("model", "=", "ir.actions.act_window"),
                ]
            )
            .mapped("res_id")
        )
        actions = self.env["ir.actions.act_window"].browse(action_ids)
        self.assertGreaterEqual(len(actions), 10)
        for user in (self.user_plain, self.user_accident):
            for action in actions:
                modes = [(False, mode) for mode in action.view_mode.split(",")] + [
                    (False, "search")
                ]
                with self.subTest(user=user.login, action=action.name):
                    views = self.env[action.res_model].with_user(user).get_views(modes)
                    self.assertEqual(set(views["views"]), {mode for _id, mode in modes})
