// Test list for PII scrubbing: texts with the personal data that must disappear, and ordinary texts that must not change.

export interface PiiCase {
  readonly text: string;
  /** substrings that must not survive scrubbing */
  readonly secrets: readonly string[];
  readonly kind: 'email' | 'phone' | 'card' | 'url' | 'handle' | 'address' | 'number' | 'name';
}

export const PII_CASES: readonly PiiCase[] = [
  // e-mail addresses
  { kind: 'email', text: 'Please reply to jane.doe@example.com asap', secrets: ['jane.doe@example.com'] },
  { kind: 'email', text: 'my email is J.Smith+orders@mail.co.uk.', secrets: ['J.Smith+orders@mail.co.uk'] },
  { kind: 'email', text: 'contact: bob_99@sub.domain.org, thanks', secrets: ['bob_99@sub.domain.org'] },
  { kind: 'email', text: 'write to anna-maria@firma.de bitte', secrets: ['anna-maria@firma.de'] },
  { kind: 'email', text: 'email me at jane dot doe at gmail dot com', secrets: ['jane dot doe at gmail dot com'] },
  { kind: 'email', text: 'reach me on jdoe [at] example [dot] org', secrets: ['jdoe [at] example [dot] org'] },
  { kind: 'email', text: 'My address (kim.lee@university.edu) bounced', secrets: ['kim.lee@university.edu'] },
  { kind: 'email', text: 'EMAIL:MARK.T@COMPANY.COM', secrets: ['MARK.T@COMPANY.COM'] },
  // phone numbers
  { kind: 'phone', text: 'Call me on +44 20 7946 0958 after six', secrets: ['7946 0958'] },
  { kind: 'phone', text: 'my number is (555) 123-4567', secrets: ['123-4567'] },
  { kind: 'phone', text: 'ring 555.123.4567 please', secrets: ['555.123.4567'] },
  { kind: 'phone', text: 'US: +1-202-555-0143', secrets: ['202-555-0143'] },
  { kind: 'phone', text: 'mobile 07700 900123', secrets: ['07700 900123'] },
  { kind: 'phone', text: 'en France: +33 1 23 45 67 89', secrets: ['23 45 67 89'] },
  { kind: 'phone', text: 'Germany 0049 30 1234567', secrets: ['30 1234567'] },
  { kind: 'phone', text: 'call 1-800-433-7300 and see', secrets: ['800-433-7300'] },
  { kind: 'phone', text: 'PLEASE HELP 917 703 1472', secrets: ['917 703 1472'] },
  { kind: 'phone', text: 'tel +61 2 9876 5432 (Sydney)', secrets: ['9876 5432'] },
  { kind: 'phone', text: 'whatsapp +91 98765 43210', secrets: ['98765 43210'] },
  { kind: 'phone', text: 'Call me at 555-1234', secrets: ['555-1234'] },
  { kind: 'phone', text: 'my cell is 02079460958', secrets: ['02079460958'] },
  // cards and account numbers
  { kind: 'card', text: 'card 4111 1111 1111 1111 was charged', secrets: ['4111 1111 1111 1111'] },
  { kind: 'card', text: 'used 5500-0000-0000-0004 online', secrets: ['5500-0000-0000-0004'] },
  { kind: 'card', text: 'amex 3782 822463 10005 declined', secrets: ['3782 822463 10005'] },
  { kind: 'card', text: 'number 4012888888881881 twice', secrets: ['4012888888881881'] },
  { kind: 'number', text: 'IBAN DE89 3704 0044 0532 0130 00 please refund', secrets: ['3704 0044 0532'] },
  { kind: 'number', text: 'order 12345678 never came', secrets: ['12345678'] },
  // links with personal paths
  { kind: 'url', text: 'see my profile https://www.facebook.com/jane.doe.3', secrets: ['jane.doe.3'] },
  { kind: 'url', text: 'linkedin.com/in/jane-doe-123 is me', secrets: ['jane-doe-123'] },
  { kind: 'url', text: 'photo here http://t.co/abc123XYZ', secrets: ['abc123XYZ'] },
  { kind: 'url', text: 'https://shop.example.com/account/orders?id=998877', secrets: ['998877'] },
  { kind: 'url', text: 'tracking https://track.example.com/u/jdoe/parcel', secrets: ['jdoe'] },
  { kind: 'url', text: 'reset link https://app.example.com/reset?token=abc&email=j%40x.com', secrets: ['token=abc'] },
  // handles and addresses
  { kind: 'handle', text: '@united @dhepburn said so', secrets: ['dhepburn'] },
  { kind: 'handle', text: 'ask @mary_k_1987 about it', secrets: ['mary_k_1987'] },
  { kind: 'address', text: 'deliver to 221 Baker Street tomorrow', secrets: ['221 Baker Street'] },
  { kind: 'address', text: 'I live at 12 Elm Road, near the park', secrets: ['12 Elm Road'] },
  { kind: 'address', text: 'postcode NW1 6XE', secrets: ['NW1 6XE'] },
  // names in common patterns
  { kind: 'name', text: 'Hi, my name is Jane Doe and my order is late', secrets: ['Jane', 'Doe'] },
  { kind: 'name', text: "I'm Priya, and I run a small shop", secrets: ['Priya'] },
  { kind: 'name', text: 'I am Tomasz.', secrets: ['Tomasz'] },
  { kind: 'name', text: 'Thanks, Jane', secrets: ['Jane'] },
  { kind: 'name', text: 'Thank you Mohammed for the help!', secrets: ['Mohammed'] },
  { kind: 'name', text: 'Hi Jane, my parcel is missing', secrets: ['Jane'] },
  { kind: 'name', text: 'Hello Mr. Okafor, I wrote last week', secrets: ['Okafor'] },
  { kind: 'name', text: 'Dear Ms Schmidt,', secrets: ['Schmidt'] },
  { kind: 'name', text: 'The box was crushed.\n- Jane D.', secrets: ['Jane D'] },
  { kind: 'name', text: 'Works fine -- Carlos Mendes', secrets: ['Carlos', 'Mendes'] },
  { kind: 'name', text: 'Regards, Li Wei', secrets: ['Li Wei'] },
  { kind: 'name', text: 'Best, Fabrice', secrets: ['Fabrice'] },
  { kind: 'name', text: 'I spoke to Sukhdeep yesterday', secrets: ['Sukhdeep'] },
  { kind: 'name', text: 'agent Ashley did an amazing job', secrets: ['Ashley'] },
  { kind: 'name', text: 'a gentleman named Alistair helped', secrets: ['Alistair'] },
  { kind: 'name', text: 'Wayne, my case manager, was great', secrets: ['Wayne'] },
  { kind: 'name', text: 'this is Jane from accounts', secrets: ['Jane'] },
  { kind: 'name', text: 'my name is jane', secrets: ['jane'] },
  { kind: 'name', text: 'We will fix it ^KP', secrets: ['KP'] },
  { kind: 'name', text: 'Thanks to Karen Salisbury at IAH', secrets: ['Karen', 'Salisbury'] },
];

