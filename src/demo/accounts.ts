// B2B accounts: groups contacts into companies whose firmographics follow the persona of the contacts that open them.
import type { Rng } from '../shared/rng.js';
import type { CsvSink } from './csv-sink.js';
import { csvField } from './csv-sink.js';
import type { Prepared } from './prepared.js';
import { draw, logNormal, poisson } from './weights.js';

export const ACCOUNT_HEADER = ['account_id', 'name', 'industry', 'employees', 'annual_revenue', 'country'];

const SIZE_RANGES: Readonly<Record<string, readonly [number, number]>> = {
  '1-10': [1, 10], '11-50': [11, 50], '51-200': [51, 200], '201-1000': [201, 1000], '1001-5000': [1001, 5000], '5000+': [5001, 60000],
};
const NAME_A = ['Blue', 'North', 'Iron', 'Silver', 'Bright', 'Oak', 'Summit', 'Harbor', 'Red', 'Cedar', 'Granite', 'Swift', 'Pine', 'Lake', 'Stone', 'Vista', 'Copper', 'Maple'];
const NAME_B: Readonly<Record<string, readonly string[]>> = {
  logistics: ['Logistics', 'Freight', 'Transport'], retail: ['Retail', 'Stores', 'Market'], construction: ['Build', 'Construction', 'Contractors'],
  manufacturing: ['Manufacturing', 'Industries', 'Works'], hospitality: ['Hotels', 'Hospitality', 'Kitchens'], healthcare: ['Health', 'Care', 'Clinics'],
  software: ['Software', 'Labs', 'Systems'], agency: ['Studio', 'Agency', 'Creative'], financial_services: ['Capital', 'Finance', 'Partners'],
  education: ['Learning', 'Academy', 'Schools'],
};

/** Chance that a contact joins the open account of another persona, so accounts mix personas as real ones do. */
const MIX = 0.25;

export interface AccountRef {
  readonly id: string;
  readonly industry: string;
  readonly size: string;
  readonly country: string;
  slots: number;
}

export class AccountBook {
  private readonly open: (AccountRef | undefined)[];
  private next = 1;

  constructor(
    private readonly sink: CsvSink,
    private readonly personas: readonly Prepared[],
    private readonly rng: Rng,
  ) {
    this.open = personas.map(() => undefined);
  }

  /** The account of the next contact of persona p; opens (and writes) a new account when needed. */
  assign(p: Prepared): AccountRef {
    const pi = this.rng.next() < MIX ? this.rng.int(this.personas.length) : p.index;
    let a = this.open[pi];
    if (a === undefined || a.slots <= 0) {
      a = this.create(this.personas[pi] as Prepared);
      this.open[pi] = a;
    }
    a.slots--;
    return a;
  }

  private create(p: Prepared): AccountRef {
    const rng = this.rng;
    const industry = draw(p.industries, rng);
    const size = draw(p.companySizes, rng);
    const [lo, hi] = SIZE_RANGES[size] ?? [1, 10];
    const employees = Math.round(lo * Math.pow(hi / lo, rng.next()));
    const revenue = Math.round((employees * logNormal(rng, [140000, 0.45])) / 1000) * 1000;
    const country = draw(p.countries, rng);
    const suffix = NAME_B[industry] ?? ['Group'];
    const name = `${NAME_A[rng.int(NAME_A.length)] as string} ${suffix[rng.int(suffix.length)] as string}`;
    const id = 'a' + String(this.next++);
    this.sink.line(`${id},${csvField(name)},${industry},${employees},${revenue}.00,${country}\n`);
    return { id, industry, size, country, slots: 1 + poisson(rng, Math.max(0, p.spec.accountContacts - 1)) };
  }
}
