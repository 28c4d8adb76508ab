import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("cq_quotation_requirements_tour", {
    steps: () => [
        {
            content: "Open the customer requirements of the quotation",
            trigger: ".o_form_view .o_notebook .nav-link[name='cq_customer_requirements']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='cq_requirement_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "A required-quality requirement",
            trigger: ".o_field_widget[name='cq_requirement_ids'] .o_data_row .o_field_widget[name='name'] input",
            run: "edit Quality certificate with every batch",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_form_saved",
        },
        {
            content: "The customer agrees on it",
            trigger: ".o_field_widget[name='cq_requirement_ids'] .o_data_row button[name='action_agree']",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='cq_requirement_ids'] .o_data_row:not(:has(button[name='action_agree']))",
        },
        {
            content: "Confirm the order",
            trigger: ".o_form_view .o_form_statusbar button[name='action_confirm']",
            run: "click",
        },
        {
            content: "The order is confirmed",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='sale']",
        },
    ],
});
