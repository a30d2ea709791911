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
  /** Clusters a cluster secretary works for. */
  clusterIds: string[];
  /** The account has a second factor in force. */
  mfaEnrolled: boolean;
}
