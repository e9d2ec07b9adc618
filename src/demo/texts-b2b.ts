// Feedback vocabulary of the b2b demo company's personas: themes, goals, pains, questions, motivations, objections, emotions.
import type { PersonaTexts } from './persona-spec.js';

export const TEAM_LEAD_TEXTS: PersonaTexts = {
  themes: ['scheduling', 'mobile app', 'automations', 'team adoption', 'shift planning', 'dashboards'],
  slots: {
    task: ['dispatching jobs', 'assigning shifts', 'tracking work orders', 'updating the status board', 'planning routes'],
    team: ['my crew', 'the night shift', 'our field techs', 'the warehouse team', 'the dispatch team'],
  },
  goals: [
    'I want {team} to stop {task} in spreadsheets.',
    'My goal is to get {team} using one tool for {task}.',
    'I need {theme} that saves me an hour a day.',
    'I want to see at a glance who is working on what.',
  ],
  pains: [
    'The {theme} is clunky on older Android phones.',
    'Half of {team} still ignores the app and calls me instead.',
    'Setting up {theme} for {task} took far longer than expected.',
    'Notifications for {task} arrive late or twice.',
  ],
  questions: [
    'Can {team} use the {theme} offline?',
    'Is there a template for {task}?',
    'How do I copy last week\'s {theme} to this week?',
    'Can I get a daily summary of {task} by email?',
  ],
  motivations: [
    'The {theme} finally got {team} off paper.',
    'A colleague showed me how they handle {task} with it.',
    'The free trial let me prove it to my manager in a week.',
  ],
  objections: [
    'I was worried {team} would not adopt another tool.',
    'I needed my manager to sign off, which took a while.',
    'The {theme} looked complicated in the first demo.',
  ],
  happy: ['Love the {theme}, {team} picked it up in days.', 'Huge time saver for {task}.', 'The {theme} feature just works, which is all I ask.'],
  unhappy: ['Frustrated, the {theme} keeps getting in the way of {task}.', 'Disappointed with the {theme} after the last update.'],
};

export const EXEC_TEXTS: PersonaTexts = {
  themes: ['ROI', 'executive dashboards', 'security review', 'enterprise contract', 'rollout plan', 'total cost of ownership'],
  slots: {
    metric: ['on-time delivery', 'cost per job', 'utilisation', 'SLA compliance', 'overtime hours'],
    unit: ['every region', 'the whole group', 'all twelve sites', 'three business units'],
  },
  goals: [
    'I need to show the board a clear {theme} within two quarters.',
    'My priority is to improve {metric} across {unit}.',
    'I want one view of {metric} for {unit}.',
    'We need a {theme} that procurement can sign without surprises.',
  ],
  pains: [
    'The {theme} took our legal team months.',
    'I still cannot compare {metric} across {unit} in one report.',
    'The renewal quote increased more than we budgeted.',
    'Our account manager changed three times this year.',
  ],
  questions: [
    'What {theme} have similar companies achieved?',
    'Can you support a phased {theme} for {unit}?',
    'How will you report {metric} to my leadership team?',
    'Is there a volume discount on the {theme}?',
  ],
  motivations: [
    'The case study on {metric} convinced our leadership.',
    'Your team understood our {theme} from day one.',
    'Peers at the industry event spoke highly of the {theme}.',
  ],
  objections: [
    'The {theme} was hard to justify to finance.',
    'We were concerned about the {theme} for {unit}.',
    'A competitor offered a lower {theme}.',
  ],
  happy: ['Very pleased, {metric} improved within a quarter.', 'Strong partnership, the {theme} delivered.', 'The {theme} exceeded what we promised the board.'],
  unhappy: ['Disappointed with the {theme} so far.', 'Concerned that {metric} has not moved since rollout.'],
};

