import { Role } from './roles';

/** The signed-in caller, as the guard resolved it for this request. */
export interface Principal {
  userId: string;
  username: string;
  fullName: string;
  role: Role;
  sessionId: string;
  unitId: string | null;
  organizerId: string | null;
  /** The caller's unit and the units it succeeded (mergers), own unit first: the successor holds their records and acts for them. */
  unitIds: string[];
  /** The caller's organiser and the organisers it succeeded (Bộ KH&CN after Bộ TTTT), own first. */
  organizerIds: string[];
  /** The day the caller's unit ended (merged or dissolved), when that day is past: the account may then only read. */
  unitEndedOn: string | null;
  /** Clusters a cluster secretary works for. */
  clusterIds: string[];
  /** The account has a second factor in force. */
  mfaEnrolled: boolean;
}
