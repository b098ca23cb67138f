/** Facts about the district on one date, as the store reads them and the analysis consumes them. */
export interface PersonFact {
  personId: string;
  institutionId: string;
  unitId: string | null;
  category: string;
  post: string | null;
  leadershipLevel: string | null;
  postClass: string | null;
  gender: string | null;
  birthDate: string | null;
  education: string | null;
  degree: string | null;
  titleLevel: string | null;
  politicalStatus: string | null;
  startOn: string;
}

export interface DutyFact {
  id: number;
  institutionId: string;
  source: 'sanding' | 'power_list';
  category: string | null;
  title: string;
  text: string | null;
  legalBasis: string | null;
  /** Tags given at import (override the dictionary when present). */
  domains: string[];
  role: 'lead' | 'assist';
}

export interface WorkloadFact {
  institutionId: string;
  year: number;
  indicator: string;
  value: number;
}

export interface IndicatorFact {
  /** A street/township, or null for the whole district. */
  scopeInstitutionId: string | null;
  year: number;
  indicator: string;
  value: number | null;
  textValue: string | null;
}
