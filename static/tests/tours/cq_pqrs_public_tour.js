import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("cq_pqrs_public_tour", {
    url: "/pqrs/new",
    steps: () => [
        {
            content: "Choose the type",
            trigger: "select[name='type_id']",
            run: () => {
                const select = document.querySelector("select[name='type_id']");
                const option = [...select.options].find((opt) => opt.textContent.includes("Complaint"));
                select.value = option.value;
            },
        },
        {
            content: "File anonymously",
            trigger: "input[name='anonymous']",
            run: "check",
        },
        {
            trigger: "input[name='subject']",
            run: "edit Ruido excesivo en la planta tour",
        },
        {
            trigger: "textarea[name='description']",
            run: "edit La planta trabaja de noche con mucho ruido.",
        },
        {
            trigger: "input[name='consent']",
            run: "check",
        },
        {
            trigger: "button.o_cq_pqrs_public_submit",
            run: "click",
        },
        {
            content: "Number and code are shown",
            trigger: ".o_cq_pqrs_code:not(:empty)",
            run: () => {
                const number = document.querySelector(".o_cq_pqrs_number").textContent.trim();
                const code = document.querySelector(".o_cq_pqrs_code").textContent.trim();
                sessionStorage.setItem("cq_pqrs_tour", JSON.stringify({ number, code }));
                window.location.href = "/pqrs/track";
            },
        },
        {
            content: "Track the request with number and code",
            trigger: "input[name='number']",
            run: () => {
                const { number, code } = JSON.parse(sessionStorage.getItem("cq_pqrs_tour"));
                document.querySelector("input[name='number']").value = number;
                document.querySelector("input[name='code']").value = code;
            },
        },
        {
            trigger: "button.o_cq_pqrs_track_submit",
            run: "click",
        },
        {
            content: "The status is shown",
            trigger: ".o_cq_pqrs_track_result:contains('Filed')",
        },
    ],
});
