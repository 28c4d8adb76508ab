import { registry } from "@web/core/registry";

function chooseOption(selectName, optionSelector) {
    const select = document.querySelector(`select[name='${selectName}']`);
    select.value = select.querySelector(optionSelector).value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
}

registry.category("web_tour.tours").add("cq_portal_warranty_tour", {
    url: "/my/pqrs/new",
    steps: () => [
        {
            content: "Choose the type that names an order line (warranty claim)",
            trigger: "select[name='type_id']:has(option[data-requires-line])",
            run: () => chooseOption("type_id", "option[data-requires-line]"),
        },
        {
            content: "Choose the order line of the product",
            trigger: "select[name='warranty_line']:has(optgroup option[value^='sale_line-'])",
            run: () => chooseOption("warranty_line", "option[value^='sale_line-']"),
        },
        {
            trigger: "input[name='subject']",
            run: "edit Compresor no arranca tour",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit El compresor se apaga al arrancar.",
        },
        {
            trigger: "button.o_cq_pqrs_submit",
            run: "click",
        },
        {
            content: "The case is filed with its number",
            trigger: ".o_cq_pqrs_number:contains('GAR-')",
        },
        {
            content: "The warranty is valid",
            trigger: ".o_cq_pqrs_warranty[data-warranty='valid']",
        },
        {
            content: "The product concerned is shown",
            trigger: ".o_cq_pqrs_product:contains('Compresor de aire')",
        },
        {
            content: "The conversation of the case has loaded (the tour must not end while the page still loads it)",
            trigger: "#chatterRoot:shadow .o-mail-Chatter",
        },
    ],
});
