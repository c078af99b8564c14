from datetime import timedelta

from odoo import api, fields, models
from odoo.osv import expression


class AftersalesFollowup(models.Model):
    _inherit = "aftersales.followup"

    followup_type = fields.Selection(
        selection_add=[
            ("insurance_renewal", "Insurance Renewal"),
            ("post_accident", "Accident Repair Call"),
        ],
        ondelete={"insurance_renewal": "cascade", "post_accident": "cascade"},
    )
    policy_id = fields.Many2one(
        "aftersales.insurance.policy",
        string="Insurance Policy",
        index="btree_not_null",
        check_company=True,
        # completed calls are history: a policy with calls cannot be deleted under them
        ondelete="restrict",
    )
    accident_id = fields.Many2one(
        "aftersales.accident",
        string="Accident Case",
        index="btree_not_null",
        check_company=True,
        ondelete="restrict",
    )

    @api.model
    def _followup_rules(self):
        return super()._followup_rules() + [
            "_generate_insurance_renewal",
            "_generate_post_accident",
        ]

    @api.model
    def _post_repair_domain(self, today):
        # accident repairs get their own call (post_accident): one call, not two
        return expression.AND([super()._post_repair_domain(today), [("accident_id", "=", False)]])

    @api.model
    def _generate_insurance_renewal(self, today, limit):
        """One renewal call per active policy, the company's lead time before it ends."""
        # each company has its own lead time
        period_domain = expression.OR(
            [
                [
                    ("company_id", "=", company.id),
                    (
                        "date_end",
                        "<=",
                        today + timedelta(days=company.aftersales_insurance_renewal_days),
                    ),
                ]
                for company in self.env["res.company"].search([])
            ]
        )
        policies = self.env["aftersales.insurance.policy"].search(
            expression.AND(
                [
                    [
                        ("state", "=", "active"),
                        ("date_end", ">=", today),
                        ("renewal_followup_ids", "=", False),
                    ],
                    period_domain,
                ]
            ),
            order="date_end, id",
            limit=limit,
        )
        return [
            {
                "name": self.env._(
                    "Insurance renewal: policy %(number)s ends on %(date)s",
                    number=policy.name,
                    date=policy.date_end,
                ),
                "company_id": policy.company_id.id,
                "partner_id": policy.partner_id.id,
                "vehicle_id": policy.vehicle_id.id,
                "policy_id": policy.id,
                "followup_type": "insurance_renewal",
                "due_date": max(
                    policy.date_end
                    - timedelta(days=policy.company_id.aftersales_insurance_renewal_days),
                    today,
                ),
                # whoever sold the policy renews it; otherwise the clerks' caller
                "user_id": (
                    policy.sold_by_id.user_id or policy.company_id.aftersales_followup_user_id
                ).id,
                "source_key": f"insurance_renewal:{policy.id}",
            }
            for policy in policies
        ]

    @api.model
    def _post_accident_domain(self, today):
        """Delivered accident cases not older than the company's maximum age."""

        def window(company):
            first_delivery = today - timedelta(days=company.aftersales_followup_max_age_days)
            return [
                ("delivered_date", ">=", company._aftersales_day_start(first_delivery)),
                ("delivered_date", "<", company._aftersales_day_start(today + timedelta(days=1))),
            ]

        return self._per_company_domain(window)

    @api.model
    def _generate_post_accident(self, today, limit):
        """One call after every accident repair delivered, due like a post-repair call."""
        accidents = self.env["aftersales.accident"].search(
            expression.AND(
                [
                    [("post_accident_followup_ids", "=", False)],
                    self._post_accident_domain(today),
                ]
            ),
            order="delivered_date, id",
            limit=limit,
        )
        return [
            {
                "name": self.env._("Call after accident repair %(name)s", name=accident.name),
                "company_id": accident.company_id.id,
                "partner_id": accident.partner_id.id,
                "vehicle_id": accident.vehicle_id.id,
                "accident_id": accident.id,
                "followup_type": "post_accident",
                "user_id": accident.company_id.aftersales_followup_user_id.id,
                "due_date": max(
                    accident.company_id._aftersales_local_date(accident.delivered_date)
                    + timedelta(days=accident.company_id.aftersales_post_repair_delay_days),
                    today,
                ),
                "source_key": f"post_accident:{accident.id}",
            }
            for accident in accidents
        ]
