import {registry} from "@web/core/registry";
import {stepUtils} from "@web_tour/tour_service/tour_utils";

// The accident team records a hotline call, registers the truck's arrival,
// then checks the policy expiry calendar and the unpaid fees report.
registry.category("web_tour.tours").add("aftersales_accident_case", {
    url: "/odoo",
    steps: () => [
        ...stepUtils.goToAppSteps("aftersales_dealer.menu_aftersales_root", "Open After-Sales"),
        {
            content: "the app's first screen has loaded before we navigate away",
            trigger: ".o_action_manager .o_view_controller .o_content",
        },
        {
            trigger:
                '.o_menu_sections [data-menu-xmlid="aftersales_dealer_insurance.menu_aftersales_insurance"]',
            run: "click",
        },
        {
            trigger:
                '.o-dropdown--menu [data-menu-xmlid="aftersales_dealer_insurance.aftersales_accident_menu"]',
            run: "click",
        },
        {
            trigger: '.o_kanban_group .o_column_title:contains("Reported")',
        },
        {
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name=vehicle_id] input",
            run: "edit 桂L·T7777",
        },
        {
            trigger: '.ui-menu-item a:contains("桂L·T7777")',
            run: "click",
        },
        {
            trigger: '.o_field_widget[name=partner_id] input:value("Tour Hotline Logistics")',
        },
        {
            trigger: ".o_field_widget[name=accident_place] input",
            run: "edit G75 兰海高速 田东段",
        },
        {
            trigger: "button[name=action_arrive]",
            run: "click",
        },
        {
            trigger:
                '.o_statusbar_status button.o_arrow_button_current:contains("Loss Assessment")',
        },
        {
            trigger:
                '.o_menu_sections [data-menu-xmlid="aftersales_dealer_insurance.menu_aftersales_insurance"]',
            run: "click",
        },
        {
            trigger:
                '.o-dropdown--menu [data-menu-xmlid="aftersales_dealer_insurance.aftersales_insurance_policy_calendar_menu"]',
            run: "click",
        },
        {
            trigger: ".o_calendar_renderer",
        },
        {
            trigger:
                '.o_menu_sections [data-menu-xmlid="aftersales_dealer_insurance.menu_aftersales_insurance"]',
            run: "click",
        },
        {
            trigger:
                '.o-dropdown--menu [data-menu-xmlid="aftersales_dealer_insurance.aftersales_accident_report_menu_unpaid"]',
            run: "click",
        },
        {
            trigger: ".o_pivot",
        },
    ],
});