/** Ordinary customer sentences (no personal data) that must come back unchanged. */
export const PII_CLEAN: readonly string[] = [
  'I waited 3 hours and 45 minutes on 2015-02-24 at 10:30.',
  'Flight 1589 from 2014-2015 was fine.',
  'It cost $1,234.56 for 3 bags and 1234567.89 in total.',
  'Ratings 1 2 3 4 5 6 7 in a row.',
  "I'm Happy with the service and I'm not sure why.",
  'Thanks again for the help, team!',
  'Hello there, is the shop open on Sunday?',
  'See https://example.com/help/returns for the policy.',
  'I am Platinum and fly every week.',
  'Best Deals from an airline this year.',
];

/** Harder cases outside the patterns (reported, not asserted): the scrubber's known blind spots. */
export const PII_HARD: readonly PiiCase[] = [
  { kind: 'name', text: 'Jane was very helpful at the desk', secrets: ['Jane'] },
  { kind: 'name', text: 'but thankfully Ladan has been nice', secrets: ['Ladan'] },
  { kind: 'name', text: 'Kudos to Debbie Baldwin for the safety demo', secrets: ['Debbie'] },
  { kind: 'name', text: 'my husband John Smith booked it', secrets: ['John'] },
  { kind: 'name', text: 'Norma Se at the gate was lovely', secrets: ['Norma'] },
  { kind: 'phone', text: 'Berlin +49 (0)30 123456', secrets: ['123456'] },
  { kind: 'phone', text: 'call 0800 80 01 50', secrets: ['80 01 50'] },
  { kind: 'email', text: 'mail jdoe at example.com', secrets: ['jdoe'] },
  { kind: 'url', text: 'my blog janedoe.blog/about', secrets: ['janedoe'] },
  { kind: 'address', text: 'ship to 5 rue de Rivoli, Paris', secrets: ['5 rue de Rivoli'] },
];
