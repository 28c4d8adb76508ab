/* Google reCAPTCHA v3 on the public PQRS form: loaded by the page only when
 * the google_recaptcha module is installed and a site key is configured.
 * It asks reCAPTCHA for a token on submit and sends it with the form; the
 * server checks it with google_recaptcha's _verify_request_recaptcha_token. */
(function () {
    "use strict";
    document.addEventListener("submit", function (event) {
        const form = event.target.closest("form.o_cq_pqrs_public_form");
        if (!form || form.dataset.captchaDone || typeof window.grecaptcha === "undefined") {
            return;
        }
        event.preventDefault();
        const key = form.dataset.recaptchaKey;
        window.grecaptcha.ready(function () {
            window.grecaptcha.execute(key, { action: "cq_pqrs_public" }).then(function (token) {
                form.querySelector("input[name='recaptcha_token_response']").value = token;
                form.dataset.captchaDone = "1";
                form.submit();
            });
        });
    });
})();
