import { isAppError } from "../../server/errors.ts";
import type { Principal } from "../../server/policy/roles.ts";
import type { CreateVolunteer } from "../volunteers/contracts.ts";
import type { DemoServices as Services } from "./deps.ts";
import { DEMO_ORGANIZATIONS } from "./directory-content.ts";

/**
 * The pool's last two months for the demo (issue 17, decision 100): conversations that were held,
 * each booked, offered, accepted and confirmed at a moment before it and held the day after, all
 * through the state machine (`at`: the moment the step is judged at), then the months' statements
 * issued by the statements job's own run. Everything INVENTED. The mediator of the demo account
 * (the first volunteer) has a statement on their own page.
 */
export async function seedHeldMonths(
  services: Services,
  coordinator: Principal,
  volunteers: { id: string; input: CreateVolunteer }[],
  today: string,
) {
  const months = [monthBefore(today, 1), monthBefore(today, 2)];
  // Counselling services of the directory book them: every mediator of the demo serves that setting.
  const institutions = DEMO_ORGANIZATIONS.slice(0, 6);
  let held = 0;
  for (const [m, period] of months.entries()) {
    for (const [i, v] of volunteers.entries()) {
      if (v.input.status !== "active" || i % (m === 0 ? 4 : 5) !== m) continue;
      const slot = v.input.availability[0];
      const language = v.input.languages[0]?.code;
      const inst = institutions[i % institutions.length];
      if (!slot || !language || !inst) continue;
      const date = nthWeekday(period, slot.weekday, i % 3);
      const onSite = v.input.modes.includes("on_site");
      const duration = [45, 60, 90][i % 3]!;
      const at = new Date(`${date}T08:00:00Z`);
      at.setUTCDate(at.getUTCDate() - 14);
      const after = new Date(`${date}T18:00:00Z`);
      try {
        const opts = { at };
        const { request } = await services.volunteers.createRequest(
          coordinator,
          {
            organizationId: inst.id,
            institutionName: inst.name,
            contactName: "Kontakt (erfunden)",
            contactEmail: `einrichtung-${(i % institutions.length) + 1}@demo.lotse.example`,
            language,
            mode: onSite ? "on_site" : "phone",
            setting: "counselling",
            topic: "Beratungsgespräch",
            area: onSite ? (v.input.areas[0] ?? null) : null,
            date,
            startTime: `${String(Math.floor(slot.from / 60) + 1).padStart(2, "0")}:00`,
            durationMinutes: duration,
            measureId: null,
            idempotencyKey: `demo-held-${period}-${i}`,
          },
          opts,
        );
        let r = await services.volunteers.applyEvent(
          coordinator,
          request.id,
          { type: "offer", volunteerId: v.id, version: request.version },
          opts,
        );
        r = await services.volunteers.applyEvent(
          coordinator,
          r.id,
          { type: "accept", version: r.version },
          opts,
        );
        r = await services.volunteers.applyEvent(
          coordinator,
          r.id,
          { type: "confirm", version: r.version },
          opts,
        );
        await services.volunteers.applyEvent(
          coordinator,
          r.id,
          {
            type: "hold",
            version: r.version,
            minutes: duration + (i % 2) * 15,
            kilometres: onSite ? 4 + ((i * 7) % 19) : 0,
          },
          { at: after },
        );
        held++;
      } catch (e) {
        // A generated slot the rules refuse (a holiday edge, an overlap) is simply left out.
        if (!isAppError(e)) throw e;
      }
    }
  }
  // The statements job's run for each month (the same function the queued job calls; the seed
  // has no worker, and a queued job would run in whichever test drains the demo's queue first).
  let statements = 0;
  for (const period of months)
    statements += (await services.volunteers.issueStatements(coordinator.tenantId, period)).issued;
  return { held, statements, months };
}

/** `YYYY-MM` of the month `n` months before the one `iso` falls in. */
function monthBefore(iso: string, n: number): string {
  const d = new Date(`${iso.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() - n);
  return d.toISOString().slice(0, 7);
}

/** The date of the `k`-th (0-based, k ≤ 2) ISO weekday (1 Monday … 7 Sunday) of a month. */
function nthWeekday(period: string, weekday: number, k: number): string {
  const d = new Date(`${period}-01T00:00:00Z`);
  while (((d.getUTCDay() + 6) % 7) + 1 !== weekday) d.setUTCDate(d.getUTCDate() + 1);
  d.setUTCDate(d.getUTCDate() + 7 * k);
  return d.toISOString().slice(0, 10);
}
