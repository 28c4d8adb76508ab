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
            trigger: ".o_cq_pqrs_number:contains('REC-')",
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

function chatterText() {
    return document.querySelector("#chatterRoot").shadowRoot.textContent;
}

// The English-speaking customer follows an answered case: the answer, the conversation (the answer
// letter and the team's public message, never an internal note), writes, rates once, and finds the
// rating instead of the question when coming back.
registry.category("web_tour.tours").add("cq_pqrs_portal_follow_tour", {
    steps: () => [
        {
            content: "The answer is shown",
            trigger: ".o_cq_pqrs_answer:contains('Enviaremos las dos cajas')",
            run: () => sessionStorage.setItem("cq_pqrs_case_url", window.location.pathname),
        },
        {
            content: "The status is shown once",
            trigger: ".o_cq_pqrs_card .badge:contains('Answered')",
            run: () => {
                const count = [...document.querySelectorAll("span, div, dd")].filter(
                    (el) => el.childElementCount === 0 && el.textContent.trim() === "Answered"
                ).length;
                if (count !== 1) {
                    throw new Error(`"Answered" is shown ${count} times`);
                }
            },
        },
        {
            content: "The answer letter is in the conversation",
            trigger: "#chatterRoot:shadow .o-mail-Message-body:contains('This is our answer to your')",
        },
        {
            content: "The team's public message is in the conversation",
            trigger: "#chatterRoot:shadow .o-mail-Message-body:contains('We are packing your two boxes.')",
            run: () => {
                if (chatterText().includes("Internal note")) {
                    throw new Error("An internal note is shown to the customer");
                }
            },
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
            trigger: ".o_cq_pqrs_sidebar a.o_cq_pqrs_rate_good",
            run: "click",
        },
        {
            content: "The rating page thanks the customer",
            trigger: "body:contains('Thank you')",
        },
        {
            content: "Leave a comment",
            trigger: "textarea[name='feedback']",
            run: "edit Quick and clear answer.",
        },
        {
            trigger: "button:contains('Send Feedback')",
            run: "click",
        },
        {
            content: "Back to the case",
            trigger: "h3:contains('Thank you for your feedback!')",
            run: () => {
                window.location.href = sessionStorage.getItem("cq_pqrs_case_url");
            },
        },
        {
            content: "The rating is shown instead of the question",
            trigger: ".o_cq_pqrs_rating_given:contains('Satisfied'):contains('Quick and clear answer.')",
            run: () => {
                if (document.querySelector(".o_cq_pqrs_rate_good, .o_cq_pqrs_rating")) {
                    throw new Error("The rating question is asked again");
                }
            },
        },
        {
            content: "The conversation keeps the customer's message",
            trigger: "#chatterRoot:shadow .o-mail-Message-body:contains('Gracias, quedo atento.')",
        },
    ],
});
