import { registry } from "@web/core/registry";

function chooseOption(selectName, text) {
    const select = document.querySelector(`select[name='${selectName}']`);
    const option = [...select.options].find((opt) => opt.textContent.includes(text));
    select.value = option.value;
    select.dispatchEvent(new Event("change", { bubbles: true }));
}

function attachFile(name, content) {
    const input = document.querySelector("input[name='attachments']");
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], name, { type: "text/plain" }));
    input.files = transfer.files;
}

registry.category("web_tour.tours").add("cq_pqrs_portal_file_tour", {
    url: "/my/pqrs/new",
    steps: () => [
        {
            content: "Choose the type",
            trigger: "select[name='type_id']",
            run: () => chooseOption("type_id", "Claim"),
        },
        {
            trigger: "input[name='subject']",
            run: "edit Pedido incompleto portal tour",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit Faltaron dos cajas del pedido.",
        },
        {
            content: "Attach the delivery note",
            trigger: "input[name='attachments']",
            run: () => attachFile("remision.txt", "Remisión 123: 8 de 10 cajas"),
        },
        {
            trigger: "button.o_cq_pqrs_submit",
            run: "click",
        },
        {
            content: "The case is filed with its number",
            trigger: ".o_cq_pqrs_number:contains('R-')",
        },
        {
            content: "Back to the list",
            trigger: ".o_cq_pqrs_number",
            run: () => {
                window.location.href = "/my/pqrs";
            },
        },
        {
            content: "The case is in the list",
            trigger: ".o_cq_pqrs_row:contains('Pedido incompleto portal tour')",
        },
    ],
});

registry.category("web_tour.tours").add("cq_pqrs_portal_follow_tour", {
    steps: () => [
        {
            content: "The answer is shown",
            trigger: "div:contains('Enviaremos las dos cajas')",
        },
        {
            content: "Write a message",
            trigger: "#chatterRoot:shadow .o-mail-Composer-input",
            run: "edit Gracias, quedo atento.",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            trigger: "#chatterRoot:shadow .o-mail-Message-body:contains('Gracias, quedo atento.')",
        },
        {
            content: "Rate the answer",
            trigger: "a.o_cq_pqrs_rate_good",
            run: "click",
        },
        {
            content: "The rating page thanks the customer",
            trigger: "body:contains('Thank you')",
        },
    ],
});
