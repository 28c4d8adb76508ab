# Benchmark: the "Send Answer" click, p50/p95 over 50 answers, beside a plain save of a case (the
# baseline: what any click on the case form costs) and beside what the click cost before the answer
# email moved to a job (the email with its letter rendered by wkhtmltopdf: cq.pqrs._cq_send_answer,
# now the job's step). Target: the click under a second, close to the plain save.
# Run with `bench/run.sh` (feeds this file to `odoo shell`, where `env` exists). Rolled back at
# the end.
import statistics
import time

ANSWERS = 50

env = env  # noqa: F821, PLW0127
pqrs_type = env["cq.pqrs.type"].search(
    [("is_emergency", "=", False), ("requires_warranty_link", "=", False), ("requires_root_cause", "=", False)], limit=1
)
partner = env["res.partner"].create({"name": "Bench filer", "email": "bench.filer@example.com", "lang": "en_US"})
cases = env["cq.pqrs"].create([{
    "subject": f"Bench answer {i}", "type_id": pqrs_type.id, "partner_id": partner.id, "channel": "email",
    "answer": f"<p>Answer number {i}: we replaced the valve and tested it.</p>",
} for i in range(2 * ANSWERS)])
env.flush_all()


def timed(func):
    start = time.perf_counter()
    func()
    env.flush_all()
    env.cr.flush()
    return (time.perf_counter() - start) * 1000


def report(label, values):
    values = sorted(values)
    p95 = values[max(int(len(values) * 0.95) - 1, 0)]
    print(f"{label}: p50 {statistics.median(values):.0f} ms, p95 {p95:.0f} ms")
    return statistics.median(values)


save = report("plain save of a case (baseline)",
              [timed(lambda c=case: c.write({"subject": c.subject + "."})) for case in cases[:ANSWERS]])
click = report("Send Answer click", [timed(case.action_send_answer) for case in cases[:ANSWERS]])
letter = report("the answer email with its letter (the job's step, the click's cost before)",
                [timed(case._cq_send_answer) for case in cases[ANSWERS:]])
print(f"Send Answer / plain save: {click / save:.1f}x; the letter now rendered by the job: {letter:.0f} ms a case")
env.cr.rollback()
