import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("cq_pqrs_refund_tour", {
    steps: () => [
        {
            content: "Technical Service tab of the warranty claim",
            trigger: ".o_form_view .o_notebook .nav-link[name='technical_service']",
            run: "click",
        },
        {
            content: "Record a visit",
            trigger: ".o_field_widget[name='intervention_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='intervention_ids'] .o_data_row .o_field_widget[name='duration'] input",
            run: "edit 01:30",
        },
        {
            content: "The customer is refunded",
            trigger: ".o_form_view .o_field_widget[name='outcome'] select",
            run: 'select "refunded"',
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
            content: "One click drafts the credit note",
            trigger: ".o_form_view .o_form_statusbar button[name='action_create_credit_note']",
            run: "click",
        },
        {
            content: "The draft credit note of the refunded line is open",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='draft']",
        },
        {
            trigger: ".o_form_view .o_field_widget[name='invoice_line_ids'] .o_data_row",
        },
        {
            content: "The credit note names its case",
            trigger: ".o_form_view .o_field_widget[name='cq_pqrs_id']:contains('GAR-')",
        },
    ],
});
