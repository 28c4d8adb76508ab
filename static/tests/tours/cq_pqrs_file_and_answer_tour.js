import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("cq_pqrs_file_and_answer_tour", {
    steps: () => [
        {
            content: "Write the subject of the new case",
            trigger: ".o_form_view .o_field_widget[name='subject'] input",
            run: "edit Producto llegó defectuoso tour",
        },
        {
            content: "Choose the type",
            trigger: ".o_form_view .o_field_widget[name='type_id'] input",
            run: "edit Claim",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li a:contains('Claim')",
            run: "click",
        },
        {
            content: "Choose the customer",
            trigger: ".o_form_view .o_field_widget[name='partner_id'] input",
            run: "edit Cliente del Tour",
        },
        {
            trigger: ".o-autocomplete--dropdown-menu li a:contains('Cliente del Tour')",
            run: "click",
        },
        {
            content: "File the case",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The case has its filing number and due date",
            trigger: ".o_form_view .o_field_widget[name='name'] span:contains('R-')",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='date_due'] span:not(:empty)",
        },
        {
            content: "Open the answer tab",
            trigger: ".o_form_view .o_notebook .nav-link:contains('Answer')",
            run: "click",
        },
        {
            content: "Write the answer",
            trigger: ".o_form_view .o_field_html[name='answer'] .odoo-editor-editable p",
            run: "editor Hemos reemplazado el producto defectuoso.",
        },
        {
            content: "Send the answer",
            trigger: ".o_form_view .o_form_statusbar button[name='action_send_answer']",
            run: "click",
        },
        {
            content: "The case is answered",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current:contains('Answered')",
        },
    ],
});