export const TECH_TEXTS: PersonaTexts = {
  themes: ['API limits', 'SSO', 'data export', 'webhooks', 'sandbox environment', 'integration docs'],
  slots: {
    system: ['our ERP', 'Salesforce', 'our data warehouse', 'the HR system', 'SAP', 'our identity provider'],
    spec: ['rate limit', 'uptime SLA', 'audit log retention', 'webhook retry policy', 'API pagination'],
  },
  goals: [
    'I need a clean integration with {system} before we go live.',
    'My job is to make sure that {theme} will pass our security review.',
    'I want full {theme} so we are never locked in.',
    'I have to validate the {spec} before I recommend anything.',
  ],
  pains: [
    'The docs on {theme} are missing examples for {system}.',
    'We hit the {spec} during the pilot.',
    'Our {theme} setup behaved differently from the documentation.',
    'Setting up {theme} with {system} needed a support ticket.',
  ],
  questions: [
    'What is the {spec} on the business plan?',
    'Do you support {theme} with {system}?',
    'Can we get a {theme} to test against {system}?',
    'Why does the API return different fields than documented?',
  ],
  motivations: [
    'Your {theme} story was better than any competitor we evaluated.',
    'A developer community thread about {system} pointed me to you.',
    'The technical demo answered every question about the {spec}.',
  ],
  objections: [
    'I went back to comparing vendors twice because of the {spec}.',
    'We paused the evaluation until questions about {theme} were clarified.',
    'I was not sure that {theme} would scale to our volume.',
  ],
  happy: ['Impressed by the {theme}, integration with {system} took a day.', 'Solid {theme}, clearly built by engineers.', 'The {spec} is exactly as documented.'],
  unhappy: ['Frustrating to debug the {theme} with {system}.', 'Disappointed by the {spec}, it is lower than advertised.'],
};

export const FOUNDER_TEXTS: PersonaTexts = {
  themes: ['monthly price', 'setup time', 'free plan', 'templates', 'per-seat pricing', 'cancel anytime'],
  slots: {
    biz: ['my agency', 'our small shop', 'my cleaning business', 'our cafe', 'my studio'],
    task: ['invoicing clients', 'juggling bookings', 'keeping track of jobs', 'managing freelancers'],
  },
  goals: [
    'I want {biz} to stop wasting evenings on {task}.',
    'I need something that works out of the box with good {theme}.',
    'My goal is to grow {biz} without hiring an office manager.',
    'I want to keep the {theme} low while we are small.',
  ],
  pains: [
    'The {theme} jumps too much when we add one person.',
    'I spent a weekend on {task} setup that should take an hour.',
    'Some features I need for {task} are locked behind the top plan.',
    'The {theme} is hard to understand from the website.',
  ],
  questions: [
    'Is there a discount if I pay yearly?',
    'Can I stay on the {theme} with three users?',
    'Do you have {theme} for {task}?',
    'What happens to my data if I cancel?',
  ],
  motivations: [
    'The {theme} made it a no-brainer for {biz}.',
    'I saw a video about {task} and signed up the same evening.',
    'Another founder recommended it for {task}.',
  ],
  objections: [
    'The {theme} felt steep for a company our size.',
    'I almost stayed with spreadsheets for {task}.',
    'I was not sure I had the time to set it up.',
  ],
  happy: ['Brilliant value, {biz} runs smoother already.', 'Love the {theme}, set up in an afternoon.', 'Finally {task} is not a headache.'],
  unhappy: ['Annoyed by the {theme}, it adds up quickly.', 'Feels expensive for what {biz} actually uses.'],
};

export const DRAIN_TEXTS: PersonaTexts = {
  themes: ['billing error', 'sync failures', 'slow support', 'onboarding call', 'credit note', 'data import'],
  slots: {
    thing: ['the calendar sync', 'the CSV import', 'the invoice', 'the user permissions', 'the mobile app'],
    wait: ['three days', 'a week', 'two weeks', 'since Monday'],
  },
  goals: [
    'I just need {thing} to work without calling support every week.',
    'I want a {theme} that actually fixes our setup.',
    'I was promised that {thing} would be configured for us.',
  ],
  pains: [
    'We have been waiting {wait} for an answer about {thing}.',
    'There is another {theme} on our account this month.',
    '{thing} broke again after the update.',
    'The {theme} still has not been issued.',
    'Nobody told us the onboarding call would cost extra.',
  ],
  questions: [
    'Why were we charged twice this month?',
    'When will {thing} be fixed?',
    'Can we get a {theme} for the downtime?',
    'Why does {thing} keep failing?',
  ],
  motivations: ['The discount for the first year made us try it.', 'Your sales rep promised a free {theme}.'],
  objections: [
    'We only signed because of the discount.',
    'We were unsure about {thing} from the start.',
    'We asked for a refund clause before signing.',
  ],
  happy: ['Thanks, {thing} finally works after the last call.'],
  unhappy: ['Extremely frustrated, {thing} is broken again.', 'Fed up with the {theme}, we are considering cancelling.', 'Angry that we waited {wait} for help.'],
};
