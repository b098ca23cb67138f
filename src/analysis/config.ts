/**
 * The thresholds of every diagnostic, in one place, with their defaults. A deployment may override any of them; the
 * defaults are documented here and in docs/DIAGNOSTICS.md.
 */
export interface DiagnosticConfig {
  /** TOWNSHIP_TEMPLATE: share of townships with an identical set of internal units that counts as a template. */
  townshipTemplateShare: number;
  /** TOWNSHIP_TEMPLATE: max/min ratio of population or area at or above which two places' profiles differ. */
  townshipProfileRatio: number;
  /** LIVELIHOOD_GAP: minimum public-service quota per 10,000 people aged 60+ (养老) and per 1,000 children 0–6 (学前). */
  elderlyQuotaPer10k: number;
  childrenQuotaPer1k: number;
  /** HOSTED_MISMATCH: a hosted unit whose domains share less than this (Jaccard) with its host's. */
  hostedDomainOverlapMax: number;
  /** ENFORCEMENT_SCATTERED: units holding 行政处罚/行政检查 in one domain at or above which it is scattered. */
  enforcementUnitsMin: number;
  /** OVER_CAP: coordination bodies older than this many years are flagged as expired special bodies. */
  coordinationMaxYears: number;
  /** DUTY_OVERLAP: cosine similarity of TF-IDF vectors at or above which two duties overlap. */
  overlapThreshold: number;
  /** DOMAIN_FRAGMENTED: institutions with lead duties in one domain at or above which it is fragmented. */
  fragmentedLeadsMin: number;
  /** DUTY_TOO_BROAD: domains per staff member (三定 lead duties) above which duties are too broad; and minimum domains. */
  broadDomainsPerStaff: number;
  broadDomainsMin: number;
  /** DOMAIN_UNCOVERED: the emerging domains that must have a firm lead. */
  emergingDomains: string[];
  /** VAGUE_DUTY: words that make a duty vague when no firm lead exists elsewhere. */
  vagueWords: string[];
  /** STAFF_WORKLOAD: robust z-score (median/MAD) of workload per person beyond which a unit is an outlier. */
  workloadZ: number;
  /** STAFF_WORKLOAD: a unit this many times above or below the peer median is an outlier at z ≥ workloadZ − 1. */
  workloadRatio: number;
  /** VACANT_QUOTA: vacancy share at or above which, and years without anyone joining, a vacancy is long-standing. */
  vacantShare: number;
  vacantYears: number;
  /** PROFESSIONAL_SHORTAGE: minimum share of people with a professional title in public institutions / key domains. */
  professionalShareMin: number;
  professionalDomains: string[];
  /** PROFESSIONAL_SHORTAGE: the higher minimum share for public institutions in professionalDomains (default 0.5). */
  professionalKeyShareMin: number;
  /** AGEING: mean age above which, share under 35 below which, retirements due within N years share above which. */
  ageingMeanAge: number;
  ageingUnder35Max: number;
  retirementYears: number;
  retirementShareMax: number;
  retirementAge: { 男: number; 女: number };
  /** AGEING: institutions with fewer people (with a birth date) than this are too small to judge (default 8). */
  ageingMinStaff: number;
  /** DATA_QUALITY: an indicator year older than this many years is stale. */
  staleYears: number;
}

export const defaultDiagnosticConfig: DiagnosticConfig = {
  townshipTemplateShare: 0.75,
  townshipProfileRatio: 2,
  elderlyQuotaPer10k: 5,
  childrenQuotaPer1k: 3,
  hostedDomainOverlapMax: 0.1,
  enforcementUnitsMin: 4,
  coordinationMaxYears: 5,
  overlapThreshold: 0.4,
  fragmentedLeadsMin: 4,
  broadDomainsPerStaff: 1,
  broadDomainsMin: 8,
  emergingDomains: ['数字经济', '人工智能', '低空经济', '碳达峰碳中和'],
  vagueWords: ['指导', '参与', '协助', '配合', '协调'],
  workloadZ: 3,
  workloadRatio: 2.5,
  vacantShare: 0.3,
  vacantYears: 3,
  professionalShareMin: 0.3,
  professionalDomains: ['科技创新', '金融服务'],
  professionalKeyShareMin: 0.5,
  ageingMeanAge: 48,
  ageingUnder35Max: 0.1,
  retirementYears: 5,
  retirementShareMax: 0.3,
  retirementAge: { 男: 60, 女: 55 },
  ageingMinStaff: 8,
  staleYears: 3,
};
