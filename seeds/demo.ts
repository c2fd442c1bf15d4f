/**
 * The demo partnership: Northmoor, a fictional place. Everything here is invented; the reviews are modelled on
 * the shape of published learning reviews (an SCR, an LCSPR with a practitioner learning event, a partnership
 * learning review, a thematic review and a fresh rapid review) but no sentence, name or case detail is real.
 *
 * Plain data only. Every date is a whole number of days relative to "today" (negative = in the past), so the demo
 * never ages: the loader (`packages/db/src/seed.ts`) turns offsets into dates and instants.
 *
 * Text may carry placeholders that the loader fills in:
 *   {d:-120}   the date 120 days ago, e.g. "14 March"
 *   {dy:-120}  the same with the year, e.g. "14 March 2025"
 *   {ref:3}    the ref of action 3 of the same review, e.g. "JT-2024/A3"
 * Review codes are `<codePrefix>-<year of notifiedOn, or startedOn>`; action refs are `<code>/A<n>` in list order.
 */

export type DemoAgencyKind = 'police' | 'health' | 'local_authority' | 'education' | 'voluntary' | 'other';
export type DemoReviewType =
  | 'rapid_review'
  | 'lcspr'
  | 'scr'
  | 'partnership_learning_review'
  | 'reflective_learning_event'
  | 'thematic_review'
  | 'multi_agency_audit';
export type DemoReviewStage = 'rapid_review' | 'review' | 'published' | 'closed';
export type DemoStatus = 'not_started' | 'in_progress' | 'completed' | 'assured' | 'withdrawn';
export type DemoConfidence = 'on_track' | 'at_risk' | 'off_track';
export type DemoAddressee = 'partnership' | 'subgroup' | 'agency';

export interface DemoAgency {
  key: string;
  name: string;
  shortName: string;
  kind: DemoAgencyKind;
  /** false with `deactivatedDay` for an agency that no longer exists (kept because old actions name it). */
  active?: boolean;
  deactivatedDay?: number;
  /** Day the agency was set up in the tracker. */
  createdDay: number;
  /** Who unanswered update requests are escalated to. */
  seniorContact?: { name: string; email: string };
}

export interface DemoSubgroup {
  key: string;
  name: string;
  shortName: string;
}

export interface DemoTheme {
  key: string;
  name: string;
  description: string;
}

/** Someone who writes progress updates. `agency: null` is the partnership business unit or a subgroup chair. */
export interface DemoPerson {
  name: string;
  title: string;
  agency: string | null;
}

export interface DemoUpdate {
  day: number;
  by: string;
  note: string;
  /**
   * The author's confidence. A sign-off decision (moving a completed action to assured, or back to in progress:
   * a return for more information, whose note is its question) carries none: the loader leaves it out.
   */
  confidence?: DemoConfidence;
  /** A change of status; the loader works out the status it is changing from. */
  to?: DemoStatus;
  /** [label, path under https://intranet.northmoor.example/] */
  evidence?: [string, string][];
  evidenceOfImpact?: string;
  reason?: string;
}

export interface DemoAction {
  rec?: number;
  kind: 'single_agency' | 'multi_agency';
  owner: string;
  partners?: string[];
  learningNeed: string;
  action: string;
  successMeasure: string;
  targetDay: number | null;
  /** Defaults to the subgroup of its recommendation, then of its review. */
  subgroup?: string;
  themes: string[];
  createdDay: number;
  updates: DemoUpdate[];
  /**
   * Requests for a new target date. `targetDay` of the action is its original date; each agreed request moves
   * it on, and is kept in the action's target-date history.
   */
  targetDateRequests?: DemoTargetDateRequest[];
}

export interface DemoTargetDateRequest {
  day: number;
  by: string;
  targetDay: number;
  reason: string;
  /** Left out: still awaiting a decision. */
  decision?: { day: number; by: string; agree: boolean; note?: string };
}

export interface DemoLearningPoint {
  title: string;
  description: string;
}

export interface DemoRecommendation {
  text: string;
  addressee: DemoAddressee;
  leadAgency?: string;
  subgroup?: string;
  learningPoints: number[];
  targetDay?: number;
}

export interface DemoReview {
  codePrefix: string;
  type: DemoReviewType;
  childPseudonym: string;
  title: string;
  stage: DemoReviewStage;
  notifiedDay: number | null;
  rapidReviewDay: number | null;
  startedDay: number | null;
  completedDay: number | null;
  publishedDay: number | null;
  leadReviewer: string;
  subgroup: string;
  summary: string;
  themes: string[];
  learningPoints: DemoLearningPoint[];
  recommendations: DemoRecommendation[];
  actions: DemoAction[];
}

export const DEMO_PARTNERSHIP_NAME = 'Northmoor Safeguarding Children Partnership';
export const DEMO_EVIDENCE_BASE_URL = 'https://intranet.northmoor.example/';

export const demoAgencies: DemoAgency[] = [
  { key: 'NP', name: 'Northmoor Police', shortName: 'NP', kind: 'police', createdDay: -1700, seniorContact: { name: 'Det Ch Supt Claire Dunmore', email: 'claire.dunmore@police.demo.example' } },
  { key: 'NCS', name: "Northmoor Children's Services", shortName: 'NCS', kind: 'local_authority', createdDay: -1700, seniorContact: { name: 'Mark Ellison', email: 'mark.ellison@council.demo.example' } },
  { key: 'NASC', name: 'Northmoor Council Adult Social Care', shortName: 'NASC', kind: 'local_authority', createdDay: -1700 },
  { key: 'NHFT', name: 'Northmoor Hospitals NHS Foundation Trust', shortName: 'NHFT', kind: 'health', createdDay: -1700, seniorContact: { name: 'Priya Raman', email: 'priya.raman@hospitals.demo.example' } },
  { key: 'NRAS', name: 'North Region Ambulance Service NHS Trust', shortName: 'NRAS', kind: 'health', createdDay: -1700 },
  { key: 'CCG', name: 'NHS Northmoor Clinical Commissioning Group', shortName: 'NCCG', kind: 'health', active: false, deactivatedDay: -995, createdDay: -1700 },
  { key: 'ICB', name: 'NHS Northmoor and Dale Integrated Care Board', shortName: 'NDICB', kind: 'health', createdDay: -1000 },
  { key: 'MMH', name: 'Moorside Mental Health NHS Foundation Trust', shortName: 'MMHFT', kind: 'health', createdDay: -1700 },
  { key: 'NCHT', name: 'Northmoor Community Healthcare NHS Trust', shortName: 'NCHT', kind: 'health', createdDay: -1700 },
  { key: 'GPF', name: 'Northmoor GP Federation', shortName: 'NGPF', kind: 'health', createdDay: -1700 },
  { key: 'NEIS', name: 'Northmoor Education and Inclusion Service', shortName: 'NEIS', kind: 'education', createdDay: -1700, seniorContact: { name: 'Dr Owen Hale', email: 'owen.hale@council.demo.example' } },
  { key: 'MAT', name: 'Moorgate Learning Trust', shortName: 'MLT', kind: 'education', createdDay: -1200 },
  { key: 'YJS', name: 'Northmoor Youth Justice Service', shortName: 'NYJS', kind: 'local_authority', createdDay: -1700 },
  { key: 'PROB', name: 'Probation Service – Northmoor Delivery Unit', shortName: 'PS-N', kind: 'other', createdDay: -1700 },
  { key: 'NH', name: 'Northmoor Homes', shortName: 'NH', kind: 'other', createdDay: -1200 },
  { key: 'MWA', name: "Moorlands Women's Aid", shortName: 'MWA', kind: 'voluntary', createdDay: -1700 },
  { key: 'PATH', name: 'Pathways Northmoor Young People’s Drug and Alcohol Service', shortName: 'Pathways', kind: 'voluntary', createdDay: -1700 },
];

export const demoSubgroups: DemoSubgroup[] = [
  { key: 'LPR', name: 'Learning and Practice Review subgroup', shortName: 'LPR' },
  { key: 'CE', name: 'Child Exploitation subgroup', shortName: 'CE' },
  { key: 'SIE', name: 'Safeguarding in Education subgroup', shortName: 'SiE' },
  { key: 'QA', name: 'Quality Assurance subgroup', shortName: 'QA' },
];

export const demoThemes: DemoTheme[] = [
  { key: 'voice', name: "Child's voice", description: "Knowing what daily life is like for the child, in their own words, and letting it shape plans and decisions." },
  { key: 'info', name: 'Information sharing', description: 'Getting what one agency knows to the others who need it, in time to make a difference.' },
  { key: 'chrono', name: 'Multi-agency chronology', description: 'Bringing every agency’s significant events into one timeline so patterns over time can be seen.' },
  { key: 'men', name: 'Hidden men', description: 'Fathers, partners and other men in a child’s life who are unknown to, unassessed or unengaged by professionals.' },
  { key: 'transition', name: 'Transitions to adulthood', description: 'Continuity of help and protection as young people approach and pass their eighteenth birthday.' },
  { key: 'curiosity', name: 'Professional curiosity', description: 'Looking beyond what is presented, testing explanations and asking the next question.' },
  { key: 'adultification', name: 'Adultification', description: 'Children seen and treated as older than they are, and so offered less care and protection.' },
  { key: 'exploitation', name: 'Exploitation', description: 'Criminal and sexual exploitation of children, including county lines and trafficking.' },
  { key: 'neglect', name: 'Neglect', description: 'Persistent failure to meet a child’s basic needs, including health care, and its cumulative effect.' },
  { key: 'pmh', name: 'Parental mental health', description: 'How a parent’s mental ill-health affects their care of the child, and how adult and children’s services work together.' },
  { key: 'attendance', name: 'School attendance', description: 'Absence, exclusion, part-time timetables and moves of school as signs of risk, and school as a protective factor.' },
  { key: 'escalation', name: 'Escalation', description: 'Challenging decisions and resolving professional disagreement through the partnership’s escalation protocol.' },
  { key: 'da', name: 'Domestic abuse', description: 'Children living with domestic abuse are victims in their own right.' },
  { key: 'supervision', name: 'Supervision and practitioner support', description: 'Reflective supervision and management oversight that keep the focus on the child and prevent drift.' },
];

export const demoPeople: Record<string, DemoPerson> = {
  np_di: { name: 'DI Mark Thornton', title: 'Detective Inspector, Public Protection Unit', agency: 'NP' },
  np_dci: { name: 'DCI Sarah Kellett', title: 'Detective Chief Inspector, Safeguarding and Vulnerability', agency: 'NP' },
  np_ps: { name: 'PS Gemma Rudd', title: 'Sergeant, Missing and Exploitation Team', agency: 'NP' },
  ncs_hos: { name: 'Lorraine Beckett', title: 'Head of Service, Safeguarding and Quality Assurance', agency: 'NCS' },
  ncs_psw: { name: 'Tom Ashworth', title: 'Principal Social Worker', agency: 'NCS' },
  ncs_eh: { name: 'Nadia Hussain', title: 'Service Manager, Early Help', agency: 'NCS' },
  ncs_wfd: { name: 'Gareth Pryce', title: 'Workforce Development Manager', agency: 'NCS' },
  ncs_it: { name: 'Priya Raman', title: 'Business Systems Manager, Children’s Services', agency: 'NCS' },
  nasc_psw: { name: 'Deborah Lyle', title: 'Principal Social Worker, Adult Social Care', agency: 'NASC' },
  nasc_tm: { name: 'Colin Mawson', title: 'Team Manager, Transitions', agency: 'NASC' },
  nhft_nn: { name: 'Claire Whitaker', title: 'Named Nurse for Safeguarding Children', agency: 'NHFT' },
  nhft_nd: { name: 'Dr Omar Siddiqui', title: 'Named Doctor for Safeguarding Children', agency: 'NHFT' },
  nhft_mw: { name: 'Jo Fairclough', title: 'Named Midwife for Safeguarding', agency: 'NHFT' },
  nras: { name: 'Paul Gregson', title: 'Head of Safeguarding', agency: 'NRAS' },
  nras_sp: { name: 'Kirsty Ogden', title: 'Safeguarding Practitioner', agency: 'NRAS' },
  ccg_dn: { name: 'Helen Varley', title: 'Designated Nurse for Safeguarding Children', agency: 'CCG' },
  icb_dn: { name: 'Helen Varley', title: 'Designated Nurse for Safeguarding Children', agency: 'ICB' },
  icb_dd: { name: 'Dr Anjali Mehta', title: 'Designated Doctor for Safeguarding Children', agency: 'ICB' },
  mmh_nn: { name: 'Simon Birch', title: 'Named Nurse for Safeguarding Children', agency: 'MMH' },
  mmh_camhs: { name: 'Dr Fiona Carr', title: 'Clinical Lead, CAMHS', agency: 'MMH' },
  mmh_peri: { name: 'Aoife Brennan', title: 'Team Leader, Perinatal Mental Health Service', agency: 'MMH' },
  ncht_nn: { name: 'Julie Shaw', title: 'Named Nurse, 0–19 Service', agency: 'NCHT' },
  ncht_sn: { name: 'Bethany Coles', title: 'Clinical Lead, School Nursing', agency: 'NCHT' },
  gp: { name: 'Dr Katherine Lowe', title: 'Named GP for Safeguarding Children', agency: 'GPF' },
  neis_head: { name: 'Andrew Pollard', title: 'Head of Inclusion and Attendance', agency: 'NEIS' },
  neis_eso: { name: 'Sophie Grant', title: 'Education Safeguarding Adviser', agency: 'NEIS' },
  mat: { name: 'Janet Pearce', title: 'Trust Designated Safeguarding Lead', agency: 'MAT' },
  yjs: { name: 'Marcus Obi', title: 'Head of Youth Justice Service', agency: 'YJS' },
  yjs_om: { name: 'Leanne Hart', title: 'Operational Manager, Youth Justice', agency: 'YJS' },
  prob: { name: 'Victoria Chambers', title: 'Senior Probation Officer', agency: 'PROB' },
  prob_hd: { name: 'Ian Redfern', title: 'Head of Probation Delivery Unit', agency: 'PROB' },
  nh: { name: 'Kevin Doyle', title: 'Safeguarding and Tenancy Sustainment Manager', agency: 'NH' },
  mwa: { name: 'Ruth Armitage', title: 'Children and Young People’s Services Manager', agency: 'MWA' },
  path: { name: 'Liam Kerrigan', title: 'Young People’s Service Lead', agency: 'PATH' },
  bu_mgr: { name: 'Elaine Forsyth', title: 'Partnership Business Manager', agency: null },
  bu_lo: { name: 'Ade Oyelaran', title: 'Learning and Review Officer', agency: null },
  lpr_chair: { name: 'Rachel Dunn', title: 'Chair, Learning and Practice Review subgroup', agency: null },
  qa_chair: { name: 'Philippa Grange', title: 'Chair, Quality Assurance subgroup', agency: null },
  ce_chair: { name: 'Supt Alan Royce', title: 'Chair, Child Exploitation subgroup', agency: null },
  sie_chair: { name: 'Mandy Oakes', title: 'Chair, Safeguarding in Education subgroup', agency: null },
};

