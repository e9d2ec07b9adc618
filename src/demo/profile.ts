// Customer and lead attribute columns (demographics or firmographics) drawn from a persona.
import type { Rng } from '../shared/rng.js';
import type { AccountRef } from './accounts.js';
import { csvField } from './csv-sink.js';
import type { CompanySpec, CountrySpec } from './persona-spec.js';
import type { Prepared } from './prepared.js';
import { draw } from './weights.js';

const B2C_PROFILE = ['country', 'region', 'city', 'age', 'gender', 'acquisition_channel', 'email_opt_in'];
const B2B_PROFILE = ['country', 'region', 'city', 'job_title', 'role', 'industry', 'company_size', 'acquisition_channel', 'email_opt_in'];

export function customerHeader(company: CompanySpec): string[] {
  const b2b = company.variant === 'b2b';
  return [
    'customer_id', ...(b2b ? ['account_id'] : []), 'created_at', ...(b2b ? B2B_PROFILE : B2C_PROFILE),
    'churned', 'churned_at', ...company.extraColumns,
  ];
}

export function leadHeader(company: CompanySpec): string[] {
  return ['lead_id', 'created_at', ...(company.variant === 'b2b' ? B2B_PROFILE : B2C_PROFILE)];
}

const countryMaps = new WeakMap<CompanySpec, Map<string, CountrySpec>>();

function countryOf(company: CompanySpec, code: string): CountrySpec | undefined {
  let m = countryMaps.get(company);
  if (m === undefined) {
    m = new Map(company.countries.map((c) => [c.code, c]));
    countryMaps.set(company, m);
  }
  return m.get(code);
}

/** The profile columns (see B2C_PROFILE / B2B_PROFILE) as one CSV fragment; a b2b contact takes its account's firmographics. */
export function drawProfile(rng: Rng, p: Prepared, company: CompanySpec, optIn: boolean, account?: AccountRef): string {
  const code = account !== undefined && rng.next() < 0.85 ? account.country : draw(p.countries, rng);
  const c = countryOf(company, code);
  const place = `${code},${csvField(c?.region ?? '')},${csvField(c === undefined ? '' : (c.cities[rng.int(c.cities.length)] as string))}`;
  let who: string;
  if (company.variant === 'b2b') {
    const industry = account?.industry ?? draw(p.industries, rng);
    const size = account?.size ?? draw(p.companySizes, rng);
    who = `${csvField(draw(p.jobTitles, rng))},${draw(p.roles, rng)},${industry},${size}`;
  } else {
    const [mean, sd] = p.spec.age ?? [40, 12];
    const age = Math.min(85, Math.max(18, Math.round(mean + sd * rng.normal())));
    who = `${age},${draw(p.gender, rng)}`;
  }
  return `${place},${who},${draw(p.acquisition, rng)},${optIn ? 'true' : 'false'}`;
}
