import { registry } from "@web/core/registry";

const { DateTime } = luxon;

registry.category("web_tour.tours").add("cq_contract_from_order_tour", {
    steps: () => [
        {
            content: "Create the contract of the confirmed order",
            trigger: ".o_form_view .o_form_statusbar button[name='action_cq_create_contract']",
            run: "click",
        },
        {
            content: "The contract is created from the order",
            trigger: ".o_form_view .o_field_widget[name='name'] span:contains('CT-')",
        },
        {
            content: "Sign it",
            trigger: ".o_form_view .o_form_statusbar button[name='action_sign']",
            run: "click",
        },
        {
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='active']",
        },
        {
            content: "Add an obligation",
            trigger: ".o_field_widget[name='obligation_ids'] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            trigger: ".o_field_widget[name='obligation_ids'] .o_data_row .o_field_widget[name='name'] input",
            run: "edit Primera entrega tour",
        },
        {
            trigger: ".o_field_widget[name='obligation_ids'] .o_data_row .o_field_widget[name='date_due'] input",
            run: `edit ${DateTime.now().plus({ days: 5 }).toFormat("MM/dd/yyyy")}`,
        },
        {
            content: "Record the delivery",
            trigger: ".o_field_widget[name='obligation_ids'] .o_data_row .o_field_widget[name='date_delivered'] input",
            run: `edit ${DateTime.now().minus({ days: 1 }).toFormat("MM/dd/yyyy")}`,
        },
        {
            trigger: ".o_field_widget[name='obligation_ids'] .o_data_row .o_field_widget[name='in_form'] select",
            run: "select \"yes\"",
        },
        {
            content: "Save",
            trigger: ".o_form_view .o_form_button_save",
            run: "click",
        },
        {
            content: "The obligation is fulfilled",
            trigger: ".o_form_view .o_form_saved .o_field_widget[name='obligation_ids'] .o_data_row.text-success:contains('Primera entrega tour')",
        },
    ],
});