// ---------------------------------------------------------------------------------------------------------------
// 1. Serious case review: Kieran (long closed)
// ---------------------------------------------------------------------------------------------------------------
const kieran: DemoReview = {
  codePrefix: 'KN',
  type: 'scr',
  childPseudonym: 'Kieran',
  title: 'Serious case review: Kieran',
  stage: 'closed',
  notifiedDay: -1660,
  rapidReviewDay: null,
  startedDay: -1600,
  completedDay: -1420,
  publishedDay: -1360,
  leadReviewer: 'Martin Hale, independent reviewer',
  subgroup: 'QA',
  summary:
    'Kieran, then 15, was taken to hospital seriously unwell after drinking and taking drugs with a group of older young people already known to the police. ' +
    'From birth he had health needs that were often not met; he grew up with parental alcohol and drug use, violence between his parents and a chaotic home, and was twice subject to a child protection plan. ' +
    'Many practitioners knew parts of what was happening, but their work was episodic and poorly co-ordinated, disagreements about thresholds were not escalated and a parenting assessment was never finished. ' +
    'Kieran and his parents were offered the chance to read the report before publication. The plan was closed by the Quality Assurance subgroup once every action had been assured or superseded.',
  themes: ['neglect', 'escalation', 'chrono', 'voice', 'curiosity', 'da', 'supervision'],
  learningPoints: [
    {
      title: 'Early assessment when a child’s needs are known from birth',
      description:
        'Kieran’s complex health needs were identified in his first weeks, yet appointments were missed for years without a multi-agency assessment. Partial engagement by parents should prompt a shared chronology, not another reminder letter.',
    },
    {
      title: 'Willingness to work with professionals is not capacity to change',
      description:
        'Assessments of parenting capacity were repeatedly put off while the parents were seen as cooperative. Where risks are entrenched, capacity to change has to be tested, and early.',
    },
    {
      title: 'Behaviour is communication',
      description:
        'Kieran told professionals he was worried and upset, and this was recorded. The response concentrated on managing his behaviour at school and in the community rather than on what it said about his life at home.',
    },
    {
      title: 'Professional challenge should be routine, not exceptional',
      description:
        'School and health staff disagreed with decisions to step the case down but did not use the escalation protocol. Differences stayed inside agencies and the plan drifted.',
    },
    {
      title: 'Co-ordinating care when several health teams are involved',
      description:
        'Five health teams saw Kieran over the period reviewed without a shared health plan or a named lead, so nobody had the full picture of his unmet needs.',
    },
  ],
  recommendations: [
    {
      text: 'The partnership should relaunch its professional disagreement and escalation protocol, make it easy to use, and audit how often and how well it is used.',
      addressee: 'partnership',
      subgroup: 'QA',
      learningPoints: [4],
      targetDay: -1080,
    },
    {
      text: "Children's Services should complete parenting assessments, including capacity to change where risk is entrenched, within the life of the first child protection plan.",
      addressee: 'agency',
      leadAgency: 'NCS',
      subgroup: 'QA',
      learningPoints: [2],
      targetDay: -1150,
    },
    {
      text: 'Health commissioners should make sure every child with complex health needs has one multi-disciplinary health plan with a named lead professional.',
      addressee: 'agency',
      leadAgency: 'CCG',
      subgroup: 'QA',
      learningPoints: [1, 5],
      targetDay: -1000,
    },
    {
      text: 'A multi-agency chronology should be started whenever a child becomes subject to a second child protection plan or engagement with health care is persistently partial.',
      addressee: 'partnership',
      subgroup: 'LPR',
      learningPoints: [1],
      targetDay: -1000,
    },
    {
      text: 'The Learning and Practice Review subgroup should commission multi-agency training on trauma-informed responses to adolescents whose behaviour challenges services.',
      addressee: 'subgroup',
      subgroup: 'LPR',
      learningPoints: [3],
      targetDay: -1100,
    },
  ],
  actions: [
    {
      rec: 1,
      kind: 'multi_agency',
      owner: 'NCS',
      partners: ['NP', 'CCG', 'NEIS'],
      learningNeed: 'Practitioners disagreed with step-down decisions but did not use the escalation protocol; the protocol was long and little known.',
      action:
        'Rewrite the escalation protocol with a one-page flowchart, launch it through every agency’s safeguarding lead, and audit its use at six and twelve months.',
      successMeasure: 'Escalations recorded by at least six agencies in the first year; 80% resolved at stage 1 or 2 within 10 working days.',
      targetDay: -1080,
      themes: ['escalation'],
      createdDay: -1350,
      updates: [
        { day: -1320, by: 'ncs_hos', to: 'in_progress', confidence: 'on_track', note: 'Task and finish group formed with police, CCG and education. First draft of the shortened protocol circulated to QA subgroup members.' },
        { day: -1230, by: 'ncs_hos', confidence: 'on_track', note: 'Protocol and flowchart agreed by partnership executive on {dy:-1236}. Launched at the practitioner forum (138 attendees) and in every agency’s safeguarding bulletin.' },
        { day: -1050, by: 'ncs_hos', confidence: 'at_risk', note: 'Six-month audit late: two agencies had no way to count escalations. Business unit has issued a simple log template so every agency records them the same way.' },
        { day: -930, by: 'ncs_hos', confidence: 'on_track', note: 'Six-month audit now done: 23 escalations from 7 agencies, 19 resolved at stage 1 or 2. Schools raised 9 of them.' },
        {
          day: -760,
          by: 'ncs_hos',
          to: 'completed',
          confidence: 'on_track',
          note: 'Twelve-month audit complete: 41 escalations from 8 agencies, 35 resolved within 10 working days (85%). Report to QA subgroup attached.',
          evidence: [
            ['Escalation protocol and flowchart', 'nscp/procedures/escalation-protocol.pdf'],
            ['Twelve-month escalation audit', 'nscp/qa/audits/escalation-audit-12-months.pdf'],
          ],
        },
        {
          day: -718,
          by: 'qa_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured at QA subgroup. Members asked that escalation numbers stay on the quarterly performance dashboard.',
          evidenceOfImpact:
            '41 escalations logged in the year after relaunch against none recorded in the year before the review; 85% resolved within 10 working days; designated safeguarding leads in schools now raise a third of all escalations.',
        },
      ],
    },
    {
      rec: 2,
      kind: 'single_agency',
      owner: 'NCS',
      learningNeed: 'Parenting assessments were deferred while parents appeared cooperative, so capacity to change was never tested.',
      action:
        'Add a parenting assessment milestone to the child protection plan template (due by the first review conference) and report completion monthly to the senior leadership team.',
      successMeasure: 'Parenting assessments completed by the first review conference in 80% of child protection plans.',
      targetDay: -1150,
      themes: ['neglect', 'supervision'],
      createdDay: -1350,
      updates: [
        { day: -1300, by: 'ncs_psw', to: 'in_progress', confidence: 'on_track', note: 'Plan template updated in the case system; practice standard re-issued to all team managers.' },
        { day: -1180, by: 'ncs_psw', confidence: 'on_track', note: 'Completion by first review conference up from 48% to 71% in three months. Two teams well below the rest; service manager following up.' },
        {
          day: -1020,
          by: 'ncs_psw',
          to: 'completed',
          confidence: 'on_track',
          note: 'Six consecutive months above 80% (range 81–88%). Performance report attached.',
          evidence: [['CP plan performance report', 'ncs/performance/cp-parenting-assessments.xlsx']],
        },
        {
          day: -940,
          by: 'bu_mgr',
          to: 'in_progress',
          confidence: 'at_risk',
          note: 'Returned by QA subgroup: the figures show assessments are done, but not whether they test capacity to change. Please add a quality sample.',
        },
        {
          day: -800,
          by: 'ncs_hos',
          to: 'completed',
          confidence: 'on_track',
          note: 'Quality sample of 20 assessments: 16 rated good, with explicit capacity-to-change analysis in 15. Findings shared with team managers.',
          evidence: [['Parenting assessment quality sample', 'ncs/qa/parenting-assessment-dip-sample.pdf']],
        },
        {
          day: -705,
          by: 'qa_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured.',
          evidenceOfImpact:
            'Parenting assessments now completed by the first review conference in 84% of plans (48% before the review); 15 of 20 sampled assessments analyse capacity to change explicitly.',
        },
      ],
    },
    {
      rec: 3,
      kind: 'single_agency',
      owner: 'CCG',
      learningNeed: 'Children with complex health needs seen by several health teams had no shared plan or lead.',
      action:
        'Commission a named health lead and a single multi-disciplinary health plan for every child with complex health needs who is on a child in need or child protection plan.',
      successMeasure: 'Audit of 15 such children shows a current multi-disciplinary plan and named lead in at least 12.',
      targetDay: -1000,
      themes: ['neglect', 'info'],
      createdDay: -1350,
      updates: [
        { day: -1290, by: 'ccg_dn', to: 'in_progress', confidence: 'on_track', note: 'Requirement drafted for the community paediatrics and children’s community nursing contracts.' },
        { day: -1200, by: 'ccg_dn', confidence: 'at_risk', note: 'Contract variation delayed by the provider’s capacity concerns. Escalated to the CCG director of nursing.' },
        { day: -1100, by: 'ccg_dn', confidence: 'on_track', note: 'Variation signed. Named health lead role live from {d:-1105}; 11 children identified so far.' },
        { day: -990, by: 'icb_dn', confidence: 'on_track', note: 'CCG closed and responsibility passed to the ICB. Action carried over unchanged; audit booked.' },
        {
          day: -830,
          by: 'icb_dn',
          to: 'completed',
          confidence: 'on_track',
          note: 'Audit of 15 children: 13 have a current plan and a named lead. The two gaps were new cases still being set up.',
          evidence: [['Complex health needs audit', 'icb/safeguarding/complex-needs-plan-audit.pdf']],
        },
        {
          day: -690,
          by: 'qa_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured at QA subgroup.',
          evidenceOfImpact:
            '13 of 15 children with complex needs have a multi-disciplinary plan and a named lead; families interviewed for the audit said they now have one person to call.',
        },
      ],
    },
    {
      rec: 4,
      kind: 'multi_agency',
      owner: 'NCS',
      partners: ['NHFT', 'NP', 'NEIS', 'GPF'],
      learningNeed: 'There was no multi-agency chronology, so the pattern of missed care over years was never seen.',
      action: 'Agree when a multi-agency chronology must be started and pilot a shared chronology template in two social work teams.',
      successMeasure: 'Chronology in place on every second child protection plan in the pilot teams.',
      targetDay: -1000,
      themes: ['chrono', 'info'],
      createdDay: -1350,
      updates: [
        { day: -1260, by: 'ncs_psw', to: 'in_progress', confidence: 'on_track', note: 'Trigger criteria agreed. Template based on the regional procedures; pilot teams chosen (Moorside North and Eastfield).' },
        { day: -1120, by: 'ncs_psw', confidence: 'at_risk', note: 'Pilot found the template took 6–8 hours per case; health and police contributions arrived by email in different formats.' },
        { day: -950, by: 'ncs_psw', confidence: 'off_track', note: 'Pilot paused. Needs a digital solution rather than a Word template.' },
        {
          day: -590,
          by: 'bu_mgr',
          to: 'withdrawn',
          confidence: 'on_track',
          note: 'Withdrawn by agreement at QA subgroup.',
          reason:
            'Superseded by the shared chronology work in the Child JT LCSPR action plan, which covers the same need with a digital tool; tracking it in two places was causing confusion.',
        },
      ],
    },
    {
      rec: 5,
      kind: 'single_agency',
      owner: 'NCS',
      subgroup: 'LPR',
      learningNeed: 'Practitioners responded to Kieran’s behaviour rather than what it communicated about his circumstances.',
      action: 'Commission and deliver four multi-agency trauma-informed practice workshops a year, open to all partner agencies, with follow-up evaluation at three months.',
      successMeasure: '200 practitioners trained in the first year; three-month follow-up shows changed practice in at least half of respondents.',
      targetDay: -1100,
      themes: ['voice', 'supervision'],
      createdDay: -1350,
      updates: [
        { day: -1310, by: 'ncs_wfd', to: 'in_progress', confidence: 'on_track', note: 'Trainer commissioned. First two dates advertised through the partnership training portal.' },
        { day: -1160, by: 'ncs_wfd', confidence: 'on_track', note: 'Three workshops delivered, 96 attendees from 11 agencies. Waiting lists for the next two.' },
        { day: -1010, by: 'ncs_wfd', confidence: 'on_track', note: 'Year total 214 attended. Follow-up survey sent.' },
        {
          day: -900,
          by: 'ncs_wfd',
          to: 'completed',
          confidence: 'on_track',
          note: 'Follow-up survey: 88 responses, 54 describe a concrete change (e.g. asking "what happened to you" in return interviews).',
          evidence: [
            ['Training evaluation report', 'nscp/training/trauma-informed-evaluation.pdf'],
            ['Attendance by agency', 'nscp/training/trauma-informed-attendance.xlsx'],
          ],
        },
        {
          day: -650,
          by: 'lpr_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured at LPR subgroup after case audit results became available.',
          evidenceOfImpact:
            '61% of surveyed practitioners describe a change in practice; the multi-agency audit of adolescent cases found the child’s lived experience analysed in 14 of 20 assessments, up from 6 of 20.',
        },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'NHFT',
      learningNeed: 'Repeat emergency department attendances with alcohol or drug intoxication were not recognised as a safeguarding concern.',
      action: 'Flag every attendance by an under-18 with intoxication to the hospital safeguarding team and check for previous attendances within 12 months.',
      successMeasure: 'All such attendances reviewed by the safeguarding team within 2 working days; referral made where a pattern is found.',
      targetDay: -1150,
      themes: ['curiosity', 'info'],
      createdDay: -1350,
      updates: [
        { day: -1330, by: 'nhft_nn', to: 'in_progress', confidence: 'on_track', note: 'Alert built in the ED system; safeguarding team receive a daily list.' },
        { day: -1240, by: 'nhft_nn', confidence: 'on_track', note: 'First quarter: 64 attendances flagged, 61 reviewed within 2 working days, 9 referrals to Children’s Services.' },
        {
          day: -1120,
          by: 'nhft_nn',
          to: 'completed',
          confidence: 'on_track',
          note: 'Six months of data attached; process now part of the ED safeguarding standard operating procedure.',
          evidence: [['ED intoxication flag – six-month data', 'nhft/safeguarding/ed-intoxication-flag.xlsx']],
        },
        {
          day: -722,
          by: 'qa_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured; kept on the hospital’s safeguarding dashboard.',
          evidenceOfImpact:
            '96% of flagged attendances reviewed within 2 working days over 18 months; 31 referrals made, 12 of them for children not previously known to Children’s Services.',
        },
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// 2. LCSPR: JT (published about 20 months ago)
// ---------------------------------------------------------------------------------------------------------------
const jt: DemoReview = {
  codePrefix: 'JT',
  type: 'lcspr',
  childPseudonym: 'JT',
  title: 'LCSPR: JT – life-changing injury to a young man approaching adulthood',
  stage: 'published',
  notifiedDay: -830,
  rapidReviewDay: -809,
  startedDay: -775,
  completedDay: -640,
  publishedDay: -600,
  leadReviewer: 'Dr Alison Kerr, independent reviewer',
  subgroup: 'LPR',
  summary:
    'JT, 17, was left with a permanent disability after he was attacked in a park with friends; no one has been charged. His family had been known to Northmoor services for more than ten years because of criminal exploitation, domestic abuse, parental mental ill-health and neglect, and he had been a child in need until eight weeks before his 18th birthday. ' +
    'At the time he was on a youth rehabilitation order and had just become a father. The rapid review set single-agency actions straight away; the partnership then held a practitioner learning event, whose findings form most of the final report.',
  themes: ['exploitation', 'transition', 'info', 'adultification', 'attendance', 'neglect', 'pmh'],
  learningPoints: [
    {
      title: 'Sharing and analysing information as it happens',
      description:
        'Each agency held part of the picture. Case systems could not see one another, adult services had lost access to children’s records, and maps of JT’s associates stayed inside the exploitation meeting.',
    },
    {
      title: 'Co-ordinating help below statutory thresholds',
      description:
        'When the child in need plan closed, seven agencies were still involved and each assumed another was leading. Nobody took the lead professional role and work handed between services was not followed up.',
    },
    {
      title: 'Engaging a family where crime and exploitation are entrenched',
      description:
        'Short-term interventions offered in office hours did not fit the family. Describing JT as "streetwise" and "hard to engage" masked how frightened and vulnerable he was.',
    },
    {
      title: 'Moving to adult services at 18',
      description:
        'Children’s plans ended weeks before JT turned 18. Adult services judged that he had capacity and did not meet their criteria, without considering how exploitation limited his real choices.',
    },
    {
      title: 'The part education plays in spotting risk early',
      description:
        'Falling attendance and a speech and language difficulty identified only at 15 were not connected with exploitation risk. His alternative provision received little information from earlier schools.',
    },
  ],
  recommendations: [
    {
      text: 'Adult Social Care and Children’s Services should agree a data-sharing arrangement that gives each read access to the other’s records for young people within a year of their 18th birthday who are open to either service.',
      addressee: 'agency',
      leadAgency: 'NASC',
      subgroup: 'LPR',
      learningPoints: [1, 4],
      targetDay: -300,
    },
    {
      text: 'The partnership should make the Early Help record visible to partner agencies, so that practitioners can see who else is involved and what help has already been offered and with what result.',
      addressee: 'partnership',
      leadAgency: 'NCS',
      subgroup: 'LPR',
      learningPoints: [1, 2],
      targetDay: 90,
    },
    {
      text: 'All agencies should brief practitioners and managers on the lead professional role and the team around the family process, including following up work handed to another service.',
      addressee: 'partnership',
      subgroup: 'LPR',
      learningPoints: [2],
      targetDay: -330,
    },
    {
      text: 'The partnership should build a learning offer on adultification bias and how it reduces the protection given to children.',
      addressee: 'partnership',
      subgroup: 'LPR',
      learningPoints: [3],
      targetDay: 90,
    },
    {
      text: 'The Child Exploitation subgroup should produce a short briefing on how exploitation affects a young person’s capacity to make decisions, for use by children’s and adult services, and test its use in transition planning.',
      addressee: 'subgroup',
      subgroup: 'CE',
      learningPoints: [3, 4],
      targetDay: 45,
    },
    {
      text: 'The Safeguarding in Education subgroup should make sure education staff are trained in the Graded Care Profile 2 neglect tool and report the effect of the training each term.',
      addressee: 'subgroup',
      subgroup: 'SIE',
      learningPoints: [5],
      targetDay: 75,
    },
    {
      text: 'The Learning and Practice Review and Child Exploitation subgroups should jointly evaluate how well information about exploited young people, including National Referral Mechanism decisions, is shared between agencies.',
      addressee: 'subgroup',
      subgroup: 'CE',
      learningPoints: [1, 3],
      targetDay: -45,
    },
  ],
  actions: [
    // Rapid review: single-agency actions set at once.
    {
      kind: 'single_agency',
      owner: 'NASC',
      learningNeed: 'Family members known to adult services were not linked to one another on the case record.',
      action: 'Require household and family relationships to be linked on the adult case system; remind all staff and add it to the recording policy.',
      successMeasure: 'Recording audit of 40 open cases finds relationships linked in at least 90%.',
      targetDay: -640,
      themes: ['info'],
      createdDay: -806,
      updates: [
        { day: -770, by: 'nasc_psw', to: 'in_progress', confidence: 'on_track', note: 'Systems team has no bulletin route for this, so raised with me directly. Recording policy is being rewritten and will include linked relationships.' },
        { day: -690, by: 'nasc_psw', confidence: 'on_track', note: 'Policy section 4.3 now requires linked relationships. Divisional managers briefed on {d:-696}; reminder in the staff bulletin.' },
        {
          day: -612,
          by: 'nasc_psw',
          to: 'completed',
          confidence: 'on_track',
          note: 'Recording audit done: relationships linked in 33 of 40 cases (83%).',
          evidence: [['Recording audit – linked relationships', 'asc/audits/linked-relationships-audit-1.pdf']],
        },
        {
          day: -566,
          by: 'bu_mgr',
          to: 'in_progress',
          confidence: 'at_risk',
          note: 'Returned for more information: 83% is below the 90% measure. LPR subgroup asks for a re-audit after the reminder.',
        },
        { day: -520, by: 'nasc_psw', confidence: 'on_track', note: 'Team managers now check linking in supervision. Re-audit booked.' },
        {
          day: -468,
          by: 'nasc_psw',
          to: 'completed',
          confidence: 'on_track',
          note: 'Re-audit of 40 cases: 37 linked (93%).',
          evidence: [['Re-audit – linked relationships', 'asc/audits/linked-relationships-audit-2.pdf']],
        },
        {
          day: -421,
          by: 'lpr_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured at LPR subgroup.',
          evidenceOfImpact: 'Relationships linked in 93% of audited cases, up from 61% at the rapid review; linking is now checked in supervision.',
        },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'MMH',
      learningNeed: 'Genograms were not used to link family members and support a Think Family approach.',
      action: 'Include genogram and Think Family training in the in-house safeguarding programme and audit genogram use across children’s teams.',
      successMeasure: 'Genogram or household summary present in 90% of sampled CAMHS records.',
      targetDay: -620,
      themes: ['info', 'pmh'],
      createdDay: -806,
      updates: [
        { day: -780, by: 'mmh_nn', to: 'in_progress', confidence: 'on_track', note: 'Safeguarding programme now delivered in house; Think Family and genogram module written.' },
        { day: -705, by: 'mmh_nn', confidence: 'on_track', note: 'The electronic record cannot hold a genogram, so teams attach a scanned genogram or a household summary. Short training videos issued – good feedback.' },
        {
          day: -648,
          by: 'mmh_nn',
          to: 'completed',
          confidence: 'on_track',
          note: 'Audit of 30 records: genogram or household summary in 28. Think Family audit also positive; going to internal safeguarding group.',
          evidence: [
            ['Genogram audit', 'mmhft/safeguarding/genogram-audit.pdf'],
            ['Think Family audit', 'mmhft/safeguarding/think-family-audit.pdf'],
          ],
        },
        {
          day: -598,
          by: 'lpr_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured.',
          evidenceOfImpact: '28 of 30 audited CAMHS records show household members and relationships; Think Family audit rated 9 of 10 cases good.',
        },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'NCS',
      learningNeed: 'Child in need planning and the exploitation meeting ran in parallel; the cumulative effect of neglect was under-weighted in assessments.',
      action: 'Use fortnightly team manager reflective sessions to cover joint CIN and exploitation planning and cumulative neglect; update the practice standards and plan template.',
      successMeasure: 'Practice review of 20 adolescent cases finds history and cumulative neglect analysed in at least 15.',
      targetDay: -560,
      themes: ['neglect', 'exploitation', 'supervision'],
      createdDay: -806,
      updates: [
        { day: -775, by: 'ncs_psw', to: 'in_progress', confidence: 'on_track', note: 'Reflective sessions every two weeks; first three covered assessments, plans and neglect.' },
        { day: -680, by: 'ncs_psw', confidence: 'on_track', note: 'Practice standards revised. Plans template made SMARTer. Newly qualified social workers booked onto neglect training.' },
        { day: -600, by: 'ncs_psw', confidence: 'on_track', note: 'Practice review under way; children and families are being spoken to as part of it.' },
        {
          day: -548,
          by: 'ncs_psw',
          to: 'completed',
          confidence: 'on_track',
          note: 'Practice review of 20 cases: cumulative neglect analysed well in 16. Summary attached.',
          evidence: [['Practice review summary – adolescents', 'ncs/qa/practice-review-adolescents.pdf']],
        },
        {
          day: -515,
          by: 'lpr_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured.',
          evidenceOfImpact: '16 of 20 adolescent assessments analysed history and cumulative neglect; the two exploitation cases in the sample had joined-up CIN and exploitation plans.',
        },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'NRAS',
      learningNeed: 'Crews did not record the children present at call-outs, so no one knew JT’s younger siblings were in the house.',
      action: 'Brief all frontline crews on recording every child present on the electronic patient record and when to make a safeguarding referral.',
      successMeasure: 'Audit of 50 domestic incidents shows children present recorded in at least 85%.',
      targetDay: -650,
      themes: ['info', 'curiosity'],
      createdDay: -806,
      updates: [
        { day: -790, by: 'nras', to: 'in_progress', confidence: 'on_track', note: 'Policy already requires all occupants to be recorded; reality is patchy when the patient is time-critical. Briefing being written.' },
        {
          day: -725,
          by: 'nras_sp',
          to: 'completed',
          confidence: 'on_track',
          note: '7-minute briefing on children present and child referrals released in the weekly staff update on {d:-730}. All frontline staff are Level 3 trained.',
          evidence: [['7-minute briefing: children present', 'nras/safeguarding/7mb-children-present.pdf']],
        },
        {
          day: -680,
          by: 'bu_lo',
          to: 'in_progress',
          confidence: 'on_track',
          note: 'Returned: briefing is the output, not the outcome. Please send the ePR audit named in the success measure.',
        },
        {
          day: -590,
          by: 'nras',
          to: 'completed',
          confidence: 'on_track',
          note: 'ePR audit of 50 domestic incidents: children present recorded in 44 (88%), was 26 (52%) before the briefing.',
          evidence: [['ePR audit – children present', 'nras/safeguarding/epr-children-present-audit.pdf']],
        },
        {
          day: -558,
          by: 'lpr_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured.',
          evidenceOfImpact: 'Children present recorded at 88% of domestic incidents against 52% before; child referrals from crews up 22% over the same period.',
        },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'NP',
      subgroup: 'CE',
      learningNeed: 'Safeguarding referrals were not always considered when children were arrested for weapons or violent offences.',
      action: 'Dip-sample 10 custody records of children arrested for violence with weapons to check whether a referral to the front door was considered; remind investigators.',
      successMeasure: 'Repeat sample shows a referral considered and recorded in at least 9 of 10 cases.',
      targetDay: -700,
      themes: ['exploitation', 'info'],
      createdDay: -806,
      updates: [
        { day: -795, by: 'np_di', to: 'in_progress', confidence: 'on_track', note: 'Custody search criteria set up. Sample drawn.' },
        {
          day: -742,
          by: 'np_di',
          to: 'completed',
          confidence: 'on_track',
          note: 'Audit complete. 6 of 10 good (referral made or social worker already involved and strategy discussion held); 1 probable; 3 with no referral considered, 2 of them with older co-suspects. Reminder issued to investigation leads.',
          evidence: [['Custody dip sample – youth violence', 'police/ppu/custody-dip-sample-1.pdf']],
        },
        { day: -700, by: 'ce_chair', to: 'in_progress', confidence: 'on_track', note: 'CE subgroup asks for the repeat sample before assurance.' },
        {
          day: -640,
          by: 'np_di',
          to: 'completed',
          confidence: 'on_track',
          note: 'Repeat sample of 10: referral considered and recorded in 9.',
          evidence: [['Custody dip sample – repeat', 'police/ppu/custody-dip-sample-2.pdf']],
        },
        {
          day: -606,
          by: 'ce_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured at CE subgroup.',
          evidenceOfImpact: 'Referrals considered in 9 of 10 arrests of children for weapons offences, up from 6 of 10; front door reports more police referrals for children with older co-suspects.',
        },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'YJS',
      subgroup: 'CE',
      learningNeed: 'Youth justice assessments did not use whole-family mapping or information from other services.',
      action: 'Cross-reference the custody cohort with partner agencies each quarter to see patterns, and use family mapping in every assessment.',
      successMeasure: 'Quarterly cohort report to the Youth Justice Partnership Board; mapping present in 90% of assessments.',
      targetDay: -400,
      themes: ['info', 'attendance'],
      createdDay: -806,
      updates: [
        { day: -780, by: 'yjs', to: 'in_progress', confidence: 'on_track', note: 'Agreed at the Youth Justice Partnership Board. Cross-referencing with the exploitation team and education started.' },
        { day: -690, by: 'yjs_om', confidence: 'on_track', note: 'First cohort log: school exclusion is the most common shared factor (14 of 19 children).' },
        { day: -560, by: 'yjs_om', confidence: 'at_risk', note: 'Analyst post vacant; Q3 cohort report not produced.' },
        { day: -470, by: 'yjs_om', confidence: 'on_track', note: 'Analyst in post. Q3 and Q4 reports produced together.' },
        { day: -390, by: 'yjs_om', confidence: 'on_track', note: 'Mapping audit: present in 27 of 32 assessments (84%).' },
        {
          day: -64,
          by: 'yjs',
          to: 'completed',
          confidence: 'on_track',
          note: 'Latest audit 30 of 32 (94%). Cohort report now standing item at the board. Sorry this update is late.',
          evidence: [
            ['Mapping audit', 'yjs/audits/family-mapping-audit.pdf'],
            ['Custody cohort report', 'yjs/board/custody-cohort-report.pdf'],
          ],
        },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'NCHT',
      learningNeed: 'School nursing passed a piece of work to the drug and alcohol service and assumed it had been done.',
      action: 'Add a four-week check whenever school nursing hands work to another service.',
      successMeasure: 'Handover checks recorded in 90% of sampled referrals.',
      targetDay: -600,
      themes: ['info'],
      createdDay: -806,
      updates: [
        { day: -760, by: 'ncht_sn', to: 'in_progress', confidence: 'on_track', note: 'Weekly caseload meetings now include a handover check list. SMART objectives introduced in plans.' },
        {
          day: -505,
          by: 'bu_mgr',
          to: 'withdrawn',
          confidence: 'on_track',
          note: 'Withdrawn at LPR subgroup.',
          reason:
            'Superseded by recommendation 3 (lead professional briefings), which covers follow-up of every handover across all agencies; school nursing now names the lead professional on each plan and reports through that action.',
        },
      ],
    },
    // Recommendations from the final report.
    {
      rec: 1,
      kind: 'multi_agency',
      owner: 'NASC',
      partners: ['NCS'],
      learningNeed: 'Adult services lost read access to children’s records, so they could not see who was involved with young people approaching 18.',
      action: 'Complete a data protection impact assessment and data-sharing agreement, then switch on reciprocal read-only access for the transitions cohort.',
      successMeasure: 'Read access live for all transitions practitioners; 20 cases sampled show adult workers contacted the children’s network before assessing.',
      targetDay: -300,
      themes: ['info', 'transition'],
      createdDay: -596,
      updates: [
        { day: -560, by: 'nasc_psw', to: 'in_progress', confidence: 'on_track', note: 'DPIA started with the council’s information governance team.' },
        { day: -478, by: 'nasc_psw', confidence: 'at_risk', note: 'DPIA drafted. IG leads for the two services disagree about the lawful basis for access before 18.' },
        { day: -400, by: 'nasc_psw', confidence: 'at_risk', note: 'Question referred to both Caldicott Guardians.' },
        { day: -322, by: 'nasc_psw', confidence: 'at_risk', note: 'Caldicott Guardians support access if limited to named transitions staff. Revised DPIA in progress.' },
        { day: -236, by: 'nasc_tm', confidence: 'off_track', note: 'IG board rejected the DPIA: scope still too wide. Past target date.' },
        { day: -150, by: 'nasc_tm', confidence: 'off_track', note: 'Scope reduced to 16–18s open to child in need or child protection plans. Needs new sign-off.' },
        { day: -41, by: 'nasc_psw', confidence: 'off_track', note: 'Resubmitted to IG board on {d:-44}; decision expected at the next meeting. Asking LPR for a revised target date.' },
      ],
      targetDateRequests: [
        {
          day: -41,
          by: 'nasc_psw',
          targetDay: 120,
          reason: 'The IG board decides on the reduced scope at its next meeting; access can go live within eight weeks of sign-off, and the 20-case sample needs two months after that.',
        },
      ],
    },
    {
      rec: 2,
      kind: 'multi_agency',
      owner: 'NCS',
      partners: ['NHFT', 'NP', 'NEIS', 'NCHT'],
      learningNeed: 'Partners could not see who else was working with a family in Early Help or what had already been tried.',
      action: 'Give partner agencies read-only access to a summary of the Early Help record (people involved, interventions and outcomes) through the partner portal, starting with schools and school nursing.',
      successMeasure: 'Portal live for schools, school nursing, police and hospital safeguarding teams; 300 active users; practitioner survey shows fewer duplicated assessments.',
      // Agreed to move from day -20 to day 90 (see targetDateRequests below).
      targetDay: -20,
      themes: ['info', 'chrono'],
      createdDay: -596,
      updates: [
        { day: -540, by: 'ncs_eh', to: 'in_progress', confidence: 'on_track', note: 'Business case approved. Data-sharing agreement drafted with the schools’ forum.' },
        { day: -430, by: 'ncs_it', confidence: 'at_risk', note: 'Supplier quote for the portal module came in at twice the estimate. Re-scoping.' },
        { day: -350, by: 'ncs_it', confidence: 'on_track', note: 'Re-scoped to a read-only summary view; funded from the Early Help grant.' },
        { day: -240, by: 'ncs_it', confidence: 'on_track', note: 'Build complete. Testing with three primary schools.' },
        { day: -150, by: 'ncs_eh', confidence: 'on_track', note: 'Pilot live in 3 schools and the school nursing team: 46 users, 212 record views in the first month.' },
        { day: -75, by: 'ncs_eh', confidence: 'on_track', note: 'Extended to all 9 secondary schools. 138 users.' },
        { day: -19, by: 'ncs_eh', confidence: 'on_track', note: 'Police and hospital safeguarding teams set up on {d:-21}; 214 active users. Practitioner survey goes out next month.' },
      ],
      targetDateRequests: [
        {
          day: -75,
          by: 'ncs_hos',
          targetDay: 90,
          reason: 'The portal supplier moved the release of the partner view to the spring; schools and school nursing go live first, police and hospital teams in the second wave.',
          decision: { day: -70, by: 'lpr_chair', agree: true, note: 'Agreed at the LPR subgroup: update at each meeting on the supplier’s dates.' },
        },
      ],
    },
    {
      rec: 3,
      kind: 'single_agency',
      owner: 'NCS',
      learningNeed: 'Practitioners did not use the lead professional role or team around the family process to co-ordinate Early Help.',
      action: 'Run lead professional and team around the family briefings for practitioners and managers across the partnership; publish a one-page guide.',
      successMeasure: 'Lead professional named in 90% of Early Help plans audited.',
      targetDay: -330,
      themes: ['info'],
      createdDay: -596,
      updates: [
        { day: -570, by: 'ncs_eh', to: 'in_progress', confidence: 'on_track', note: 'One-page guide drafted with school DSLs. Briefings scheduled.' },
        { day: -500, by: 'ncs_eh', confidence: 'on_track', note: '11 briefings delivered to 263 practitioners from 14 agencies.' },
        {
          day: -402,
          by: 'ncs_eh',
          to: 'completed',
          confidence: 'on_track',
          note: 'Audit of 60 Early Help plans: lead professional named in 55 (92%); was 61% at the review.',
          evidence: [
            ['Lead professional guide', 'nscp/early-help/lead-professional-guide.pdf'],
            ['Early Help plan audit', 'ncs/early-help/tafa-audit.pdf'],
          ],
        },
        {
          day: -331,
          by: 'lpr_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured.',
          evidenceOfImpact: 'Lead professional named in 92% of audited Early Help plans (61% before); 8 of 10 families interviewed could say who their lead professional was.',
        },
      ],
    },
    {
      rec: 3,
      kind: 'single_agency',
      owner: 'NEIS',
      subgroup: 'SIE',
      learningNeed: 'Designated safeguarding leads were unclear when a school should take the lead professional role.',
      action: 'Cover the lead professional role in the termly DSL briefing and in the DSL induction pack.',
      successMeasure: 'All schools represented at a briefing; DSL survey shows 80% confident to act as lead professional.',
      targetDay: -60,
      themes: ['info', 'attendance'],
      createdDay: -596,
      updates: [
        { day: -540, by: 'neis_eso', to: 'in_progress', confidence: 'on_track', note: 'Added to the next termly briefing and to the induction pack.' },
        { day: -420, by: 'neis_eso', confidence: 'on_track', note: 'Briefing attended by 61 of 72 schools. Follow-up for the 11 schools that missed it.' },
        { day: -300, by: 'neis_eso', confidence: 'on_track', note: 'All schools now covered. DSL survey out.' },
        {
          day: -38,
          by: 'neis_eso',
          to: 'completed',
          confidence: 'on_track',
          note: 'Survey: 57 responses, 49 (86%) confident to take the lead professional role.',
          evidence: [['DSL confidence survey', 'neis/safeguarding/dsl-survey-lead-professional.pdf']],
        },
      ],
    },
    {
      rec: 4,
      kind: 'multi_agency',
      owner: 'NCS',
      partners: ['NP', 'YJS', 'NEIS', 'MWA'],
      learningNeed: 'JT was described as streetwise and treated as older than he was; practitioners did not recognise adultification bias.',
      action: 'Design and deliver a partnership learning offer on adultification: a briefing, a half-day workshop run four times a year and a practice guide, co-produced with young people.',
      successMeasure: '300 practitioners attend by the target date; audit of language in 30 adolescent records shows fewer adultifying descriptions.',
      targetDay: 90,
      themes: ['adultification', 'voice'],
      createdDay: -596,
      updates: [
        { day: -520, by: 'ncs_wfd', to: 'in_progress', confidence: 'on_track', note: 'Working group formed; young people’s advisory group agreed to co-produce the guide.' },
        { day: -410, by: 'ncs_wfd', confidence: 'on_track', note: 'Briefing published. Workshop pilot with 24 practitioners scored 4.6/5.' },
        { day: -290, by: 'ncs_wfd', confidence: 'on_track', note: 'Three workshops delivered, 118 attended.' },
        { day: -180, by: 'ncs_wfd', confidence: 'at_risk', note: 'Trainer unavailable for the winter dates; two workshops moved.' },
        { day: -95, by: 'ncs_wfd', confidence: 'on_track', note: 'Rescheduled workshops full. Total attendance 214.' },
        { day: -24, by: 'ncs_wfd', confidence: 'on_track', note: 'Practice guide launched on {d:-27} with a video made by the young people’s group. Language audit planned.' },
      ],
    },
    {
      rec: 4,
      kind: 'single_agency',
      owner: 'NP',
      learningNeed: 'Officers described exploited children in adult terms in custody and case records.',
      action: 'Add adultification bias and child-first language to custody sergeant and response officer training.',
      successMeasure: 'All custody sergeants and 80% of response officers trained.',
      targetDay: -60,
      themes: ['adultification', 'exploitation'],
      createdDay: -596,
      updates: [
        { day: -500, by: 'np_dci', to: 'in_progress', confidence: 'on_track', note: 'Content agreed with the Learning and Development team; uses the partnership briefing.' },
        { day: -380, by: 'np_dci', confidence: 'on_track', note: 'All 34 custody sergeants trained.' },
        { day: -250, by: 'np_dci', confidence: 'at_risk', note: 'Response officer training at 54%; abstraction pressures over the summer.' },
        {
          day: -118,
          by: 'np_dci',
          to: 'completed',
          confidence: 'on_track',
          note: 'Response officers 83% trained (412 of 496). Content now in the initial learning programme for new recruits.',
          evidence: [['Training completion – adultification module', 'police/l-and-d/adultification-completion.xlsx']],
        },
      ],
    },
    {
      rec: 5,
      kind: 'single_agency',
      owner: 'MMH',
      subgroup: 'CE',
      learningNeed: 'Practitioners in both children’s and adult services lacked a shared understanding of how exploitation affects capacity.',
      action: 'Write and publish a 7-minute briefing on exploitation and decision-making capacity, with CAMHS and adult mental health input.',
      successMeasure: 'Briefing published and used in at least two partnership training sessions.',
      targetDay: -380,
      themes: ['exploitation', 'transition'],
      createdDay: -596,
      updates: [
        { day: -540, by: 'mmh_camhs', to: 'in_progress', confidence: 'on_track', note: 'Draft written with the trust’s mental capacity lead.' },
        {
          day: -381,
          by: 'mmh_camhs',
          to: 'completed',
          confidence: 'on_track',
          note: 'Briefing published on the partnership website on {d:-386}; used in the transitions workshop and the exploitation level 3 course.',
          evidence: [['7-minute briefing: exploitation and capacity', 'nscp/briefings/7mb-exploitation-capacity.pdf']],
        },
        {
          day: -300,
          by: 'ce_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured at CE subgroup.',
          evidenceOfImpact: 'Briefing downloaded 640 times; transitions panel minutes now record a capacity discussion shaped by exploitation risk in 11 of 14 cases.',
        },
      ],
    },
    {
      rec: 5,
      kind: 'single_agency',
      owner: 'NASC',
      subgroup: 'CE',
      learningNeed: 'Adult services applied eligibility and capacity criteria without considering exploitation.',
      action: 'Use the exploitation and capacity briefing at every transitions panel and record how exploitation was weighed in each eligibility decision.',
      successMeasure: 'Panel audit shows exploitation considered in every case where it is flagged.',
      targetDay: 45,
      themes: ['transition', 'exploitation'],
      createdDay: -596,
      updates: [
        { day: -360, by: 'nasc_tm', to: 'in_progress', confidence: 'on_track', note: 'Panel template amended with an exploitation prompt.' },
        { day: -240, by: 'nasc_tm', confidence: 'on_track', note: 'First audit: considered in 7 of 9 flagged cases.' },
        { day: -130, by: 'nasc_tm', confidence: 'at_risk', note: 'Transitions panel stood down for two months because of vacancies; 6 cases decided outside panel.' },
        { day: -33, by: 'nasc_tm', confidence: 'at_risk', note: 'Panel restarted {d:-40}. Two vacancies still. Audit of the cases decided outside panel under way.' },
      ],
    },
    {
      rec: 6,
      kind: 'multi_agency',
      owner: 'NEIS',
      partners: ['MAT', 'NCS'],
      subgroup: 'SIE',
      learningNeed: 'School staff were not confident to identify neglect; the Graded Care Profile 2 tool was little used in education.',
      action: 'Train every designated safeguarding lead and deputy in the Graded Care Profile 2 tool and support schools to complete it with families.',
      successMeasure: '90% of DSLs trained; GCP2 assessments started by schools rise from 4 a term to 25.',
      targetDay: 75,
      themes: ['neglect', 'attendance'],
      createdDay: -596,
      updates: [
        { day: -510, by: 'neis_eso', to: 'in_progress', confidence: 'on_track', note: 'Two GCP2 trainers from schools licensed. Course dates published.' },
        { day: -390, by: 'neis_eso', confidence: 'on_track', note: '52 of 160 DSLs and deputies trained.' },
        { day: -270, by: 'neis_eso', confidence: 'at_risk', note: 'Take-up slow in primary schools; 71 trained. Offering twilight sessions.' },
        { day: -160, by: 'neis_eso', confidence: 'on_track', note: 'Twilight sessions worked: 103 trained.' },
        { day: -43, by: 'neis_eso', confidence: 'on_track', note: '118 of 160 trained (74%). Schools started 17 GCP2 assessments last term.' },
      ],
    },
    {
      rec: 6,
      kind: 'single_agency',
      owner: 'NEIS',
      subgroup: 'SIE',
      learningNeed: 'The partnership has no evidence of whether GCP2 training changes how schools respond to neglect.',
      action: 'Report each term to the Safeguarding in Education subgroup on GCP2 training, assessments started by schools and outcomes for the children.',
      successMeasure: 'Termly report received for three consecutive terms.',
      targetDay: 120,
      themes: ['neglect'],
      createdDay: -596,
      updates: [
        { day: -300, by: 'neis_head', to: 'in_progress', confidence: 'on_track', note: 'Report format agreed with SiE chair.' },
        { day: -200, by: 'neis_head', confidence: 'on_track', note: 'First termly report presented.' },
        { day: -70, by: 'neis_head', confidence: 'on_track', note: 'Second report deferred to next meeting – outcome data from Children’s Services incomplete.' },
      ],
    },
    {
      rec: 7,
      kind: 'multi_agency',
      owner: 'NP',
      partners: ['NCS', 'YJS', 'PATH'],
      subgroup: 'CE',
      learningNeed: 'Information about exploited young people, including National Referral Mechanism decisions, did not reach every agency working with them.',
      action: 'Evaluate, with the CE subgroup, how information on exploited young people and their NRM status is shared, using a sample of all NRM referrals for children in the last year.',
      successMeasure: 'Evaluation report with findings and agreed changes presented to both subgroups.',
      targetDay: -45,
      themes: ['exploitation', 'info'],
      createdDay: -596,
      updates: [
        { day: -470, by: 'np_ps', to: 'in_progress', confidence: 'on_track', note: 'Terms of reference agreed by both subgroups.' },
        { day: -330, by: 'np_ps', confidence: 'on_track', note: 'Sample defined: all 31 NRM referrals for under-18s in the last year.' },
        { day: -205, by: 'np_ps', confidence: 'at_risk', note: 'Data request to the Single Competent Authority took 9 weeks.' },
        { day: -100, by: 'np_ps', confidence: 'at_risk', note: 'Case files gathered for 31 children.' },
        { day: -12, by: 'np_ps', confidence: 'at_risk', note: 'Analysis stalled: CE subgroup analyst post vacant since {d:-60}. We need a new target date.' },
      ],
    },
    {
      rec: 7,
      kind: 'single_agency',
      owner: 'YJS',
      subgroup: 'CE',
      learningNeed: 'Youth justice assessments did not always record whether a referral to the National Referral Mechanism had been made or decided.',
      action: 'Add NRM status to the youth justice assessment and pre-sentence report templates; check in management oversight.',
      successMeasure: 'NRM status recorded in every assessment for a child with exploitation concerns.',
      targetDay: -120,
      themes: ['exploitation'],
      createdDay: -596,
      updates: [
        { day: -430, by: 'yjs_om', to: 'in_progress', confidence: 'on_track', note: 'Templates updated.' },
        {
          day: -150,
          by: 'yjs_om',
          to: 'completed',
          confidence: 'on_track',
          note: 'Audit of 18 assessments with exploitation concerns: NRM status recorded in 18.',
          evidence: [['NRM recording audit', 'yjs/audits/nrm-status-audit.pdf']],
        },
        {
          day: -61,
          by: 'ce_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured at CE subgroup.',
          evidenceOfImpact: 'NRM status recorded in all 18 audited assessments; two pre-sentence reports used the NRM decision to argue for a welfare-based disposal.',
        },
      ],
    },
    {
      rec: 2,
      kind: 'single_agency',
      owner: 'GPF',
      learningNeed: 'GP records did not show that JT’s baby and the baby’s mother were registered at different practices, or the domestic abuse in the household.',
      action: 'Roll out the household alert so practices are flagged when mother and baby are registered separately, and record domestic abuse on every household member’s record.',
      successMeasure: 'Alert live in all 38 practices; audit of 20 households with domestic abuse shows it coded on every member.',
      targetDay: -200,
      themes: ['info', 'da'],
      createdDay: -596,
      updates: [
        { day: -480, by: 'gp', to: 'in_progress', confidence: 'on_track', note: 'Alert built by the federation’s clinical systems team. Live in 12 practices.' },
        { day: -350, by: 'gp', confidence: 'on_track', note: 'Live in 38 of 38 practices.' },
        {
          day: -205,
          by: 'gp',
          to: 'completed',
          confidence: 'on_track',
          note: 'Audit of 20 households: domestic abuse coded on every member in 18.',
          evidence: [['Household coding audit', 'gpf/safeguarding/household-da-coding-audit.pdf']],
        },
        {
          day: -140,
          by: 'lpr_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured.',
          evidenceOfImpact: 'Alert live in all practices; domestic abuse coded on all household members in 18 of 20 audited households (was 7 of 20).',
        },
      ],
    },
    {
      rec: 5,
      kind: 'single_agency',
      owner: 'PROB',
      learningNeed: 'Handover from youth justice to adult probation happened after the 18th birthday, without a joint meeting.',
      action: 'Hold a joint youth justice and probation transition meeting, with the young person, at least three months before every transfer.',
      successMeasure: 'Joint meetings held before 90% of transfers.',
      targetDay: 30,
      themes: ['transition'],
      createdDay: -596,
      updates: [
        { day: -450, by: 'prob', to: 'in_progress', confidence: 'on_track', note: 'Joint protocol with youth justice agreed.' },
        { day: -300, by: 'prob', confidence: 'at_risk', note: 'Only 5 of 9 transfers had a joint meeting; probation staffing.' },
        { day: -170, by: 'prob', confidence: 'on_track', note: 'Named transitions officer appointed. 7 of 8 since.' },
        { day: -80, by: 'prob', confidence: 'on_track', note: 'Quarter: 6 of 6.' },
        { day: -15, by: 'prob', confidence: 'on_track', note: 'Quarter: 5 of 5. Collecting young people’s feedback for the close-down report.' },
      ],
    },
    {
      rec: 1,
      kind: 'single_agency',
      owner: 'NCS',
      learningNeed: 'Referrals to adult services for young people at risk of exploitation were made too late for a planned transition.',
      action: 'Social workers refer every young person on the exploitation pathway to the adult transitions team by age 17 and a half.',
      successMeasure: '90% of eligible young people referred by 17½.',
      targetDay: 20,
      themes: ['transition', 'exploitation'],
      createdDay: -596,
      updates: [
        { day: -500, by: 'ncs_hos', to: 'in_progress', confidence: 'on_track', note: 'Practice standard issued; tracker set up by the performance team.' },
        { day: -380, by: 'ncs_hos', confidence: 'at_risk', note: '9 of 21 referred by 17½.' },
        { day: -250, by: 'ncs_hos', confidence: 'at_risk', note: '8 of 17.' },
        { day: -130, by: 'ncs_hos', confidence: 'off_track', note: '6 of 18. Team managers not using the tracker.' },
        { day: -20, by: 'ncs_hos', confidence: 'off_track', note: 'Latest 4 of 19 referred by 17½. Performance report taken to heads of service on {d:-23}; the tracker is being built into the case system so it cannot be missed.' },
      ],
    },
    {
      rec: 3,
      kind: 'single_agency',
      owner: 'NHFT',
      learningNeed: 'Young people attending the emergency department with assault injuries were discharged without finding out who their lead professional was.',
      action: 'Add a prompt to the ED assault pathway to identify and inform the lead professional for under-18s.',
      successMeasure: 'Lead professional identified in 80% of sampled assault attendances by under-18s.',
      targetDay: 10,
      themes: ['info', 'exploitation'],
      createdDay: -596,
      updates: [
        { day: -400, by: 'nhft_nn', to: 'in_progress', confidence: 'on_track', note: 'Pathway amendment agreed at the ED governance meeting.' },
        { day: -270, by: 'nhft_nn', confidence: 'on_track', note: 'Prompt live on the ED system.' },
        { day: -160, by: 'nhft_nn', confidence: 'on_track', note: 'Sample: 11 of 20.' },
        { day: -50, by: 'nhft_nn', confidence: 'at_risk', note: 'Sample: 12 of 20. ED staff can’t find who the lead professional is out of hours – waiting on the Early Help portal.' },
      ],
    },
    {
      rec: 4,
      kind: 'multi_agency',
      owner: 'MWA',
      partners: ['YJS', 'NCS'],
      learningNeed: 'JT’s mother had support from Women’s Aid but there was no group for young people who had lived with domestic abuse.',
      action: 'Run a rolling 10-week group for 13–18 year olds who have lived with domestic abuse, with referral routes from youth justice and Early Help.',
      successMeasure: 'Three groups run in the year; 75% of completing young people report feeling safer and more able to ask for help.',
      targetDay: 150,
      themes: ['da', 'voice', 'adultification'],
      createdDay: -596,
      updates: [
        { day: -430, by: 'mwa', to: 'in_progress', confidence: 'on_track', note: 'Lottery funding confirmed for two years. Group worker recruited.' },
        { day: -310, by: 'mwa', confidence: 'on_track', note: 'First group finished: 7 started, 6 completed. Young people chose the name “Speak Up Sessions”.' },
        { day: -200, by: 'mwa', confidence: 'at_risk', note: 'Only 3 referrals for the second group. Attending youth justice and Early Help team meetings to explain it.' },
        { day: -110, by: 'mwa', confidence: 'on_track', note: 'Second group full (8). 12 on the waiting list.' },
        { day: -26, by: 'mwa', confidence: 'on_track', note: 'Third group started {d:-30}. Feedback from groups 1–2: 11 of 13 say they feel safer and know who to tell.' },
      ],
    },
    {
      rec: 7,
      kind: 'single_agency',
      owner: 'PATH',
      subgroup: 'CE',
      learningNeed: 'Young people at risk of exploitation were only offered drug and alcohol support in office hours, which JT never attended.',
      action: 'Offer outreach at the two alternative provision sites and an evening drop-in, and share engagement with the exploitation meeting.',
      successMeasure: '60% of young people referred from the exploitation meeting seen at least three times.',
      targetDay: 60,
      themes: ['exploitation', 'attendance'],
      createdDay: -596,
      updates: [
        { day: -545, by: 'path', to: 'in_progress', confidence: 'on_track', note: 'Weekly sessions agreed with both alternative provision sites.' },
        { day: -420, by: 'path', confidence: 'on_track', note: 'Thursday evening drop-in opened at the youth centre.' },
        { day: -260, by: 'path', confidence: 'at_risk', note: 'Evening drop-in funding ends at the end of the financial year. Bid submitted to the Violence Reduction Unit.' },
        { day: -180, by: 'path', confidence: 'on_track', note: 'VRU funding agreed for 18 months.' },
        { day: -36, by: 'path', confidence: 'on_track', note: 'Of 27 young people referred from the exploitation meeting this year, 18 seen three or more times (67%).' },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'NP',
      subgroup: 'CE',
      learningNeed: 'Police contact with JT came only after offences; there was no early, non-enforcement contact.',
      action: 'Extend the Early Help police officers’ remit to young people in alternative provision who are linked to exploitation but not under any order.',
      successMeasure: 'Every young person in alternative provision flagged for exploitation has a named Early Help police officer.',
      targetDay: 120,
      themes: ['exploitation', 'adultification'],
      createdDay: -596,
      updates: [
        { day: -380, by: 'np_ps', to: 'in_progress', confidence: 'on_track', note: 'Remit agreed with the neighbourhood superintendent.' },
        { day: -240, by: 'np_ps', confidence: 'on_track', note: 'Two officers attached to the alternative provision sites.' },
        { day: -120, by: 'np_ps', confidence: 'on_track', note: '21 of 26 flagged young people have a named officer.' },
        { day: -29, by: 'np_ps', confidence: 'on_track', note: '25 of 28. Three new starters allocated this week.' },
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// 3. Partnership learning review: Maisie (published about 8 months ago, late against its six months)
// ---------------------------------------------------------------------------------------------------------------
const maisie: DemoReview = {
  codePrefix: 'MA',
  type: 'partnership_learning_review',
  childPseudonym: 'Maisie',
  title: 'Partnership learning review: Maisie – a child who was not seen',
  stage: 'published',
  notifiedDay: -575,
  rapidReviewDay: -556,
  startedDay: -525,
  completedDay: -310,
  publishedDay: -250,
  leadReviewer: 'Sarah Penrose, independent reviewer',
  subgroup: 'LPR',
  summary:
    'Maisie, 14, was harmed over a long period while living with her mother. In the two years reviewed she was seen by health services 11 times with injuries whose explanations did not fit, and hospital tests found several prescribed and over-the-counter medicines in her blood. ' +
    'Her mother had long-standing mental ill-health and a partner who was unknown to most agencies. Maisie moved school three times and was often absent. Professionals did not understand her daily life, and agencies did not bring together what they knew. ' +
    'The review finished later than the six-month expectation because criminal proceedings delayed practitioner conversations.',
  themes: ['voice', 'men', 'pmh', 'chrono', 'curiosity', 'attendance', 'info'],
  learningPoints: [
    {
      title: 'Maisie’s own account was not heard',
      description:
        'Maisie was almost always seen with her mother. When she said things were fine, that was accepted; nobody spent time with her alone in different places or tried other ways to find out what her days were like.',
    },
    {
      title: 'Children’s and adult mental health services worked apart',
      description:
        'The adult mental health team knew a great deal about the mother’s history and medication but did not record Maisie as a dependent child or share concerns with children’s services.',
    },
    {
      title: 'Injuries and attendances were never put side by side',
      description:
        'Maisie was seen in the emergency department, the minor injuries unit and her GP practice. Each contact was handled on its own, and some police reports involving her never reached children’s services.',
    },
    {
      title: '“Starting again” lost the history',
      description:
        'Each new social worker began afresh with the family. Without a multi-agency chronology, the pattern of opening and closing the case without change was not seen.',
    },
    {
      title: 'The mother’s partner was never assessed',
      description:
        'A man who stayed at the house most nights, and had a record of violence, was not known to children’s services or the school. No agency asked who else lived there.',
    },
    {
      title: 'Missing education was a warning sign',
      description:
        'Three moves of school and long absences were treated as an attendance problem rather than a safeguarding one, and cut Maisie off from the adults most likely to notice.',
    },
  ],
  recommendations: [
    {
      text: 'The partnership should adopt a multi-agency chronology standard for children on child protection plans and check through audit that it is used.',
      addressee: 'partnership',
      leadAgency: 'NCS',
      subgroup: 'QA',
      learningPoints: [3, 4],
      targetDay: 100,
    },
    {
      text: 'Moorside Mental Health NHS Foundation Trust should make sure adult mental health assessments identify dependent children and that concerns are shared using the Think Family protocol.',
      addressee: 'agency',
      leadAgency: 'MMH',
      subgroup: 'LPR',
      learningPoints: [2],
      targetDay: 40,
    },
    {
      text: 'Health partners should be able to see a child’s injuries and unscheduled attendances across sites, so that patterns are spotted.',
      addressee: 'partnership',
      leadAgency: 'ICB',
      subgroup: 'LPR',
      learningPoints: [3],
      targetDay: 60,
    },
    {
      text: 'Northmoor Police should share every police report involving a child in the household with children’s services within 24 hours.',
      addressee: 'agency',
      leadAgency: 'NP',
      subgroup: 'LPR',
      learningPoints: [3],
      targetDay: -20,
    },
    {
      text: 'Every multi-agency assessment should identify and assess fathers, partners and other men in the household.',
      addressee: 'partnership',
      subgroup: 'LPR',
      learningPoints: [5],
      targetDay: 150,
    },
    {
      text: 'The Safeguarding in Education subgroup should agree how schools escalate persistent absence and repeated moves of school as safeguarding concerns.',
      addressee: 'subgroup',
      subgroup: 'SIE',
      learningPoints: [6],
      targetDay: 120,
    },
    {
      text: 'The Quality Assurance subgroup should audit how children’s own words are recorded and used in assessments and plans.',
      addressee: 'subgroup',
      subgroup: 'QA',
      learningPoints: [1],
      targetDay: 25,
    },
  ],
  actions: [
    // Rapid review actions.
    {
      kind: 'single_agency',
      owner: 'NHFT',
      learningNeed: 'Repeated injury attendances by the same child were not reviewed together.',
      action: 'Paediatric liaison to review every injury attendance by an under-18 who has attended with an injury in the previous 12 months.',
      successMeasure: 'All repeat injury attendances reviewed within 3 working days.',
      targetDay: -400,
      themes: ['curiosity', 'info'],
      createdDay: -553,
      updates: [
        { day: -540, by: 'nhft_nd', to: 'in_progress', confidence: 'on_track', note: 'Daily report built from the ED system for paediatric liaison.' },
        { day: -480, by: 'nhft_nd', confidence: 'on_track', note: 'First two months: 142 repeat attendances, 139 reviewed within 3 days, 11 referrals.' },
        {
          day: -420,
          by: 'nhft_nd',
          to: 'completed',
          confidence: 'on_track',
          note: 'Standard operating procedure signed off; process embedded.',
          evidence: [['Paediatric liaison SOP', 'nhft/safeguarding/paed-liaison-sop.pdf']],
        },
        {
          day: -298,
          by: 'lpr_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured.',
          evidenceOfImpact: '98% of repeat injury attendances reviewed within 3 working days over six months; 29 referrals, 4 leading to child protection enquiries.',
        },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'NP',
      learningNeed: 'Six police reports involving Maisie were not referred to children’s services.',
      action: 'Review the six reports, refer any current concerns, and remind Public Protection Unit staff of the referral standard.',
      successMeasure: 'All six reviewed; reminder issued to every PPU team.',
      targetDay: -500,
      themes: ['info'],
      createdDay: -553,
      updates: [
        {
          day: -530,
          by: 'np_di',
          to: 'completed',
          confidence: 'on_track',
          note: 'All six reviewed on {d:-534}. Two should have been referred; learning shared with the officers. Reminder to all PPU teams.',
          evidence: [['Review of six reports', 'police/ppu/ma-six-reports-review.pdf']],
        },
        {
          day: -425,
          by: 'lpr_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured – wider work carried into recommendation 4.',
          evidenceOfImpact: 'Six reports reviewed and individual learning given; wider improvement is tracked under the recommendation 4 actions.',
        },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'NCS',
      learningNeed: 'Supervision was task-focused and there was a lack of pace and management oversight.',
      action: 'Audit supervision records in the two teams involved and introduce a reflective supervision template.',
      successMeasure: 'Reflective supervision template used in 80% of sampled records.',
      targetDay: -360,
      themes: ['supervision'],
      createdDay: -553,
      updates: [
        { day: -530, by: 'ncs_psw', to: 'in_progress', confidence: 'on_track', note: 'Supervision audit tool agreed.' },
        { day: -440, by: 'ncs_psw', confidence: 'on_track', note: 'Audit of 24 records: 9 reflective. Template launched.' },
        {
          day: -352,
          by: 'ncs_psw',
          to: 'completed',
          confidence: 'on_track',
          note: 'Re-audit: template used in 21 of 24 records.',
          evidence: [['Supervision re-audit', 'ncs/qa/supervision-reaudit.pdf']],
        },
        {
          day: -200,
          by: 'qa_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured after QA subgroup read a sample of anonymised records.',
          evidenceOfImpact: 'Reflective supervision template used in 21 of 24 records (9 of 24 before); sampled records show hypotheses being tested with the child.',
        },
      ],
    },
    // Recommendations.
    {
      rec: 1,
      kind: 'multi_agency',
      owner: 'NCS',
      partners: ['NP', 'NHFT', 'ICB', 'NEIS', 'GPF'],
      learningNeed: 'No agency brought together the significant events held by others, so patterns over time were missed.',
      action: 'Agree a multi-agency chronology standard and shared template; each agency contributes within 5 working days of request for every child on a child protection plan.',
      successMeasure: 'Chronology present and updated within the last 3 months on 85% of child protection plans audited.',
      targetDay: 100,
      themes: ['chrono', 'info'],
      createdDay: -245,
      updates: [
        { day: -210, by: 'ncs_psw', to: 'in_progress', confidence: 'on_track', note: 'Standard drafted, drawing on the earlier pilot from the Kieran SCR.' },
        { day: -150, by: 'ncs_psw', confidence: 'on_track', note: 'Template agreed by all six agencies.' },
        { day: -85, by: 'ncs_it', confidence: 'at_risk', note: 'Shared area for agency contributions needs IT security approval.' },
        { day: -22, by: 'ncs_psw', confidence: 'on_track', note: 'Security approval received {d:-25}. Go-live with four teams next month.' },
      ],
    },
    {
      rec: 1,
      kind: 'single_agency',
      owner: 'NCS',
      subgroup: 'QA',
      learningNeed: 'Chronology quality was not checked in case audits.',
      action: 'Add chronology quality to the monthly case audit tool.',
      successMeasure: 'Question live in the audit tool; first quarter’s results reported to QA subgroup.',
      targetDay: -60,
      themes: ['chrono'],
      createdDay: -245,
      updates: [
        { day: -200, by: 'ncs_hos', to: 'in_progress', confidence: 'on_track', note: 'Question drafted.' },
        {
          day: -100,
          by: 'ncs_hos',
          to: 'completed',
          confidence: 'on_track',
          note: 'Live since {d:-160}. First quarter: chronology good in 11 of 36 audits. Results to QA.',
          evidence: [['Case audit tool v4', 'ncs/qa/case-audit-tool-v4.docx']],
        },
      ],
    },
    {
      rec: 2,
      kind: 'single_agency',
      owner: 'MMH',
      learningNeed: 'Adult mental health assessments did not record dependent children.',
      action: 'Make the dependent children question mandatory in adult mental health assessments and audit completion.',
      successMeasure: 'Dependent children recorded in 95% of adult assessments audited.',
      targetDay: 60,
      themes: ['pmh', 'info'],
      createdDay: -245,
      updates: [
        { day: -200, by: 'mmh_nn', to: 'in_progress', confidence: 'on_track', note: 'Change request raised with the electronic record team.' },
        { day: -140, by: 'mmh_nn', confidence: 'on_track', note: 'Field built; staff briefing drafted.' },
        { day: -76, by: 'mmh_nn', confidence: 'on_track', note: 'Mandatory question live since {d:-80}. First audit due in three months.' },
      ],
    },
    {
      rec: 2,
      kind: 'multi_agency',
      owner: 'MMH',
      partners: ['NCS', 'NASC'],
      learningNeed: 'Concerns held by adult services about a parent were not shared with children’s services.',
      action: 'Relaunch the Think Family protocol with joint briefings for adult mental health, adult social care and children’s social work teams.',
      successMeasure: 'Joint briefing delivered to every adult mental health team; Think Family referrals tracked monthly.',
      targetDay: 40,
      themes: ['pmh', 'info'],
      createdDay: -245,
      updates: [
        { day: -220, by: 'mmh_nn', to: 'in_progress', confidence: 'on_track', note: 'Protocol refreshed with both councils’ principal social workers.' },
        { day: -120, by: 'mmh_nn', confidence: 'on_track', note: '8 of 12 adult teams briefed.' },
        { day: -18, by: 'mmh_nn', confidence: 'on_track', note: '11 of 12 teams briefed; last one booked. Think Family referrals to children’s services up from 6 to 19 a month.' },
      ],
    },
    {
      rec: 3,
      kind: 'single_agency',
      owner: 'NHFT',
      learningNeed: 'The emergency department and minor injuries unit could not see each other’s attendances for the same child.',
      action: 'Share injury attendances between the ED and the minor injuries unit and show a warning when a child has attended either site three or more times in 12 months.',
      successMeasure: 'Warning live on both sites; monthly report of children flagged.',
      targetDay: 30,
      themes: ['info', 'curiosity'],
      createdDay: -245,
      updates: [
        { day: -190, by: 'nhft_nn', to: 'in_progress', confidence: 'on_track', note: 'Specification agreed with the minor injuries unit.' },
        { day: -110, by: 'nhft_nn', confidence: 'on_track', note: 'Supplier development slot confirmed.' },
        { day: -28, by: 'nhft_nn', confidence: 'at_risk', note: 'Supplier has pushed the release back six weeks. Interim: manual weekly list from the safeguarding team.' },
      ],
    },
    {
      rec: 3,
      kind: 'single_agency',
      owner: 'GPF',
      learningNeed: 'GP practices did not review a child’s repeated injury consultations together.',
      action: 'Code every injury consultation for under-18s and review any child with three or more in a year at the practice safeguarding meeting.',
      successMeasure: '90% of practices hold a monthly safeguarding meeting that reviews the list.',
      targetDay: 60,
      themes: ['curiosity'],
      createdDay: -245,
      updates: [
        { day: -180, by: 'gp', to: 'in_progress', confidence: 'on_track', note: 'Search built and shared with all practices.' },
        { day: -95, by: 'gp', confidence: 'on_track', note: '29 of 38 practices using the search.' },
        { day: -40, by: 'gp', confidence: 'on_track', note: '35 of 38. Remaining three have new safeguarding leads; visiting them this month.' },
      ],
    },
    {
      rec: 3,
      kind: 'single_agency',
      owner: 'ICB',
      learningNeed: 'Commissioners had no view of how well health providers spot patterns of injury.',
      action: 'Designated professionals to audit 30 cases of children with repeated unscheduled attendances across providers.',
      successMeasure: 'Audit report with provider-level findings presented to the health safeguarding forum.',
      targetDay: -10,
      themes: ['curiosity', 'info'],
      createdDay: -245,
      updates: [
        { day: -170, by: 'icb_dd', to: 'in_progress', confidence: 'on_track', note: 'Audit tool agreed; cases identified.' },
        { day: -90, by: 'icb_dd', confidence: 'on_track', note: '22 of 30 cases reviewed.' },
        {
          day: -30,
          by: 'icb_dd',
          to: 'completed',
          confidence: 'on_track',
          note: 'Audit complete: patterns identified in 24 of 30 cases; 4 where earlier referral was possible. Presented to the health forum on {d:-33}.',
          evidence: [['Repeated attendance audit', 'icb/safeguarding/repeat-attendance-audit.pdf']],
        },
      ],
    },
    {
      rec: 4,
      kind: 'single_agency',
      owner: 'NP',
      learningNeed: 'Reports involving children were not passed to children’s services, or were passed late.',
      action: 'Clear the backlog of public protection notices and share every notice involving a child with the front door within 24 hours.',
      successMeasure: '95% of notices involving a child shared within 24 hours for three consecutive months.',
      targetDay: -20,
      themes: ['info', 'da'],
      createdDay: -245,
      updates: [
        { day: -200, by: 'np_dci', to: 'in_progress', confidence: 'on_track', note: 'Extra staff moved into the referral hub for three months.' },
        { day: -130, by: 'np_dci', confidence: 'at_risk', note: '71% shared within 24 hours. Backlog 140.' },
        { day: -60, by: 'np_dci', confidence: 'off_track', note: 'Temporary staff returned to teams. 58%.' },
        { day: -15, by: 'np_dci', confidence: 'off_track', note: 'Backlog 212 notices. Business case for permanent hub posts goes to the chief officer group on {d:-8}. Not achievable by the target date.' },
      ],
    },
    {
      rec: 5,
      kind: 'multi_agency',
      owner: 'NCS',
      partners: ['NP', 'PROB', 'NCHT', 'MWA'],
      learningNeed: 'Men in the household were not identified, engaged or assessed.',
      action: 'Produce a "who is in the house" prompt and a working with fathers and male carers toolkit; build both into the assessment template and multi-agency training.',
      successMeasure: 'Audit of 30 assessments shows all adults in the household identified in 90% and men assessed in 75%.',
      targetDay: 150,
      themes: ['men', 'da'],
      createdDay: -245,
      updates: [
        { day: -205, by: 'ncs_psw', to: 'in_progress', confidence: 'on_track', note: 'Task group formed, including fathers from the parent panel.' },
        { day: -125, by: 'ncs_psw', confidence: 'on_track', note: 'Prompt and toolkit drafted; police and probation checks built in.' },
        { day: -35, by: 'ncs_psw', confidence: 'on_track', note: 'Prompt added to the assessment template on {d:-38}. Toolkit launch at the practitioner forum next month.' },
      ],
    },
    {
      rec: 5,
      kind: 'single_agency',
      owner: 'NCHT',
      learningNeed: 'Health visitors and school nurses did not ask who else lived in the home.',
      action: 'Ask about and record every adult in the household at each contact, and record fathers’ details at the new birth visit.',
      successMeasure: 'Audit shows household composition recorded in 90% of contacts.',
      targetDay: 80,
      themes: ['men'],
      createdDay: -245,
      updates: [
        { day: -190, by: 'ncht_nn', to: 'in_progress', confidence: 'on_track', note: 'Template change requested.' },
        { day: -100, by: 'ncht_nn', confidence: 'on_track', note: 'Template live. Baseline audit: 64%.' },
        { day: -10, by: 'ncht_nn', confidence: 'on_track', note: 'Audit: 83%.' },
      ],
    },
    {
      rec: 5,
      kind: 'single_agency',
      owner: 'PROB',
      learningNeed: 'Probation did not check whether people on licence had started living with children.',
      action: 'Check household composition and children at every home visit for people on licence with violence convictions; share new relationships with children’s services.',
      successMeasure: 'Audit of 25 cases shows the check recorded in 90%.',
      targetDay: -30,
      themes: ['men', 'info'],
      createdDay: -245,
      updates: [],
    },
    {
      rec: 6,
      kind: 'multi_agency',
      owner: 'NEIS',
      partners: ['MAT', 'NCS'],
      subgroup: 'SIE',
      learningNeed: 'Persistent absence and repeated moves of school were not treated as safeguarding concerns.',
      action: 'Agree an escalation route for persistent absence and in-year moves, so the attendance service and any allocated social worker are told, and a safeguarding discussion is held.',
      successMeasure: 'Route agreed by all secondary schools; termly report of escalations to the SiE subgroup.',
      targetDay: 120,
      themes: ['attendance', 'escalation'],
      createdDay: -245,
      updates: [
        { day: -195, by: 'neis_head', to: 'in_progress', confidence: 'on_track', note: 'Draft route shared with headteachers’ forum.' },
        { day: -110, by: 'neis_head', confidence: 'on_track', note: 'Agreed by 8 of 9 secondary schools; one academy seeking trust sign-off.' },
        { day: -33, by: 'neis_head', confidence: 'on_track', note: 'All 9 signed up. 23 escalations in the first half-term.' },
      ],
    },
    {
      rec: 6,
      kind: 'single_agency',
      owner: 'MAT',
      subgroup: 'SIE',
      learningNeed: 'Schools did not know a child’s history when they joined mid-year.',
      action: 'Hold a transition safeguarding meeting for any child who joins a Moorgate school after moving school twice within a year.',
      successMeasure: 'Meeting held for every eligible child.',
      targetDay: -40,
      themes: ['attendance', 'info'],
      createdDay: -245,
      updates: [
        { day: -200, by: 'mat', to: 'in_progress', confidence: 'on_track', note: 'Procedure written for all five trust schools.' },
        {
          day: -60,
          by: 'mat',
          to: 'completed',
          confidence: 'on_track',
          note: '14 eligible children joined this year; meetings held for all 14.',
          evidence: [['In-year admissions safeguarding log', 'mlt/safeguarding/in-year-admissions-log.xlsx']],
        },
      ],
    },
    {
      rec: 7,
      kind: 'multi_agency',
      owner: 'NCS',
      partners: ['NHFT', 'NEIS', 'NP'],
      subgroup: 'QA',
      learningNeed: 'Assessments recorded what adults said about children more often than what children said themselves.',
      action: 'Run a multi-agency audit of 40 assessments and plans for how the child’s own words are recorded and used.',
      successMeasure: 'Audit reported to QA subgroup with agency-level findings and actions.',
      targetDay: 25,
      themes: ['voice'],
      createdDay: -245,
      updates: [
        { day: -180, by: 'ncs_hos', to: 'in_progress', confidence: 'on_track', note: 'Audit tool agreed at QA.' },
        { day: -110, by: 'ncs_hos', confidence: 'on_track', note: 'Cases sampled; agencies asked for records by {d:-80}.' },
        { day: -46, by: 'ncs_hos', confidence: 'at_risk', note: 'Only 3 of 6 agencies have returned their records. Chased.' },
      ],
    },
    {
      rec: 7,
      kind: 'single_agency',
      owner: 'NHFT',
      subgroup: 'QA',
      learningNeed: 'Hospital safeguarding referrals did not record what children said.',
      action: 'Add a “child’s own words” field to the hospital safeguarding referral form.',
      successMeasure: 'Field completed in 80% of referrals.',
      targetDay: 60,
      themes: ['voice'],
      createdDay: -245,
      updates: [
        { day: -190, by: 'nhft_nn', to: 'in_progress', confidence: 'on_track', note: 'Form change agreed.' },
        {
          day: -90,
          by: 'bu_mgr',
          to: 'withdrawn',
          confidence: 'on_track',
          note: 'Withdrawn at QA subgroup.',
          reason: 'Merged into the multi-agency child’s voice audit ({ref:17}); the hospital’s form change and its measures are now reported there.',
        },
      ],
    },
    {
      rec: 4,
      kind: 'single_agency',
      owner: 'NP',
      learningNeed: 'Response officers attending the home did not speak to Maisie on her own.',
      action: 'Deliver child-centred policing training to all response officers, including speaking to children alone and recording what they say.',
      successMeasure: '85% of response officers trained; body-worn video sample shows children spoken to in 75% of domestic incidents.',
      targetDay: -50,
      themes: ['voice', 'da'],
      createdDay: -245,
      updates: [
        { day: -215, by: 'np_dci', to: 'in_progress', confidence: 'on_track', note: 'Training package adapted from the national child-centred policing material.' },
        {
          day: -120,
          by: 'np_dci',
          to: 'completed',
          confidence: 'on_track',
          note: '430 of 496 response officers trained (87%). Body-worn video sample of 40 incidents: child spoken to in 31.',
          evidence: [
            ['Training completion', 'police/l-and-d/child-centred-policing.xlsx'],
            ['Body-worn video sample', 'police/ppu/bwv-child-voice-sample.pdf'],
          ],
        },
        {
          day: -52,
          by: 'lpr_chair',
          to: 'assured',
          confidence: 'on_track',
          note: 'Assured.',
          evidenceOfImpact: 'Children spoken to at 31 of 40 sampled domestic incidents (78%), against 12 of 40 before training; their words now quoted in the referral in most of those cases.',
        },
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// 4. Thematic review: babies with non-accidental injuries (under way, started about four months ago)
// ---------------------------------------------------------------------------------------------------------------
const infants: DemoReview = {
  codePrefix: 'INF',
  type: 'thematic_review',
  childPseudonym: 'Babies L, M and N',
  title: 'Thematic review: serious injuries to babies under one and the men in their lives',
  stage: 'review',
  notifiedDay: -215,
  rapidReviewDay: -197,
  startedDay: -122,
  completedDay: null,
  publishedDay: null,
  leadReviewer: 'Dr Helen Brierley and Jonah Weekes, joint independent reviewers',
  subgroup: 'LPR',
  summary:
    'Three babies, aged between seven weeks and five months, suffered serious non-accidental injuries within ten months of each other. In each family the father or the mother’s partner cared for the baby much of the time but was barely known to professionals. ' +
    'After the third rapid review the partnership, with the National Panel’s agreement, commissioned one thematic review of the three cases instead of three separate reviews. Interim actions from the rapid reviews are being tracked while the review continues.',
  themes: ['men', 'curiosity', 'info', 'pmh', 'da'],
  learningPoints: [
    {
      title: 'Fathers and partners were invisible in pregnancy and after the birth',
      description:
        'Maternity and health visiting records named the fathers in only one of the three cases. None of the men was asked about his own history, mental health or support.',
    },
    {
      title: 'Bruising in a baby who is not yet mobile was not always acted on',
      description:
        'In two cases small bruises were seen by a professional weeks before the serious injury and were accepted as accidental without following the protocol.',
    },
    {
      title: 'What adult services knew about the men stayed with adult services',
      description:
        'Probation and adult mental health services held relevant information about two of the men that was not shared at the pre-birth stage.',
    },
  ],
  recommendations: [
    {
      text: 'Interim: the partnership should relaunch the protocol for bruising in babies who are not independently mobile across health, ambulance, early years and police.',
      addressee: 'partnership',
      leadAgency: 'ICB',
      subgroup: 'LPR',
      learningPoints: [2],
      targetDay: 40,
    },
    {
      text: 'Interim: all agencies in contact with a family in pregnancy or the first year should identify and record the baby’s father and any partner of the mother, and share what they know about them.',
      addressee: 'partnership',
      subgroup: 'LPR',
      learningPoints: [1, 3],
      targetDay: 90,
    },
  ],
  actions: [
    {
      rec: 1,
      kind: 'single_agency',
      owner: 'NHFT',
      learningNeed: 'The emergency department and maternity staff did not always follow the protocol for bruising in non-mobile babies.',
      action: 'Re-brief ED, paediatric and maternity staff on the protocol and audit every non-mobile baby seen with a bruise.',
      successMeasure: 'Protocol followed in every audited case.',
      targetDay: 40,
      themes: ['curiosity'],
      createdDay: -190,
      updates: [
        { day: -175, by: 'nhft_nd', to: 'in_progress', confidence: 'on_track', note: 'Briefing at ED and paediatric governance; protocol added to the ED induction.' },
        { day: -110, by: 'nhft_nd', confidence: 'on_track', note: 'Audit: 9 babies with bruising seen; protocol followed in 8. One missed, discussed with the registrar.' },
        { day: -20, by: 'nhft_nd', confidence: 'on_track', note: '16 of 17 since the rebrief. Maternity briefing done on {d:-26}.' },
      ],
    },
    {
      rec: 1,
      kind: 'single_agency',
      owner: 'NRAS',
      learningNeed: 'Crews were not aware of the protocol for bruising in babies.',
      action: 'Include the bruising protocol in the crew safeguarding update and the clinical guidance app.',
      successMeasure: 'Guidance live in the app; briefing read by 90% of crews.',
      targetDay: -30,
      themes: ['curiosity'],
      createdDay: -190,
      updates: [
        { day: -160, by: 'nras_sp', to: 'in_progress', confidence: 'on_track', note: 'Guidance card drafted with the named professional.' },
        {
          day: -45,
          by: 'nras',
          to: 'completed',
          confidence: 'on_track',
          note: 'Card live in the app. Briefing read receipts 93%.',
          evidence: [['Clinical app guidance card', 'nras/clinical/bruising-non-mobile-card.pdf']],
        },
        {
          day: -9,
          by: 'bu_mgr',
          to: 'in_progress',
          note: 'Returned for more information: read receipts show crews saw the card, not that they use it. Please sample ten call-outs to non-mobile babies and say whether the protocol was followed.',
        },
      ],
    },
    {
      rec: 1,
      kind: 'single_agency',
      owner: 'GPF',
      learningNeed: 'GP practices had no prompt about bruising in non-mobile babies.',
      action: 'Add a bruising protocol prompt to the GP baby check and consultation templates.',
      successMeasure: 'Prompt live in all practices.',
      targetDay: 40,
      themes: ['curiosity'],
      createdDay: -190,
      updates: [
        { day: -150, by: 'gp', to: 'in_progress', confidence: 'on_track', note: 'Template content agreed with the named GPs.' },
        { day: -62, by: 'gp', confidence: 'on_track', note: 'Template built. Waiting for the system supplier to deploy it.' },
      ],
    },
    {
      rec: 2,
      kind: 'multi_agency',
      owner: 'NHFT',
      partners: ['NCHT', 'GPF', 'NCS'],
      learningNeed: 'Fathers and partners were not recorded at booking or after the birth.',
      action: 'Record the father’s and any partner’s name, date of birth and address at booking; pass them to health visiting and the GP with the birth notification.',
      successMeasure: 'Fathers’ details recorded at 85% of bookings and passed on at 90% of births.',
      targetDay: 90,
      themes: ['men', 'info'],
      createdDay: -190,
      updates: [
        { day: -170, by: 'nhft_mw', to: 'in_progress', confidence: 'on_track', note: 'Booking form changed; community midwives briefed.' },
        { day: -90, by: 'nhft_mw', confidence: 'on_track', note: 'Recorded at 62% of bookings.' },
        { day: -14, by: 'nhft_mw', confidence: 'on_track', note: '79%. Birth notification now includes father’s details.' },
      ],
    },
    {
      rec: 2,
      kind: 'single_agency',
      owner: 'NCHT',
      learningNeed: 'Health visitors rarely met fathers or asked about them.',
      action: 'Offer every new birth visit at a time the father can attend, and record whether he was seen.',
      successMeasure: 'Father seen or spoken to at 60% of new birth visits.',
      targetDay: 60,
      themes: ['men'],
      createdDay: -190,
      updates: [
        { day: -165, by: 'ncht_nn', to: 'in_progress', confidence: 'on_track', note: 'Evening and Saturday visit slots created in two localities.' },
        { day: -95, by: 'ncht_nn', confidence: 'at_risk', note: '31%. Staff vacancies limit out-of-hours slots.' },
        { day: -30, by: 'ncht_nn', confidence: 'at_risk', note: '38%. Evening slots only available in one locality now.' },
      ],
    },
    {
      rec: 2,
      kind: 'single_agency',
      owner: 'NP',
      learningNeed: 'Domestic abuse history of fathers and partners was not shared at pre-birth strategy meetings.',
      action: 'Include police checks on the father and any partner in every pre-birth strategy meeting.',
      successMeasure: 'Checks presented at 95% of pre-birth strategy meetings.',
      targetDay: 30,
      themes: ['men', 'da', 'info'],
      createdDay: -190,
      updates: [
        { day: -150, by: 'np_di', to: 'in_progress', confidence: 'on_track', note: 'Checklist amended for strategy discussions.' },
        { day: -78, by: 'np_di', confidence: 'on_track', note: '22 of 24 meetings.' },
        { day: -21, by: 'np_di', confidence: 'on_track', note: '18 of 18 this period.' },
      ],
    },
    {
      rec: 2,
      kind: 'single_agency',
      owner: 'MMH',
      learningNeed: 'The perinatal mental health service did not ask about the partner’s mental health or substance use.',
      action: 'Add questions on the partner’s mental health, substance use and involvement in care to the perinatal assessment.',
      successMeasure: 'Questions answered in 90% of perinatal assessments audited.',
      targetDay: 100,
      themes: ['men', 'pmh'],
      createdDay: -20,
      updates: [],
    },
    {
      rec: 2,
      kind: 'single_agency',
      owner: 'PROB',
      learningNeed: 'Probation knew one father was living with a pregnant partner but did not tell children’s services.',
      action: 'Notify children’s services whenever a person on licence or a community order with a violence history lives with a pregnant woman or a baby.',
      successMeasure: 'Notifications made in every case found in a quarterly audit.',
      targetDay: 60,
      themes: ['men', 'info'],
      createdDay: -190,
      updates: [
        { day: -140, by: 'prob_hd', to: 'in_progress', confidence: 'on_track', note: 'Instruction issued to all practitioners.' },
        { day: -68, by: 'prob', confidence: 'at_risk', note: 'Audit: 5 of 8 notified.' },
        { day: -8, by: 'prob', confidence: 'on_track', note: 'Audit: 9 of 9. Added to the monthly management check.' },
      ],
    },
    {
      kind: 'single_agency',
      owner: 'NH',
      learningNeed: 'Housing officers saw a new partner living in one of the homes but had no route for telling anyone.',
      action: 'Train tenancy and neighbourhood officers to report concerns about babies and new adults in a household to the front door.',
      successMeasure: '90% of officers trained; referrals from housing tracked.',
      targetDay: -5,
      themes: ['men', 'curiosity'],
      createdDay: -190,
      updates: [
        { day: -160, by: 'nh', to: 'in_progress', confidence: 'on_track', note: 'Session booked with the partnership trainer.' },
        { day: -95, by: 'nh', confidence: 'at_risk', note: 'Session postponed, trainer ill.' },
        { day: -25, by: 'nh', confidence: 'off_track', note: 'Postponed again. 30% of tenancy officer posts vacant; we cannot release staff until new starters are in.' },
      ],
    },
  ],
};

// ---------------------------------------------------------------------------------------------------------------
// 5. Rapid review: Ellis (this month; the meeting was held later than 15 working days)
// ---------------------------------------------------------------------------------------------------------------
const ellis: DemoReview = {
  codePrefix: 'EL',
  type: 'rapid_review',
  childPseudonym: 'Ellis',
  title: 'Rapid review: Ellis',
  stage: 'rapid_review',
  notifiedDay: -30,
  rapidReviewDay: -2,
  startedDay: null,
  completedDay: null,
  publishedDay: null,
  leadReviewer: '',
  subgroup: 'LPR',
  summary:
    'Ellis, 15, was admitted to hospital after a serious attempt to end their life during the school holidays. Ellis had told school staff they were unhappy at home and was waiting for a specialist gender identity service. ' +
    'The family had Early Help support, and professionals held different views about the level of risk. The rapid review meeting took place later than the 15 working day expectation because the hospital’s chronology was not ready. ' +
    'The partnership is waiting for the National Panel’s view before deciding what kind of review follows.',
  themes: ['voice', 'escalation', 'attendance', 'info'],
  learningPoints: [
    {
      title: 'School holidays were a gap in the safety plan',
      description: 'Daily contact with school kept Ellis safe in term time. The plan did not say what would replace it over the holidays, or ask Ellis.',
    },
    {
      title: 'Different views of risk were never resolved',
      description: 'School and the school nurse thought a statutory assessment was needed; Early Help did not. Nobody used the escalation protocol.',
    },
    {
      title: 'Ellis’s account of home was recorded but not acted on',
      description: 'Ellis told several adults they were unhappy at home. These disclosures sat in pastoral notes and were not brought into the assessment.',
    },
  ],
  recommendations: [
    {
      text: 'Every safety plan for a child whose main protective factor is school should say, with the child, how they will be kept safe during school holidays.',
      addressee: 'subgroup',
      subgroup: 'SIE',
      learningPoints: [1, 3],
      targetDay: 28,
    },
    {
      text: 'Children’s Services should check how disagreements about stepping up from Early Help are resolved, and make sure the escalation protocol is used.',
      addressee: 'agency',
      leadAgency: 'NCS',
      subgroup: 'LPR',
      learningPoints: [2],
      targetDay: 42,
    },
  ],
  actions: [
    {
      rec: 1,
      kind: 'single_agency',
      owner: 'NEIS',
      subgroup: 'SIE',
      learningNeed: 'Schools’ safety plans did not cover the holidays.',
      action: 'Issue holiday safety planning guidance to every designated safeguarding lead before the next school holiday.',
      successMeasure: 'Guidance sent to all schools; DSL briefing attendance recorded.',
      targetDay: 21,
      themes: ['attendance', 'voice'],
      createdDay: -2,
      updates: [
        { day: -1, by: 'neis_eso', to: 'in_progress', confidence: 'on_track', note: 'Draft guidance written with two DSLs this morning; to SiE chair for sign-off.' },
      ],
    },
    {
      rec: 2,
      kind: 'single_agency',
      owner: 'NCS',
      learningNeed: 'Disagreement about stepping Ellis up from Early Help was not escalated.',
      action: 'Dip-sample 15 recent Early Help step-up requests that were declined and check whether disagreement was escalated.',
      successMeasure: 'Findings reported to LPR subgroup.',
      targetDay: 42,
      themes: ['escalation'],
      createdDay: -2,
      updates: [],
    },
    {
      kind: 'single_agency',
      owner: 'MMH',
      learningNeed: 'Young people waiting for the national gender identity service had no local contact.',
      action: 'CAMHS to contact every young person on its caseload who is waiting for the specialist gender service and agree a support and safety plan.',
      successMeasure: 'Contact made with every young person on the list.',
      targetDay: 28,
      themes: ['voice'],
      createdDay: -2,
      updates: [],
    },
    {
      kind: 'single_agency',
      owner: 'NHFT',
      learningNeed: 'School and Early Help were not involved in discharge planning.',
      action: 'Invite school and the Early Help worker to the discharge planning meeting for any young person admitted after self-harm.',
      successMeasure: 'Invitations recorded for every such admission.',
      targetDay: 14,
      themes: ['info'],
      createdDay: -2,
      updates: [],
    },
    {
      kind: 'single_agency',
      owner: 'MAT',
      subgroup: 'SIE',
      learningNeed: 'Ellis’s disclosures were kept in pastoral notes, not on the safeguarding system.',
      action: 'Remind staff in all trust schools to record disclosures about home life on the safeguarding system, and check a sample.',
      successMeasure: 'Sample of pastoral notes shows no safeguarding disclosures left off the system.',
      targetDay: 28,
      themes: ['voice', 'info'],
      createdDay: -2,
      updates: [],
    },
  ],
};

export const demoReviews: DemoReview[] = [kieran, jt, maisie, infants, ellis];
