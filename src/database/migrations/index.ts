import { Foundation1763700000000 } from './1763700000000-Foundation';
import { Leadership1763800000000 } from './1763800000000-Leadership';
import { CriteriaAndPledges1763900000000 } from './1763900000000-CriteriaAndPledges';
import { Scoring1764000000000 } from './1764000000000-Scoring';
import { Evidence1764100000000 } from './1764100000000-Evidence';
import { Awards1764200000000 } from './1764200000000-Awards';
import { Proposals1764300000000 } from './1764300000000-Proposals';
import { DocumentNumbers1764400000000 } from './1764400000000-DocumentNumbers';
import { AchievementReports1764500000000 } from './1764500000000-AchievementReports';
import { AwardCatalogue1764600000000 } from './1764600000000-AwardCatalogue';
import { LeadershipChairIndex1764700000000 } from './1764700000000-LeadershipChairIndex';
import { Hardening1764800000000 } from './1764800000000-Hardening';
import { ClusterYearRevisions1764900000000 } from './1764900000000-ClusterYearRevisions';
import { VoteShares1765000000000 } from './1765000000000-VoteShares';
import { LegalCatalogue1765100000000 } from './1765100000000-LegalCatalogue';
import { CouncilAndRegister1765200000000 } from './1765200000000-CouncilAndRegister';
import { DocumentMetadata1765300000000 } from './1765300000000-DocumentMetadata';
import { CollectiveRatings1765400000000 } from './1765400000000-CollectiveRatings';
import { ClusterRegulations1765500000000 } from './1765500000000-ClusterRegulations';
import { Reorganisation1765600000000 } from './1765600000000-Reorganisation';
import { SecretBallot1765700000000 } from './1765700000000-SecretBallot';
import { MeasuredCriteria1765800000000 } from './1765800000000-MeasuredCriteria';
import { SharedFilesAndJobs1766000000000 } from './1766000000000-SharedFilesAndJobs';
import { Notifications1766100000000 } from './1766100000000-Notifications';
import { NormalizationGuards1766300000000 } from './1766300000000-NormalizationGuards';
import { SharedPadesState1766600000000 } from './1766600000000-SharedPadesState';

/** Migrations in order. Never edit a committed migration: add a new one. */
export const MIGRATIONS = [Foundation1763700000000, Leadership1763800000000, CriteriaAndPledges1763900000000, Scoring1764000000000, Evidence1764100000000, Awards1764200000000, Proposals1764300000000, DocumentNumbers1764400000000, AchievementReports1764500000000, AwardCatalogue1764600000000, LeadershipChairIndex1764700000000, Hardening1764800000000, ClusterYearRevisions1764900000000, VoteShares1765000000000, LegalCatalogue1765100000000, CouncilAndRegister1765200000000, DocumentMetadata1765300000000, CollectiveRatings1765400000000, ClusterRegulations1765500000000, Reorganisation1765600000000, SecretBallot1765700000000, MeasuredCriteria1765800000000, SharedFilesAndJobs1766000000000, Notifications1766100000000, NormalizationGuards1766300000000, SharedPadesState1766600000000];
