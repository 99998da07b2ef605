// Words for training data: dosage, training forms, the Borg scale, pacing reasons.
import { getLocale, t, weekdayName, listFormat } from "./i18n.js";

export const BORG = [6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20];

/** "2 sets × 10, hold 10 s" */
export function dosageText(item) {
  const parts = [];
  if (item.sets && item.repetitions) {
    parts.push(t(item.each_side ? "dose.sets_reps_side" : "dose.sets_reps",
      { count: item.sets, sets: item.sets, reps: item.repetitions }));
  }
  if (item.hold_seconds) parts.push(t("dose.hold", { seconds: item.hold_seconds }));
  return parts.join(" · ");
}

export function formName(form, other) {
  if (form === "other" && other) return other;
  return t(`form.${form}`);
}

export function borgAnchor(value) {
  const key = `borg.${value}`;
  const text = t(key);
  return text === key ? "" : text;
}

export function days(weekdays, width = "long") {
  return listFormat((weekdays || []).slice().sort().map((d) => weekdayName(d, width)));
}

export function partName(part) { return t(`part.${part}`); }

// The server states the pacing reason in English. Until it sends a reason code, the Swedish UI
// recognises each of its sentences and says it in Swedish (unknown text is shown as it is).
const SV_REASONS = [
  [/^Too few sessions to judge: (\d+) of at least (\d+) in the last two weeks, so the plan stays the same\.$/,
    "För få pass för att bedöma: {1} av minst {2} de senaste två veckorna, så planen är densamma."],
  [/^The last two weeks felt below somewhat hard \(average effort ([\d.]+)\), so your sessions grow by 20 % to (\d+) minutes\.$/,
    "De senaste två veckorna kändes lättare än något ansträngande (medel {1}), så dina pass ökar med 20 % till {2} minuter."],
  [/^The last two weeks felt hard \(average effort ([\d.]+)\): repeat the same for two more weeks\.$/,
    "De senaste två veckorna kändes ansträngande (medel {1}): gör samma sak två veckor till."],
  [/^The last two weeks felt somewhat hard \(average effort ([\d.]+)\): keep the same for two more weeks\.$/,
    "De senaste två veckorna kändes något ansträngande (medel {1}): behåll samma nivå två veckor till."],
  [/^You now train (\d+) minutes and it felt below somewhat hard \(average ([\d.]+)\): add intervals - (\d+) minutes at 15-16 on the scale, hard enough that talking is difficult\.$/,
    "Du tränar nu {1} minuter och det kändes lättare än något ansträngande (medel {2}): lägg till intervaller – {3} minuter på 15–16 på skalan, så jobbigt att det är svårt att prata."],
  [/^At (\d+) minutes the last two weeks averaged ([\d.]+); intervals start once it feels below somewhat hard \(under 14\)\.$/,
    "Med {1} minuter låg de senaste två veckorna på i medel {2}; intervaller börjar när det känns lättare än något ansträngande (under 14)."],
  [/^Your intervals went well \(average effort ([\d.]+)\): (\d+) hard minutes at 15-16 from now on\.$/,
    "Dina intervaller gick bra (medel {1}): {2} ansträngande minuter på 15–16 från och med nu."],
  [/^The last two weeks were harder than the intervals should be \(average ([\d.]+)\): keep (\d+) hard minutes for two more weeks\.$/,
    "De senaste två veckorna var jobbigare än intervallerna ska vara (medel {1}): behåll {2} ansträngande minuter två veckor till."],
  [/^You have reached your goal: (\d+) minutes with (\d+) hard minutes\. Keep it up\.$/,
    "Du har nått ditt mål: {1} minuter varav {2} ansträngande. Fortsätt så!"],
  [/^You have reached your goal of (\d+) minutes per session\. Keep it up\.$/,
    "Du har nått ditt mål på {1} minuter per pass. Fortsätt så!"],
  [/^Your last two sessions felt very easy \(effort (\d+) and (\d+)\), so add a little: (\d+) minutes\.$/,
    "Dina två senaste pass kändes mycket lätta ({1} och {2}), så lägg till lite: {3} minuter."],
  [/^Start at (\d+) minutes, about 20 % below what you can do now, at an effort of 11-14 \(fairly light to somewhat hard\)\.$/,
    "Börja med {1} minuter, ungefär 20 % under vad du klarar i dag, på en ansträngning av 11–14 (lätt till något ansträngande)."],
  [/^A bad day: do half of today's plan - (\d+) of (\d+) minutes(?:, (\d+) of them hard)?\. This session will not count when your plan is reviewed\.$/,
    (m) => `En dålig dag: gör halva dagens plan – ${m[1]} av ${m[2]} minuter${m[3] ? `, varav ${m[3]} ansträngande` : ""}. Passet räknas inte när din plan ses över.`],
];

export function reasonText(reason) {
  if (!reason || getLocale() !== "sv") return reason || "";
  for (const [pattern, template] of SV_REASONS) {
    const match = reason.match(pattern);
    if (match) {
      if (typeof template === "function") return template(match);
      return template.replace(/\{(\d)\}/g, (_, i) => match[Number(i)].replace(".", ","));
    }
  }
  return reason;
}
