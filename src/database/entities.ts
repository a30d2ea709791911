import { AuditEntry } from '../audit/audit-entry.entity';
import { Award, AwardQuota, AwardRuleVersion, Ballot, MeetingAttendance, ReviewMeeting } from '../awards/award.entities';
import { AchievementReport, AwardHistory, AwardProposal } from '../awards/award-proposal.entities';
import { Session } from '../auth/session.entity';
import { UserClusterScope } from '../auth/user-cluster-scope.entity';
import { User } from '../auth/user.entity';
import { MfaRecoveryCode } from '../auth/mfa-recovery-code.entity';
import { ClusterDecision } from '../clusters/cluster-decision.entity';
import { Cluster } from '../clusters/cluster.entity';
import { EmulationYear } from '../clusters/emulation-year.entity';
import { Membership } from '../clusters/membership.entity';
import { LeadershipTerm } from '../leadership/leadership-term.entity';
import { RotationPolicy } from '../leadership/rotation-policy.entity';
import { CriteriaSet } from '../criteria/criteria-set.entity';
import { Criterion, CriterionTarget } from '../criteria/criterion.entity';
import { DocumentNumber } from '../issued-documents/document-number.entity';
import { IssuedDocument } from '../issued-documents/issued-document.entity';
import { PledgeSignature } from '../pledges/pledge-signature.entity';
import { Pledge } from '../pledges/pledge.entity';
import { EvidenceFile } from '../scoring/evidence-file.entity';
import { ScoreEntry } from '../scoring/score-entry.entity';
import { PeerConflictOverride, UnitRelation } from '../scoring/conflict.entities';
import { ScoreContest } from '../scoring/contests/score-contest.entity';
import { ScoreSheet } from '../scoring/score-sheet.entity';
import { ScoringConfig } from '../scoring/scoring-config.entity';
import { Unit } from '../units/unit.entity';
import { LegalText, LegalValue } from '../legal/legal.entities';
import { AwardImpediment, CollectiveRating } from '../awards/ratings/ratings.entities';
import { ClusterRegulation } from '../awards/regulations/regulation.entity';
import { BallotCountEntry, BallotSession, BallotVoter, CastBallot, WrittenOpinion } from '../awards/ballots/ballot.entities';
import { CouncilAttendance, CouncilBallot, CouncilMeeting, CouncilMember } from '../awards/council/council.entities';

/** Every entity of the application, for the data source (app, CLI and tests alike). */
export const ENTITIES = [Unit, Cluster, ClusterDecision, Membership, EmulationYear, User, UserClusterScope, Session, AuditEntry, LeadershipTerm, RotationPolicy,
  CriteriaSet, Criterion, CriterionTarget, Pledge, PledgeSignature, IssuedDocument,
  ScoringConfig, ScoreSheet, ScoreEntry, EvidenceFile, UnitRelation, PeerConflictOverride, ScoreContest,
  Award, AwardRuleVersion, AwardQuota, ReviewMeeting, MeetingAttendance, Ballot, AwardProposal, AwardHistory, DocumentNumber, AchievementReport, MfaRecoveryCode, LegalText, LegalValue, CouncilMember, CouncilMeeting, CouncilAttendance, CouncilBallot, CollectiveRating, AwardImpediment, ClusterRegulation, BallotSession, BallotVoter, CastBallot, BallotCountEntry, WrittenOpinion];
