from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import UserError


class AftersalesFollowup(models.Model):
    _inherit = "aftersales.followup"

    # the weekly meeting selects a week of calls by this date among years of history
    done_date = fields.Date(index="btree_not_null")

    survey_answer_ids = fields.One2many(
        "survey.user_input", "aftersales_followup_id", string="Survey Answers"
    )

    def action_send_customer_survey(self):
        """Send the customer-satisfaction form; the answer remembers the customer, the truck
        and the repair order so it feeds the satisfaction analysis."""
        survey = self.env.ref("aftersales_dealer_kpi.survey_customer_satisfaction")
        for followup in self:
            if not followup.partner_id.email:
                raise UserError(
                    _(
                        "%(customer)s has no e-mail address to send the survey to.",
                        customer=followup.partner_id.display_name,
                    )
                )
            answer = survey._create_answer(
                partner=followup.partner_id,
                check_attempts=False,
                aftersales_followup_id=followup.id,
                aftersales_repair_id=followup.repair_id.id,
                aftersales_vehicle_id=followup.vehicle_id.id or followup.repair_id.vehicle_id.id,
            )
            followup.message_post(
                body=Markup("%s <a href='%s'>%s</a>")
                % (
                    _("Please tell us how we served you:"),
                    answer.get_start_url(),
                    survey.title,
                ),
                partner_ids=followup.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
            )
        return True
