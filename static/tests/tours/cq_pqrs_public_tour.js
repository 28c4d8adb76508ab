import { registry } from "@web/core/registry";

// A citizen on the Spanish public form (/es/pqrs/new) files an anonymous complaint and follows it
// on the tracking page: the texts asserted are the Spanish ones the citizen reads.
registry.category("web_tour.tours").add("cq_pqrs_public_tour", {
    url: "/es/pqrs/new",
    steps: () => [
        {
            content: "The form speaks Spanish, its consent text too",
            trigger: "h1:contains('Radicar una solicitud, queja o sugerencia')",
            run: () => {
                const consent = document.querySelector("label[for='cq_pqrs_consent']").textContent;
                if (!consent.includes("Autorizo")) {
                    throw new Error(`the consent text is not in Spanish: ${consent}`);
                }
                const types = [...document.querySelectorAll("select[name='type_id'] option")].map((o) => o.textContent);
                const names = types.map((text) => text.split(" — ")[0].trim()).filter(Boolean);
                if (new Set(names).size !== names.length) {
                    throw new Error(`a type is offered twice: ${names.join(", ")}`);
                }
            },
        },
        {
            content: "Choose the type",
            trigger: "select[name='type_id']",
            run: () => {
                const select = document.querySelector("select[name='type_id']");
                const option = [...select.options].find((opt) => opt.textContent.startsWith("Queja"));
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
            trigger: "button.o_cq_pqrs_public_submit:contains('Enviar')",
            run: "click",
        },
        {
            content: "Number and code are shown, in Spanish",
            trigger: "h1:contains('Su solicitud ha sido radicada.')",
        },
        {
            content: "Keep the code, follow the link to the tracking page",
            trigger: ".o_cq_pqrs_code:not(:empty)",
            run: () => {
                const code = document.querySelector(".o_cq_pqrs_code").textContent.trim();
                sessionStorage.setItem("cq_pqrs_tour", JSON.stringify({ code }));
                const link = document.querySelector("a.o_cq_pqrs_track_link");
                if (link.getAttribute("href").includes(code)) {
                    throw new Error("the secret code is in a link");
                }
                link.click();
            },
        },
        {
            content: "The number is filled in: write the code",
            trigger: "input[name='number'][value^='QUE-']",
            run: () => {
                const { code } = JSON.parse(sessionStorage.getItem("cq_pqrs_tour"));
                document.querySelector("input[name='code']").value = code;
            },
        },
        {
            trigger: "button.o_cq_pqrs_track_submit",
            run: "click",
        },
        {
            content: "The status, the term and the steps are shown, in Spanish",
            trigger: ".o_cq_pqrs_track_result .o_cq_pqrs_state:contains('Radicada')",
        },
        {
            trigger: ".o_cq_pqrs_track_result .o_cq_pqrs_term:contains('15 días hábiles')",
        },
        {
            trigger: ".o_cq_pqrs_track_result .o_cq_pqrs_timeline h5:contains('Etapas de su solicitud')",
        },
        {
            trigger: ".o_cq_pqrs_track_result .o_cq_pqrs_legal_basis:contains('Ley 1755 de 2015')",
        },
    ],
});
